// Issue 14, the first minute: a fresh profile from install to a translated feed. The extension opens
// its welcome page by itself; the reader chooses a translator there and opens Xiaohongshu (our
// replica). With no translator the feed gets one notice, not a line per text.
// On-device: Chromium here has the Translator API but cannot download a language pack (no network),
// so the test fakes the API, in the worker (which translates) and in the welcome page (which
// downloads, with progress events); everything else is the built extension as shipped.
import type { Page, Worker } from 'playwright-core';
import { afterEach, expect, test } from 'vitest';
import { startChatServer } from '../support/chat-server';
import { extensionWithLocalChatGranted } from './chat-setup';
import { BLOCKED_NOTICE, launchExtension, type ExtensionSession } from './harness';
import { coverage, settled } from './page-probe';

let session: ExtensionSession | undefined;
/** What else a test started (a chat server, a copy of the extension), ended after it. */
const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  await session?.close();
  session = undefined;
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

/** The feed's titles, as translated. */
const titleLines = (page: Page) => page.locator('section.note-item .footer .title .rnl-t').allInnerTexts();

/**
 * Chrome's Translator API in the worker, faked: 'downloadable' (create() refused: no gesture in a
 * worker) until the test says the pack is there, then a translator that marks its answers.
 */
async function fakeWorkerTranslator(worker: Worker) {
  await worker.evaluate(() => {
    const scope = globalThis as unknown as { Translator: unknown; __fakePackReady: boolean };
    scope.__fakePackReady = false;
    scope.Translator = {
      availability: async () => (scope.__fakePackReady ? 'available' : 'downloadable'),
      create: async () => {
        if (!scope.__fakePackReady) throw new DOMException('Requires a user gesture', 'NotAllowedError');
        return { translate: async (text: string) => `⟪on-device⟫ ${text}`, destroy() {} };
      },
    };
  });
}

/** The same API in the welcome page: create() reports 42 % and finishes when the test says so. */
async function fakePageTranslator(page: Page) {
  await page.evaluate(() => {
    const scope = window as unknown as { Translator: unknown; __finishDownload?: () => void };
    scope.Translator = {
      availability: async () => 'downloadable',
      create: (options: { monitor?(m: { addEventListener(type: string, listener: (e: { loaded: number; total: number }) => void): void }): void }) =>
        new Promise((resolve) => {
          options.monitor?.({ addEventListener: (_type, listener) => setTimeout(() => listener({ loaded: 0.42, total: 1 })) });
          scope.__finishDownload = () => resolve({ translate: async (text: string) => text, destroy() {} });
        }),
    };
  });
}

/** The welcome page's one click: Xiaohongshu's explore feed in a tab of its own. */
async function openFromWelcome(welcome: Page): Promise<Page> {
  const opened = welcome.context().waitForEvent('page');
  await welcome.getByRole('link', { name: 'Open Xiaohongshu' }).click();
  const feed = await opened;
  await feed.waitForURL('https://www.xiaohongshu.com/explore');
  return feed;
}

test('install → the welcome page opens by itself → DeepL with a key → Xiaohongshu opens translated', async () => {
  session = await launchExtension({ deeplKey: null, keepWelcome: true });
  const welcome = session.welcome!;
  await welcome.setViewportSize({ width: 1000, height: 820 });
  await expect.poll(() => welcome.getByRole('heading', { name: 'Welcome to RedNote Lens' }).count()).toBe(1);
  // This Chromium has the Translator API: the on-device translator comes first.
  await expect.poll(() => welcome.getByRole('heading', { level: 3 }).first().innerText()).toMatch(/on-device[\s\S]*Best here/);
  await session.screenshot(welcome, 'welcome');

  await welcome.getByLabel('DeepL API key').fill('welcome-e2e-key:fx');
  await welcome.getByRole('button', { name: 'Save' }).click();
  await expect.poll(() => welcome.getByRole('status').allInnerTexts()).toContainEqual(expect.stringMatching(/Key works: DeepL Free plan/));
  await expect.poll(() => welcome.getByRole('status').allInnerTexts()).toContainEqual(expect.stringMatching(/^Ready: DeepL/));

  const feed = await openFromWelcome(welcome);
  await expect.poll(async () => (await settled(feed)).translated, { timeout: 30_000 }).toBeGreaterThan(10);
  expect((await titleLines(feed)).filter((t) => t.startsWith('⟪EN⟫')).length).toBeGreaterThan(5);
  expect((await coverage(feed)).errors).toBe(0);
  expect(await feed.locator(BLOCKED_NOTICE).count()).toBe(0);
}, 90_000);

