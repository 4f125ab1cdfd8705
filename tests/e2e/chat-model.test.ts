// The chat-model translator end to end: set up in the options page against the local
// chat-completions server, the explore replica translated through it with the glossary in the
// prompt, a 429 the page recovers from, and a model name the server does not have. (Permission prompt: see chat-setup.ts.)
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEEPL_HOST_PERMISSIONS } from '../../lib/deepl/hosts';
import { OCR_HOST_PERMISSIONS } from '../../lib/ocr/build-files';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { EXTENSION_DIR } from '../support/browser';
import { startChatServer, type ChatTestServer } from '../support/chat-server';
import { extensionWithLocalChatGranted, setUpChatModel, storeChatModel } from './chat-setup';
import { BLOCKED_NOTICE, launchExtension, type ExtensionSession } from './harness';
import { settled } from './page-probe';

let server: ChatTestServer;
let session: ExtensionSession;
let extension: ReturnType<typeof extensionWithLocalChatGranted>;
beforeAll(async () => {
  server = await startChatServer();
  extension = extensionWithLocalChatGranted();
  session = await launchExtension({ deeplKey: null, extensionDir: extension.dir });
});
afterAll(async () => {
  await session?.close();
  await server?.close();
  extension?.remove();
});

test('the built manifest asks for no chat host up front: each is optional, and none is every host', () => {
  const manifest = JSON.parse(readFileSync(join(EXTENSION_DIR, 'manifest.json'), 'utf8')) as Record<string, unknown>;
  const text = JSON.stringify(manifest);
  expect(text).not.toMatch(/<all_urls>|\*:\/\/\*\/|https:\/\/\*\//);
  // Up front: DeepL's two hosts only; no chat server (the image CDN, for text in images, is optional too).
  expect(manifest.host_permissions).toEqual([...DEEPL_HOST_PERMISSIONS]);
  expect(manifest.optional_host_permissions).toEqual(expect.arrayContaining(['https://api.openai.com/*', 'http://localhost/*', 'http://127.0.0.1/*', ...OCR_HOST_PERMISSIONS]));
});

test('set up in the options page: the test text comes back through the worker, with the glossary at work', async () => {
  const options = await setUpChatModel(session, server);
  await expect.poll(() => options.getByRole('status').innerText(), { timeout: 15_000 }).toMatch(/^Works: “被这支口红种草了” → “⟪EN⟫ .*recommend.*” \(\d+ tokens\)\.$/);
  expect(server.translateRequests()[0]).toMatchObject({ glossary: { 种草: 'recommend' }, body: { stream: false, response_format: { type: 'json_object' } } });
  await options.setViewportSize({ width: 900, height: 1000 });
  await session.screenshot(options, 'chat-model-options');
  // The popup shows the chat model chosen.
  const popup = await session.openPopup();
  await expect.poll(() => popup.getByRole('radio', { name: 'Chat model' }).isChecked()).toBe(true);
  await popup.close();
  await options.close();
});

test('the explore feed is translated through the chat model, titles batched, glossary terms in the prompt', async () => {
  const before = server.translateRequests().length;
  const page = await session.openSite('/explore');
  const look = await settled(page);
  expect(look.translated).toBeGreaterThan(10);
  expect(look.errors).toBe(0);
  const requests = server.translateRequests().slice(before);
  const texts = requests.flatMap((r) => r.texts ?? []);
  // Batched: far fewer requests than texts.
  expect(requests.length).toBeLessThan(texts.length / 3);
  // Every glossary term sent occurs in its batch; the feed's 种草 went with its meaning, and the page shows it.
  expect(requests.some((r) => r.glossary?.['种草'] === 'recommend')).toBe(true);
  for (const r of requests) for (const term of Object.keys(r.glossary ?? {})) expect([...(r.texts ?? []), r.context ?? ''].join('\n')).toContain(term);
  await expect.poll(() => page.locator('.rnl-t', { hasText: 'recommend' }).count()).toBeGreaterThan(0);
  await session.screenshot(page, 'chat-model-explore');
  await page.close();
});

test('a 429 from the chat server: the worker backs off, the page recovers without a reload', async () => {
  server.failNext(429, 1, { retryAfterSeconds: 1 });
  const before = server.translateRequests().length;
  // New texts (unique cards): they must go to the server.
  const page = await session.openSite('/explore?cards=12&unique=1');
  const statuses = () => server.translateRequests().slice(before).map((r) => r.status);
  await expect.poll(statuses, { timeout: 20_000 }).toContain(200);
  expect(statuses()[0]).toBe(429);
  // Everything in view translated in the end, no error line left.
  await expect.poll(async () => { const look = await settled(page, 2_000); return look.total > 5 && look.translated === look.total && !look.errors; }, { timeout: 20_000 }).toBe(true);
  await page.close();
});

test('a model name the server does not have: one notice, no error line, no request per batch, the popup names it; the right name sends what waited', async () => {
  const only = await startChatServer({ models: ['qwen2.5:7b'] });
  try {
    await storeChatModel(session, only, 'qwen2.5:7bb');
    const page = await session.openSite('/explore?cards=12&unique=1');
    await expect.poll(() => page.locator(BLOCKED_NOTICE).count(), { timeout: 15_000 }).toBe(1);
    expect(await page.locator('.rnl-error').count()).toBe(0);
    await session.screenshot(page, 'chat-model-no-model');
    // Another page's new texts wait with the others: none is sent to be refused again.
    const more = await session.openSite('/explore?cards=24&unique=1');
    await expect.poll(() => more.locator(BLOCKED_NOTICE).count(), { timeout: 15_000 }).toBe(1);
    await more.close();
    const refused = only.translateRequests();
    expect(refused.length).toBeGreaterThan(0);
    expect(refused.length).toBeLessThanOrEqual(2); // the requests in flight when the first 404 came
    expect(refused.every((r) => r.status === 404)).toBe(true);
    const popup = await session.openPopup();
    await expect.poll(() => popup.getByRole('alert').innerText(), { timeout: 10_000 }).toMatch(/has no model named “qwen2\.5:7bb”/);
    await popup.close();
    // The reader corrects the name: what waited is translated, without a reload, and the notice goes.
    await storeChatModel(session, only, 'qwen2.5:7b');
    await page.bringToFront();
    await expect.poll(async () => { const look = await settled(page, 2_000); return look.total > 5 && look.translated === look.total && !look.errors; }, { timeout: 30_000 }).toBe(true);
    expect(await page.locator(BLOCKED_NOTICE).count()).toBe(0);
    await page.close();
  } finally {
    await only.close();
  }
}, 60_000);
