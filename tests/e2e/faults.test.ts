// DeepL failing in the browser: the page keeps working, says what is going on, sends no storm of
// requests, and every text ends translated once DeepL is back.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { BLOCKED_NOTICE, launchExtension, TEST_KEY, type ExtensionSession } from './harness';

let session: ExtensionSession;
beforeAll(async () => {
  session = await launchExtension();
});
afterAll(() => session?.close());

/** Give the first n visible card titles texts never translated before. */
async function freshTitles(page: Page, prefix: string, n: number): Promise<string[]> {
  const texts = Array.from({ length: n }, (_, i) => `${prefix}第${i + 1}个新标题`);
  await page.evaluate((all) => {
    const titles = [...document.querySelectorAll('section.note-item .footer .title > span')].slice(0, all.length);
    titles.forEach((t, i) => (t.firstChild!.nodeValue = all[i]!));
  }, texts);
  return texts;
}
/** A feed of 10 cards with every title translated: the starting point of each fault. */
async function quietFeed(): Promise<Page> {
  const page = await session.openSite('/explore?cards=10');
  await expect.poll(() => page.locator('.rnl-pending').count()).toBe(0);
  return page;
}
/** The worker's state as the popup sees it (asked from an extension page, as the popup does). */
async function workerStatus(): Promise<{ blocked?: { kind: string; retryAt?: number } }> {
  const ext = await session.context.newPage();
  try {
    await ext.goto(`chrome-extension://${session.extensionId}/popup.html`);
    const envelope = await ext.evaluate(() => (globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<{ ok: boolean; value?: unknown }> } } }).chrome.runtime.sendMessage({ type: 'get-status' }));
    return envelope.value as { blocked?: { kind: string; retryAt?: number } };
  } finally {
    await ext.close();
  }
}
const translatedCount = (page: Page, prefix: string) =>
  page.locator('section.note-item .footer .title > span > .rnl-t:not(.rnl-pending):not(.rnl-error)').evaluateAll(
    (els, p) => els.filter((e) => e.getAttribute('data-rnl-src')?.startsWith(p)).length,
    prefix,
  );

test('429 for 10 seconds: the reader sees "retrying", at most 2 requests in flight, backoff honoured, all translated after', async () => {
  const page = await quietFeed();
  session.deepl.failFor(429, 10_000);
  const stormStart = Date.now();
  const before = session.deepl.translateRequests().length;
  session.deepl.maxInFlight = 0;
  await freshTitles(page, '限流', 5);
  await expect.poll(() => page.locator('.rnl-error').first().innerText(), { timeout: 15_000 }).toContain('DeepL busy, retrying');
  await expect.poll(() => translatedCount(page, '限流'), { timeout: 40_000 }).toBe(5);
  const during = session.deepl.translateRequests().slice(before).filter((r) => r.at - stormStart < 10_000);
  // Backoff 1 s × 1.6 …: a handful of attempts in 10 s, never a storm.
  expect(during.length).toBeLessThanOrEqual(8);
  expect(session.deepl.maxInFlight).toBeLessThanOrEqual(2);
  await page.close();
}, 60_000);

test('quota exhausted mid-session: one notice for the page (no line per text), and after it is fixed the texts are translated', async () => {
  const page = await quietFeed();
  const used = session.deepl.usageOf(TEST_KEY).character_count;
  session.deepl.setCharacterLimit(TEST_KEY, used + 3);
  await freshTitles(page, '额度', 3);
  await expect.poll(() => page.locator(BLOCKED_NOTICE).count()).toBe(1);
  expect(await page.locator('.rnl-error').count()).toBe(0);
  // The page still works: the reader can open a note and scroll.
  await page.click('section.note-item >> nth=4 >> a.cover');
  await page.waitForSelector('.comment-item');
  await page.keyboard.press('Escape');
  // The quota is raised (a new month, a plan upgrade); "Retry now" in the popup sends what waited.
  session.deepl.setCharacterLimit(TEST_KEY, 10_000_000);
  const popup = await session.openPopup();
  await popup.getByRole('button', { name: 'Retry now' }).click();
  await popup.close();
  // Back on the page, what waited is asked for at once: no click, no reload.
  await page.bringToFront();
  await expect.poll(() => translatedCount(page, '额度'), { timeout: 30_000 }).toBe(3);
  expect(await page.locator(BLOCKED_NOTICE).count()).toBe(0);
  await page.close();
}, 60_000);