test('install → the welcome page → on-device: "Download Chinese" with progress; meanwhile one notice; then the feed translates without a reload', async () => {
  session = await launchExtension({ deeplKey: null, keepWelcome: true });
  const welcome = session.welcome!;
  await fakeWorkerTranslator(session.worker);
  await welcome.getByRole('button', { name: 'Use Chrome’s on-device translator' }).click();
  await expect.poll(() => welcome.getByRole('button', { name: 'Download Chinese' }).count()).toBe(1);

  // Meanwhile, on Xiaohongshu: labels, counts and dates in English, one notice, no line per text.
  const site = await session.openSite('/explore?cards=10');
  await expect.poll(() => site.locator(BLOCKED_NOTICE).count(), { timeout: 20_000 }).toBe(1);
  expect((await coverage(site)).errors).toBe(0);
  expect(await site.locator('.rnl-t').count()).toBeGreaterThan(0); // local answers

  await welcome.bringToFront();
  await fakePageTranslator(welcome);
  await welcome.getByRole('button', { name: 'Download Chinese' }).click();
  await expect.poll(() => welcome.getByRole('status').allInnerTexts()).toContainEqual('Downloading Chinese for the on-device translator: 42 %');
  expect(await welcome.getByText(/Meanwhile you can open Xiaohongshu/).count()).toBe(1);
  await session.screenshot(welcome, 'welcome-downloading');
  await session.worker.evaluate(() => void ((globalThis as unknown as { __fakePackReady: boolean }).__fakePackReady = true));
  await welcome.evaluate(() => (window as unknown as { __finishDownload(): void }).__finishDownload());
  await expect.poll(() => welcome.getByText(/On-device translator ready/).count()).toBe(1);

  // Back on the page: what waited is translated without a reload, at once (well before the page's
  // own 20-second re-ask: the worker pushed), and the notice goes.
  await site.bringToFront();
  await expect.poll(async () => (await titleLines(site)).filter((t) => t.startsWith('⟪on-device⟫')).length, { timeout: 10_000 }).toBeGreaterThan(5);
  await expect.poll(() => site.locator(BLOCKED_NOTICE).count()).toBe(0);

  // And the welcome page's one click opens a translated feed.
  await welcome.bringToFront();
  const feed = await openFromWelcome(welcome);
  await expect.poll(async () => (await titleLines(feed)).filter((t) => t.startsWith('⟪on-device⟫')).length, { timeout: 30_000 }).toBeGreaterThan(5);
}, 90_000);

test('install → the welcome page → a chat model (the local chat-completions server) → Xiaohongshu opens translated', async () => {
  const server = await startChatServer();
  // Host access to the local server granted up front: headless Chromium shows its prompt to no one (chat-setup.ts).
  const extension = extensionWithLocalChatGranted();
  cleanups.push(() => server.close(), () => extension.remove());
  session = await launchExtension({ deeplKey: null, keepWelcome: true, extensionDir: extension.dir });
  const welcome = session.welcome!;
  await welcome.getByRole('button', { name: 'Use A chat model' }).click();
  await welcome.getByLabel('Endpoint (base URL)').fill(server.endpoint);
  await welcome.getByLabel('Model', { exact: true }).fill('qwen2.5:7b');
  await welcome.getByRole('button', { name: 'Save and use' }).click();
  await expect.poll(() => welcome.getByRole('status').allInnerTexts(), { timeout: 15_000 }).toContainEqual(expect.stringMatching(/^Works: /));
  await expect.poll(() => welcome.getByRole('status').allInnerTexts()).toContainEqual(expect.stringMatching(/^Ready: A chat model/));

  const before = server.translateRequests().length;
  const feed = await openFromWelcome(welcome);
  await expect.poll(async () => (await settled(feed)).translated, { timeout: 30_000 }).toBeGreaterThan(10);
  expect((await coverage(feed)).errors).toBe(0);
  expect(server.translateRequests().length).toBeGreaterThan(before); // through the chat server
  expect(session.deepl.translateRequests()).toHaveLength(0); // not DeepL
}, 90_000);

test('no translator set up: the explore feed shows no line per text and exactly one notice, whose click opens the welcome page', async () => {
  session = await launchExtension({ deeplKey: null });
  const site = await session.openSite('/explore');
  await expect.poll(() => site.locator(BLOCKED_NOTICE).count(), { timeout: 20_000 }).toBe(1);
  // Nothing left waiting with "…" either: content texts show nothing (coverage counts them missing).
  await expect.poll(async () => (await coverage(site)).pending).toBe(0);
  expect((await coverage(site)).errors).toBe(0);
  expect(await site.locator('.rnl-error').count()).toBe(0);
  expect(await site.locator('.rnl-t').count()).toBeGreaterThan(10); // counts, dates and labels, translated locally
  // Scrolling brings more texts, not more notices.
  await session.screenshot(site, 'no-translator-notice');
  await site.mouse.wheel(0, 2_000);
  await expect.poll(async () => (await coverage(site)).pending).toBe(0);
  expect((await coverage(site)).errors).toBe(0);
  expect(await site.locator(BLOCKED_NOTICE).count()).toBe(1);

  // A page script cannot click it; the reader's click opens the welcome page beside the feed.
  await site.locator(BLOCKED_NOTICE).evaluate((host) => (host as HTMLElement).click());
  const box = (await site.locator(BLOCKED_NOTICE).boundingBox())!;
  const opened = session.context.waitForEvent('page');
  await site.mouse.click(box.x + box.width / 3, box.y + box.height / 2);
  const welcome = await opened;
  await welcome.waitForURL(/options\.html#welcome$/);
  await expect.poll(() => welcome.getByRole('heading', { name: 'Welcome to RedNote Lens' }).count()).toBe(1);
  expect(session.context.pages().filter((p) => /#welcome$/.test(p.url()))).toHaveLength(1); // the script's click opened none
}, 90_000);
