// Hostile input: markup and scripts in notes and comments, invisible and bidi controls, right-to-left
// text, malformed emoji codes, a 100 KB comment, and page scripts that forge messages and events.
// Nothing runs, nothing leaks the key, nothing crashes, and the page keeps being translated.
import type { Page, Request } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { launchExtension, TEST_KEY, type ExtensionSession } from './harness';
import { settled } from './page-probe';
import { contentProbe } from './soak';

let session: ExtensionSession;
let page: Page;
const requests: Request[] = [];
beforeAll(async () => {
  session = await launchExtension();
  session.context.on('request', (r) => requests.push(r));
  page = await session.openSite('/explore/66f0a1b2000000001e012345?hostile=1');
  await page.waitForSelector('.comment-item');
});
afterAll(() => session?.close());

type HostileWindow = { __pwned?: unknown; __fixture: { rerenderText(selector: string, text: string): boolean } };
const sentTexts = () => session.deepl.translateRequests().flatMap((r) => r.texts ?? []);

test('markup and scripts in the note and its comments stay text: nothing runs, no element is made from them', async () => {
  const state = await settled(page, 30_000);
  expect(state.missing).toEqual([]);
  expect(state.errors).toBe(0);
  expect(await page.evaluate(() => (window as unknown as HostileWindow).__pwned)).toBeUndefined();
  expect(await page.locator('#detail-desc .rnl-t').innerText()).toContain('<img src=x onerror=');
  expect(await page.locator('#detail-title .rnl-t').innerText()).toContain('<script>');
  expect(await page.locator('.comment-item .rnl-t').first().innerText()).toContain('<b onmouseover=');
  // No element of any kind inside what we added.
  expect(await page.locator('[data-rnl] *').count()).toBe(0);
});

test('zero-width and bidi controls are neither sent nor shown; right-to-left text cannot reorder the page', async () => {
  await settled(page, 30_000);
  const controls = /[\u200b\u200e\u200f\u2060\ufeff\u202a-\u202e\u2066-\u2069]/;
  expect(sentTexts().filter((t) => controls.test(t))).toEqual([]);
  expect(sentTexts()).toContain('反转的文字看看');
  const spans = page.locator('[data-rnl].rnl-t');
  const shown = await spans.allTextContents();
  expect(shown.filter((t) => controls.test(t))).toEqual([]);
  // Arabic passed through in the body's translation is isolated in a box of its own direction.
  const body = page.locator('#detail-desc .rnl-t');
  expect(await body.innerText()).toContain('مرحبا بالعالم');
  expect(await body.evaluate((el) => [el.getAttribute('dir'), getComputedStyle(el).unicodeBidi])).toEqual(['auto', 'isolate']);
});

test('malformed emoji codes are translated with the text around them, not dropped or crashed on', async () => {
  await settled(page, 30_000);
  const body = sentTexts().find((t) => t.includes('点击领取'));
  expect(body).toContain('[笑哭R [R] [未知表情R]');
});

test('a 100 KB comment is offered, not sent; a click translates it in requests that fit DeepL', async () => {
  const offer = page.locator('.comment-item .rnl-offer');
  await offer.scrollIntoViewIfNeeded();
  await expect.poll(() => offer.innerText()).toMatch(/^Long text \(96,00\d characters\) — click to translate$/);
  expect(sentTexts().some((t) => t.includes('很长的评论内容'))).toBe(false);
  expect((await settled(page)).missing).toEqual([]); // the comments after it are translated as usual
  await session.screenshot(page, 'hostile-long-comment-offer');
  // A page script cannot say yes for the reader: its click runs our handler at once, which would turn
  // the offer into a pending line before dispatchEvent returns; it stays an offer, and nothing is asked.
  const after = await offer.evaluate((el) => (el.dispatchEvent(new MouseEvent('click', { bubbles: true })), el.className));
  expect(after).toContain('rnl-offer');
  expect(await offer.innerText()).toMatch(/^Long text/);
  expect(sentTexts().some((t) => t.includes('很长的评论内容'))).toBe(false);
  const before = session.deepl.translateRequests().length;
  await offer.click();
  const long = page.locator('.comment-item .rnl-t').filter({ hasText: 'hen chang de ping lun nei rong' });
  await expect.poll(() => long.count(), { timeout: 30_000 }).toBe(1);
  const pieces = session.deepl.translateRequests().slice(before).filter((r) => r.texts?.some((t) => t.includes('很长的评论内容')));
  expect(pieces.length).toBeGreaterThanOrEqual(3); // ≈ 288 KB of UTF-8: three requests under 128 KiB
  expect(pieces.length).toBeLessThanOrEqual(4);
  for (const request of pieces) expect(Buffer.byteLength(JSON.stringify(request.body))).toBeLessThanOrEqual(128 * 1024);
  expect(pieces.every((r) => r.status === 200)).toBe(true);
}, 60_000);