/** Requests DeepL received since `from` (index). */
const since = (from: number) => session.deepl.translateRequests().slice(from);
/** Texts with this prefix that DeepL translated (answered 200) since `from`: each once means none paid twice. */
const paidFor = (from: number, prefix: string) => since(from).filter((r) => r.status === 200).flatMap((r) => r.texts ?? []).filter((t) => t.startsWith(prefix));

test('503s for 6 seconds: "DeepL unavailable, retrying", a handful of attempts, all translated after', async () => {
  const page = await quietFeed();
  const from = session.deepl.translateRequests().length;
  session.deepl.maxInFlight = 0;
  session.deepl.failFor(503, 6_000);
  const start = Date.now();
  await freshTitles(page, '故障', 4);
  await expect.poll(() => page.locator('.rnl-error').first().innerText(), { timeout: 10_000 }).toContain('DeepL unavailable, retrying');
  await expect.poll(() => translatedCount(page, '故障'), { timeout: 30_000 }).toBe(4);
  const during = since(from).filter((r) => r.at - start < 6_000);
  expect(during.length).toBeLessThanOrEqual(6);
  expect(session.deepl.maxInFlight).toBeLessThanOrEqual(2);
  // After recovery one request carried them all: nothing sent twice once it worked.
  expect(paidFor(from, '故障')).toHaveLength(4);
  await page.close();
}, 60_000);

test('dropped connections: the reader sees the connection state, then every text, each paid once', async () => {
  const page = await quietFeed();
  const from = session.deepl.translateRequests().length;
  session.deepl.dropNext(2);
  await freshTitles(page, '断线', 4);
  await expect.poll(() => page.locator('.rnl-error').first().innerText(), { timeout: 10_000 }).toContain('no connection to DeepL, retrying');
  await expect.poll(() => translatedCount(page, '断线'), { timeout: 20_000 }).toBe(4);
  expect(since(from).length).toBeLessThanOrEqual(4);
  expect(paidFor(from, '断线')).toHaveLength(4);
  await page.close();
}, 60_000);

test('offline, then online: "offline, retrying", and everything goes at once when the network is back', async () => {
  const page = await quietFeed();
  await session.setOffline(true);
  const from = session.deepl.translateRequests().length;
  let backoffEnds = 0;
  try {
    await freshTitles(page, '离线', 5);
    await expect.poll(() => page.locator('.rnl-error').first().innerText(), { timeout: 10_000 }).toContain('offline, retrying');
    await session.screenshot(page, 'offline-retrying');
    // The page keeps working: a note opens and closes.
    await page.click('section.note-item >> nth=4 >> a.cover');
    await page.waitForSelector('.comment-item');
    await page.keyboard.press('Escape');
    // Offline until the worker's next attempt is far enough away that "sent at once" and "sent at
    // the end of the backoff" cannot be confused, however slow the machine.
    await expect.poll(async () => ((await workerStatus()).blocked?.retryAt ?? 0) - Date.now(), { timeout: 30_000, interval: 250 }).toBeGreaterThan(3_000);
    backoffEnds = (await workerStatus()).blocked!.retryAt!;
  } finally {
    await session.setOffline(false);
  }
  await expect.poll(() => translatedCount(page, '离线'), { timeout: 10_000 }).toBe(5);
  // Not at the end of the backoff: being online again sent them.
  const firstBack = session.deepl.translateRequests().slice(from).find((r) => r.status === 200);
  expect(firstBack!.at).toBeLessThan(backoffEnds);
  expect(since(from).length).toBeLessThanOrEqual(3);
  await page.close();
}, 60_000);

test('DeepL answering an HTML page with a script: nothing runs, the reader sees "unavailable", the retry translates', async () => {
  const page = await quietFeed();
  session.deepl.htmlNext(1);
  await freshTitles(page, '门户', 3);
  await expect.poll(() => translatedCount(page, '门户'), { timeout: 20_000 }).toBe(3);
  expect(await page.evaluate(() => (window as { __pwned?: unknown }).__pwned)).toBeUndefined();
  expect(await session.worker.evaluate(() => (globalThis as { __pwned?: unknown }).__pwned)).toBeUndefined();
  expect(await page.locator('.rnl-t *').count()).toBe(0);
  await page.close();
}, 60_000);
