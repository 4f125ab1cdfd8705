// `npm start` when the browser it is told to use is not there: a plain message and a failing exit, before any browser starts.
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { expect, test } from 'vitest';

test('CHROMIUM_PATH pointing nowhere: says so, says what to install, exits 1', { timeout: 30_000 }, () => {
  // A fresh Node compiling TypeScript: seconds on a loaded machine, so the test waits as long as the spawn may.
  const run = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/open-browser.ts'], {
    cwd: resolve(import.meta.dirname, '../..'),
    env: { ...process.env, CHROMIUM_PATH: '/nonexistent/chromium' },
    encoding: 'utf8',
    timeout: 30_000,
  });
  expect(run.status).toBe(1);
  expect(run.stderr).toContain('CHROMIUM_PATH is /nonexistent/chromium, and there is no file there');
  expect(run.stderr).toContain('npx @puppeteer/browsers install chrome@stable');
  expect(run.stdout).not.toContain('loaded');
});