test('page scripts forging messages, clicks and the shortcut change nothing and send nothing', async () => {
  await settled(page, 30_000);
  const before = session.deepl.translateRequests().length;
  const ours = await page.locator('[data-rnl].rnl-t').count();
  // The content script is alive and answering; its world is where forged events would have to act:
  // count there (invisible to the page) the forged keys that reach it.
  const probe = await contentProbe(page);
  const stats = await probe.stats();
  await probe.evaluate(`globalThis.__keysSeen = 0; for (const type of ['keydown', 'keyup']) document.addEventListener(type, () => globalThis.__keysSeen++, true)`);
  // The page hears its own forged messages once they are delivered: so would any listener of ours.
  await page.evaluate(() => {
    const w = window as unknown as { __forgedSeen: number };
    w.__forgedSeen = 0;
    addEventListener('message', () => w.__forgedSeen++);
  });
  await page.evaluate(() => {
    const forged = { type: 'translate', segments: [{ id: '1', text: '伪造的消息' }] };
    // No bridge to listen: not postMessage, not custom events, not the extension's messaging (absent).
    window.postMessage(forged, '*');
    window.postMessage({ source: 'rednote-lens', ...forged }, '*');
    document.dispatchEvent(new CustomEvent('rnl-translate', { detail: forged }));
    const chrome = (globalThis as { chrome?: { runtime?: { sendMessage?: (...a: unknown[]) => unknown } } }).chrome;
    chrome?.runtime?.sendMessage?.('any-extension-id', forged);
    // A fake Alt+T, fake clicks on our button and on our lines.
    for (const type of ['keydown', 'keyup']) document.dispatchEvent(new KeyboardEvent(type, { key: 't', code: 'KeyT', altKey: true, bubbles: true }));
    document.querySelector('#rnl-floating-button')?.dispatchEvent(new MouseEvent('click', { bubbles: true }));
    // (Not bubbling: the page's own links around our lines would react, which is the page's business.)
    document.querySelectorAll('[data-rnl]').forEach((el) => el.dispatchEvent(new MouseEvent('click')));
  });
  // Delivered: the keys reached the content script's world, the messages the page's listeners.
  expect(await probe.evaluate('globalThis.__keysSeen')).toBe(2);
  await expect.poll(() => page.evaluate(() => (window as unknown as { __forgedSeen: number }).__forgedSeen)).toBe(2);
  // The forged click could not even reach the button in its closed root; one dispatched on the button
  // itself (from an extension's world, as untrusted as the page's) is received and ignored.
  await probe.evaluate(`chrome.dom.openOrClosedShadowRoot(document.querySelector('#rnl-floating-button')).querySelector('button').dispatchEvent(new MouseEvent('click', { bubbles: true }))`);
  const now = await probe.stats();
  expect(now.buttonClicks).toBe(stats.buttonClicks + 1);
  expect(now.toggles).toBe(stats.toggles);
  expect(now.messages).toBe(stats.messages); // nothing asked of the worker on the page's behalf
  await probe.detach();
  expect(session.deepl.translateRequests().length).toBe(before);
  expect(sentTexts()).not.toContain('伪造的消息');
  expect(await page.locator('[data-rnl].rnl-t').count()).toBe(ours);
  // And the page is still translated as it changes.
  await page.evaluate(() => (window as unknown as HostileWindow).__fixture.rerenderText('#detail-title', '攻击之后的新标题'));
  await page.locator('#detail-title').scrollIntoViewIfNeeded(); // the long comment took the reader far below
  await expect.poll(() => page.locator('#detail-title .rnl-t').innerText(), { timeout: 10_000 }).toContain('gong ji zhi hou de xin biao ti');
});

test('the key goes to DeepL only: not to the page, its storage, or any other host', async () => {
  await settled(page, 30_000);
  const html = await page.content();
  expect(html).not.toContain(TEST_KEY);
  const stored = await page.evaluate(() => JSON.stringify({ local: { ...localStorage }, session: { ...sessionStorage }, cookie: document.cookie, names: Object.keys(window) }));
  expect(stored).not.toContain(TEST_KEY);
  const carrying = await Promise.all(requests.map(async (r) => ((await r.allHeaders())['authorization'] ?? '') + r.url() + (r.postData() ?? '')));
  const hosts = new Set(requests.filter((_, i) => carrying[i]!.includes(TEST_KEY)).map((r) => new URL(r.url()).host));
  expect([...hosts]).toEqual(['api-free.deepl.com']);
  expect(requests.some((r) => new URL(r.url()).host === 'api-free.deepl.com')).toBe(true);
});
