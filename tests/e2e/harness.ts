// The e2e harness: the built extension in headless Chromium, the replica pages under the real host,
// and DeepL's hosts answered by the local DeepL-compatible server.
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { BrowserContext, Page, Worker } from 'playwright-core';
import { DEFAULT_SETTINGS, type Settings } from '../../lib/settings/defaults';
import { rawEntries, STORED } from '../../lib/storage/keys';
import { launchWithExtension } from '../support/browser';
import { startDeeplServer, type DeeplTestServer } from '../support/deepl-server';

export const SITE = 'https://www.xiaohongshu.com';
export const SCREENSHOT_DIR = resolve(import.meta.dirname, '../../test-results/screenshots');
/** The host of the one notice a page gets while nothing can be translated until the reader acts (its inside is closed). */
export const BLOCKED_NOTICE = '[data-rnl=blocked-notice]';
/** A key of the Free plan's shape; the local server accepts any key but 'invalid'. */
export const TEST_KEY = 'e2e-test-key:fx';

export interface ExtensionSession {
  context: BrowserContext;
  extensionId: string;
  worker: Worker;
  deepl: DeeplTestServer;
  openSite(pathAndQuery: string): Promise<Page>;
  openPopup(): Promise<Page>;
  setSettings(patch: Partial<Settings>): Promise<void>;
  setKey(key: string): Promise<void>;
  setOffline(offline: boolean): Promise<void>;
  /** The welcome page opened on install (kept open only when asked for: `keepWelcome`). */
  welcome?: Page;
  screenshot(page: Page, name: string): Promise<string>;
  close(): Promise<void>;
}

export interface SessionOptions {
  /** DeepL key stored before pages open; null = none. */
  deeplKey?: string | null;
  settings?: Partial<Settings>;
  latencyMs?: number;
  /** Keep the welcome page the extension opens on install (closed otherwise, so it takes no test's focus). */
  keepWelcome?: boolean;
  /** Another build of the extension (a copy with a patched manifest). */
  extensionDir?: string;
}

export async function launchExtension(options: SessionOptions = {}): Promise<ExtensionSession> {
  const deepl = await startDeeplServer({ latencyMs: options.latencyMs ?? 0 });
  const browser = await launchWithExtension({ fixtures: true, deeplUrl: deepl.url, extensionDir: options.extensionDir });
  const { context, worker, extensionId } = browser;

  // Storage is written in the worker, as the popup would, under the keys (and version marks) of the
  // extension's storage items; the key names are passed in, as evaluated functions cannot close over them.
  const writeLocal = (values: Record<string, unknown>) =>
    worker.evaluate((v) => (globalThis as unknown as ChromeGlobal).chrome.storage.local.set(v), values);
  const readSettings = () =>
    worker.evaluate(
      async (key) => (await (globalThis as unknown as ChromeGlobal).chrome.storage.local.get(key))[key] as Partial<Settings> | undefined,
      STORED.settings.key,
    );

  const session: ExtensionSession = {
    context,
    extensionId,
    worker,
    deepl,
    async openSite(pathAndQuery) {
      const page = await context.newPage();
      await page.goto(SITE + pathAndQuery);
      return page;
    },
    async openPopup() {
      const page = await context.newPage();
      await page.setViewportSize({ width: 380, height: 640 });
      await page.goto(`chrome-extension://${extensionId}/popup.html`);
      return page;
    },
    async setSettings(patch) {
      const current = (await readSettings()) ?? {};
      await writeLocal(rawEntries('settings', { ...DEFAULT_SETTINGS, ...current, ...patch }));
    },
    async setKey(key) {
      await writeLocal(rawEntries('deeplKey', key));
    },
    setOffline: (offline) => browser.setOffline(offline),
    async screenshot(page, name) {
      mkdirSync(SCREENSHOT_DIR, { recursive: true });
      const path = join(SCREENSHOT_DIR, `${name}.png`);
      await page.screenshot({ path });
      return path;
    },
    async close() {
      await browser.close();
      await deepl.close();
    },
  };

  // Every session is a fresh profile, so the extension was just installed and opened its welcome page.
  const welcome = await browser.welcomePage();
  if (options.keepWelcome) session.welcome = welcome;
  else await welcome.close();

  const key = options.deeplKey === undefined ? TEST_KEY : options.deeplKey;
  if (key) await session.setKey(key);
  if (options.settings) await session.setSettings(options.settings);
  return session;
}

/** chrome.storage.local as seen inside the worker; evaluated functions there must not close over Node values. */
interface ChromeGlobal {
  chrome: {
    storage: {
      local: { get(key: string): Promise<Record<string, unknown>>; set(values: Record<string, unknown>): Promise<void> };
    };
  };
}
