// Host access to the image CDN: checked and asked for in one place (the options page, the popup and the worker use it).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { afterEach, expect, test, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { imageAccess } from '../../../lib/ocr/image-access';
import { IMAGE_CDN_MATCHES } from '../../../lib/sites/xiaohongshu/hosts';

afterEach(() => vi.restoreAllMocks());

test('has() and request() name the image CDN; an API failure reads as not granted', async () => {
  const contains = vi.spyOn(fakeBrowser.permissions, 'contains').mockImplementation((async () => true) as never);
  const request = vi.spyOn(fakeBrowser.permissions, 'request').mockImplementation((async () => false) as never);
  expect(await imageAccess.has()).toBe(true);
  expect(contains).toHaveBeenCalledWith({ origins: IMAGE_CDN_MATCHES });
  expect(await imageAccess.request()).toBe(false);
  expect(request).toHaveBeenCalledWith({ origins: IMAGE_CDN_MATCHES });
  contains.mockImplementation((async () => Promise.reject(new Error('no permissions API'))) as never);
  expect(await imageAccess.has()).toBe(false);
});

const ROOT = resolve(import.meta.dirname, '../../..');
const sources = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sources(path) : /\.tsx?$/.test(name) ? [path] : [];
  });

test('no other module of the extension asks the permissions API about the image CDN', () => {
  const elsewhere = ['lib', 'components', 'entrypoints']
    .flatMap((dir) => sources(join(ROOT, dir)))
    .filter((file) => /permissions\.(contains|request)\(\{ origins: IMAGE_CDN_MATCHES/.test(readFileSync(file, 'utf8')))
    .map((file) => relative(ROOT, file));
  expect(elsewhere).toEqual(['lib/ocr/image-access.ts']);
});
