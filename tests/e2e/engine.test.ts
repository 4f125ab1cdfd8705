// The worker's engine in the real browser: runtime messaging, storage, IndexedDB, and the worker's
// fetch to DeepL (answered by the local DeepL-compatible server through Playwright's routing).
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Envelope, SegmentResult } from '../../lib/messaging/contract';
import { launchExtension, type ExtensionSession } from './harness';

let session: ExtensionSession;
let page: Page;
beforeAll(async () => {
  session = await launchExtension();
  page = await session.openPopup();
});
afterAll(() => session?.close());

/** Send a message as an extension page does. */
const send = (message: unknown) =>
  page.evaluate((m) => (globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<unknown> } } }).chrome.runtime.sendMessage(m), message) as Promise<Envelope<unknown>>;

const translate = async (texts: string[]) => {
  const answer = (await send({ type: 'translate', segments: texts.map((text, i) => ({ id: String(i), text })) })) as Envelope<{ results: SegmentResult[] }>;
  if (!answer.ok) throw new Error(answer.error);
  return answer.value.results;
};

test('the worker translates through DeepL, batching and deduping', async () => {
  const results = await translate(['你好', '小红书', '你好', 'English stays']);
  expect(results.map((r) => (r.ok ? r.text : r.error.kind))).toEqual(['⟪EN⟫ ni hao', '⟪EN⟫ xiao hong shu', '⟪EN⟫ ni hao', 'English stays']);
  const requests = session.deepl.translateRequests();
  expect(requests).toHaveLength(1);
  expect(requests[0]!.texts).toEqual(['你好', '小红书']);
  expect(requests[0]!.headers.authorization).toBe('DeepL-Auth-Key e2e-test-key:fx');
});

test('a second visit is answered from the cache, even after the worker restarts', async () => {
  const before = session.deepl.translateRequests().length;
  expect((await translate(['你好']))[0]).toMatchObject({ fromCache: true });
  // Stop the service worker as Chromium does when it idles; the next message starts a new one.
  const cdp = await session.context.newCDPSession(page);
  await cdp.send('ServiceWorker.enable');
  await cdp.send('ServiceWorker.stopAllWorkers');
  await expect.poll(async () => ((await translate(['小红书']))[0] as { fromCache?: boolean }).fromCache, { timeout: 15_000 }).toBe(true);
  expect(session.deepl.translateRequests().length).toBe(before);
});

test('a wrong key is reported with its reason and the text is translated after the key is fixed', async () => {
  await session.setKey('invalid');
  await expect.poll(async () => (await translate(['种草']))[0]).toMatchObject({ ok: false, error: { kind: 'auth' } });
  const status = (await send({ type: 'get-status' })) as Envelope<{ blocked?: { kind: string } }>;
  expect(status).toMatchObject({ ok: true, value: { blocked: { kind: 'auth' } } });
  await session.setKey('e2e-fixed-key:fx');
  await expect.poll(async () => (await translate(['种草']))[0]).toMatchObject({ ok: true, text: '⟪EN⟫ zhong cao' });
});

test('check-key answers precisely from the popup, and a page cannot ask for it', async () => {
  expect(await send({ type: 'check-key', key: 'another:fx' })).toMatchObject({ ok: true, value: { ok: true, plan: 'free' } });
  expect(await send({ type: 'check-key', key: 'invalid' })).toMatchObject({ ok: true, value: { ok: false, kind: 'auth' } });
  const site = await session.openSite('/explore');
  // The page's own scripts have no extension messaging at all.
  expect(await site.evaluate(() => typeof (globalThis as { chrome?: { runtime?: { sendMessage?: unknown } } }).chrome?.runtime?.sendMessage)).toBe('undefined');
  await site.close();
});
