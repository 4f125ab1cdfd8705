// The foundation works end to end: the built extension loads in Chromium, its content script runs on
// a replica feed page served under the real host, and its popup opens.
import { afterAll, beforeAll, expect, test } from 'vitest';
import { launchExtension, type ExtensionSession } from './harness';

let session: ExtensionSession;
beforeAll(async () => {
  session = await launchExtension();
});
afterAll(async () => {
  await session?.close();
});

test('the content script runs on the explore feed under www.xiaohongshu.com', async () => {
  const page = await session.openSite('/explore');
  // The content script marks nothing of the page's for tests: its on-page switch shows it runs.
  await page.waitForSelector('#rnl-floating-button', { state: 'attached' });
  expect(new URL(page.url()).host).toBe('www.xiaohongshu.com');
  expect(await page.locator('section.note-item').count()).toBeGreaterThanOrEqual(20);
  await session.screenshot(page, 'smoke-explore');
});

test('the manifest asks for the site, DeepL, storage and offscreen only; the image CDN (text in images) is optional', async () => {
  const manifest = await session.worker.evaluate(() =>
    (globalThis as unknown as { chrome: { runtime: { getManifest(): unknown } } }).chrome.runtime.getManifest(),
  ) as { host_permissions: string[]; optional_host_permissions: string[]; permissions: string[]; content_scripts: Array<{ matches: string[] }>; minimum_chrome_version?: string };
  expect(manifest.host_permissions.sort()).toEqual(['https://api-free.deepl.com/*', 'https://api.deepl.com/*']);
  expect(manifest.optional_host_permissions).toContain('https://*.xhscdn.com/*');
  expect(manifest.content_scripts[0]?.matches.sort()).toEqual(['https://www.rednote.com/*', 'https://www.xiaohongshu.com/*']);
  expect(manifest.permissions.sort()).toEqual(['offscreen', 'storage']);
  // Only text in images needs Chrome 137 (WebAssembly JSPI): the offscreen document checks it, the manifest does not.
  expect(manifest.minimum_chrome_version).toBeUndefined();
});

test('the popup opens', async () => {
  const page = await session.openPopup();
  await expect.poll(() => page.locator('#root').innerText()).toContain('RedNote Lens');
  await session.screenshot(page, 'smoke-popup');
});
