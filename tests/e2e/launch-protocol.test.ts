// The way `npm start` loads the extension into Google Chrome ≥ 137 (which ignores --load-extension): no
// extension flags, Extensions.loadUnpacked over the DevTools protocol. Debian's Chromium speaks it too, so the
// path is proved here for real: the worker runs and a replica page gets translated through the local DeepL server.
import { afterAll, beforeAll, expect, test } from 'vitest';
import { findBrowser, systemProbes } from '../../scripts/browser-finder';
import { rawEntries } from '../../lib/storage/keys';
import { CHROMIUM_PATH, EXTENSION_DIR, launchWithExtension, type LaunchedBrowser } from '../support/browser';
import { startDeeplServer, type DeeplTestServer } from '../support/deepl-server';
import { TEST_KEY } from './harness';
import { settled } from './page-probe';

let deepl: DeeplTestServer;
let browser: LaunchedBrowser;
beforeAll(async () => {
  deepl = await startDeeplServer({ latencyMs: 0 });
  browser = await launchWithExtension({ fixtures: true, deeplUrl: deepl.url, loadMethod: 'protocol' });
});
afterAll(async () => {
  await browser?.close();
  await deepl?.close();
});

test('the browser ran without extension flags, with the protocol switch', async () => {
  const page = await browser.context.newPage();
  await page.goto('chrome://version');
  const commandLine = await page.locator('#command_line').innerText();
  await page.close();
  expect(commandLine.split(' ')).toContain('--enable-unsafe-extension-debugging');
  expect(commandLine.split(' ')).not.toContain('--disable-extensions');
  // Debian's wrapper always adds --load-extension= for its packaged extensions; ours is not named anywhere.
  expect(commandLine).not.toContain(EXTENSION_DIR);
});

test('the extension loaded over the protocol runs: its worker answers and the feed is translated', async () => {
  expect(browser.extensionId).toMatch(/^[a-p]{32}$/);
  await browser.worker.evaluate(
    (entries) => (globalThis as unknown as { chrome: { storage: { local: { set(v: object): Promise<void> } } } }).chrome.storage.local.set(entries),
    rawEntries('deeplKey', TEST_KEY),
  );
  const page = await browser.context.newPage();
  await page.goto('https://www.xiaohongshu.com/explore');
  const result = await settled(page);
  expect(result.total).toBeGreaterThan(20);
  expect(result.translated).toBe(result.total);
  expect(deepl.translateRequests().length).toBeGreaterThan(0);
});

test('on this machine the finder picks the e2e suite\'s browser (Debian\'s Chromium, or CHROMIUM_PATH) and the flag', () => {
  const found = findBrowser({ ...systemProbes(), projectDir: process.cwd() });
  expect(found.ok && found.browser).toMatchObject({ path: CHROMIUM_PATH, method: 'flag' });
});
