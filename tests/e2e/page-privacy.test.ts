// What a page script can learn about us, and whether it can switch us off: it never sees our
// extension id (no start-up broadcast), finds no markers on its own nodes and no global rule of
// ours, and a forged "newer content script started" event does not stop the content script.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { launchExtension, type ExtensionSession } from './harness';
import { settled } from './page-probe';

let session: ExtensionSession;
let page: Page;
type Spy = { __messages: string[] };
beforeAll(async () => {
  session = await launchExtension();
  // The page's own script, there before ours: every window message it receives, as text.
  await session.context.addInitScript(() => {
    const messages: string[] = ((window as unknown as Spy).__messages = []);
    window.addEventListener('message', (event) => messages.push(JSON.stringify(event.data) ?? String(event.data)), true);
  });
  page = await session.openSite('/explore/66f0a1b2000000001e012345');
  await page.waitForSelector('.comment-item');
});
afterAll(() => session?.close());

const lines = () => page.locator('[data-rnl].rnl-t').count();

test('the page never learns our extension id, and finds no marker or rule of ours on its own nodes', async () => {
  expect((await settled(page)).missing).toEqual([]);
  expect(await lines()).toBeGreaterThan(0);
  const messages = await page.evaluate(() => (window as unknown as Spy).__messages);
  expect(messages.filter((m) => m.includes(session.extensionId))).toEqual([]);
  expect(await page.content()).not.toContain(session.extensionId);
  const seen = await page.evaluate(() => ({
    rootAttributes: document.documentElement.getAttributeNames(),
    styleById: document.getElementById('rnl-style') !== null,
    styles: [...document.querySelectorAll('style')].map((s) => s.textContent ?? '').filter((css) => css.includes('rnl')).length,
    rootOverflowAnchor: getComputedStyle(document.documentElement).overflowAnchor,
    bodyOverflowAnchor: getComputedStyle(document.body).overflowAnchor,
    oursOverflowAnchor: getComputedStyle(document.querySelector('[data-rnl].rnl-t')!).overflowAnchor,
  }));
  expect(seen.rootAttributes.filter((name) => name.startsWith('data-rnl'))).toEqual([]);
  expect(seen).toMatchObject({ styleById: false, styles: 0, rootOverflowAnchor: 'auto', bodyOverflowAnchor: 'auto', oursOverflowAnchor: 'none' });
});

test('a forged "content script started" event (any of its names) does not switch the content script off', async () => {
  await settled(page);
  const id = session.extensionId;
  await page.evaluate((id) => {
    for (const name of [`${id}:content:wxt:content-script-started`, `${id}:content:content-script-started`]) {
      const detail = { contentScriptName: 'content', messageId: 'forged' };
      document.dispatchEvent(new CustomEvent(name, { detail }));
      window.postMessage({ type: name, ...detail }, '*');
    }
  }, id);
  // Still listening: the reader's settings are still applied, both ways.
  await session.setSettings({ mode: 'off' });
  await expect.poll(lines, { timeout: 10_000 }).toBe(0);
  expect(await page.locator('#rnl-floating-button').count()).toBe(1);
  await session.setSettings({ mode: 'bilingual' });
  await expect.poll(lines, { timeout: 10_000 }).toBeGreaterThan(0);
});
