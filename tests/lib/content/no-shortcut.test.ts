// Alt+T is the browser's command, delivered to the worker (browser.commands), which page scripts
// cannot forge. The page side must not listen for keys itself: a page's synthetic keydown would reach it.
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { expect, test } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../../..');
const sources = (dir: string): string[] =>
  readdirSync(join(ROOT, dir), { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && /\.tsx?$/.test(e.name))
    .map((e) => join(e.parentPath, e.name));

test('nothing on the page side listens for keys: the shortcut is the worker\'s command only', () => {
  const pageSide = [...sources('lib/content'), ...sources('lib/render'), ...sources('entrypoints/content')];
  expect(pageSide.length).toBeGreaterThan(5);
  const listening = pageSide.filter((file) => /['"`]key(down|up|press)['"`]|\bonkey(down|up|press)\b/i.test(readFileSync(file, 'utf8')));
  expect(listening).toEqual([]);
  expect(readFileSync(join(ROOT, 'entrypoints/background.ts'), 'utf8')).toMatch(/commands\.onCommand\.addListener/);
});
