// The Firefox harness: Debian's firefox-esr driven by puppeteer-core over WebDriver BiDi (no downloaded browser),
// the built Firefox add-on (.output/firefox-mv2) installed as a temporary add-on, the replica pages under the real
// host, and the local DeepL-compatible server.
//
// How DeepL is reached differs from Chromium's harness: BiDi's request interception sees pages' requests only,
// not the add-on's background page, so DeepL's hosts cannot be forwarded there. The add-on is pointed at the
// local server instead through its own "DeepL-compatible server" setting (deeplServerUrl), and that server answers
// CORS (the add-on has host permission for DeepL's hosts only, so Firefox checks CORS for 127.0.0.1).
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { DEFAULT_SETTINGS, type Settings } from '../../lib/settings/defaults';
import { rawEntries, type StoredName } from '../../lib/storage/keys';
import { resolveFixture } from '../fixtures/xiaohongshu/routes';
import { startDeeplServer, type DeeplTestServer } from '../support/deepl-server';

export const FIREFOX_PATH = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';
export const ADDON_DIR = resolve(import.meta.dirname, '../../.output/firefox-mv2');
export const SITE = 'https://www.xiaohongshu.com';
const ADDON_ID = 'rednote-lens@rednote-lens.dev';
/** Firefox picks a random moz-extension:// host per profile; this pref fixes it, so the popup's address is known. */
const ADDON_UUID = '5b0e2f9a-3c1d-4e8f-9a6b-7d2c1e0f4a3b';
export const POPUP_URL = `moz-extension://${ADDON_UUID}/popup.html`;

export interface FirefoxSession {
  browser: Browser;
  deepl: DeeplTestServer;
  openSite(pathAndQuery: string): Promise<Page>;
  openPopup(): Promise<Page>;
  /** Write the add-on's storage item from its own page (a trusted context), as the popup would. */
  store(popup: Page, name: StoredName, value: unknown): Promise<void>;
  settingsWith(patch: Partial<Settings>): Settings;
  /**
   * Run the add-on's keyboard shortcut as Firefox does when it is pressed: the command of the <key> element Firefox
   * made from the manifest's `commands` (in the browser window's privileged scope). False if no such key exists.
   */
  runShortcut(shortcut: string): Promise<boolean>;
  close(): Promise<void>;
}

export async function launchFirefox(): Promise<FirefoxSession> {
  try {
    readFileSync(resolve(ADDON_DIR, 'manifest.json'));
  } catch {
    throw new Error(`No Firefox build at ${ADDON_DIR}: run \`npx wxt build -b firefox\` first.`);
  }
  const deepl = await startDeeplServer({ cors: true });
  const browser = await puppeteer.launch({
    browser: 'firefox',
    protocol: 'webDriverBiDi',
    executablePath: FIREFOX_PATH,
    headless: true,
    // Without it BiDi refuses to navigate to moz-extension:// pages and to reach the browser window (runShortcut).
    args: ['--remote-allow-system-access'],
    extraPrefsFirefox: { 'extensions.webextensions.uuids': JSON.stringify({ [ADDON_ID]: ADDON_UUID }) },
  });
  try {
    await browser.installExtension(ADDON_DIR);
  } catch (error) {
    await browser.close();
    await deepl.close();
    throw error;
  }

  /** The raw WebDriver BiDi connection, for what puppeteer has no method for. */
  const bidi = () => (browser as unknown as { connection: { send(method: string, params: object): Promise<unknown> } }).connection;
  return {
    browser,
    deepl,
    async openSite(pathAndQuery) {
      const page = await browser.newPage();
      await page.setViewport({ width: 1280, height: 900 });
      await page.setRequestInterception(true);
      page.on('request', (request) => {
        const found = resolveFixture(request.url());
        if (found) void request.respond({ status: 200, contentType: found.contentType, body: readFileSync(found.file) });
        else void request.respond({ status: 404, contentType: 'text/plain', body: 'Not in the replica' });
      });
      await page.goto(SITE + pathAndQuery);
      return page;
    },
    async openPopup() {
      const page = await browser.newPage();
      await page.setViewport({ width: 380, height: 640 });
      // page.goto waits for load events BiDi does not send for moz-extension:// documents: navigate by the
      // protocol command itself, up to the document being parsed.
      const context = (page.mainFrame() as unknown as { _id: string })._id;
      await bidi().send('browsingContext.navigate', { context, url: POPUP_URL, wait: 'interactive' });
      await page.waitForFunction(() => document.querySelector('#root')?.textContent?.includes('RedNote Lens'));
      return page;
    },
    async store(popup, name, value) {
      await popup.evaluate(
        (entries) => (globalThis as unknown as BrowserGlobal).browser.storage.local.set(entries),
        rawEntries(name, value),
      );
    },
    async runShortcut(shortcut) {
      // "Alt+T" → <key key="T" modifiers="alt"> in the keyset Firefox keeps for this add-on.
      const parts = shortcut.split('+');
      const key = parts.pop()!;
      const modifiers = parts.map((m) => m.toLowerCase()).join(',');
      const tree = (await bidi().send('browsingContext.getTree', { 'moz:scope': 'chrome' })) as { result: { contexts: Array<{ context: string }> } };
      const expression = `(() => {
        const keyset = document.getElementById('ext-keyset-id-${ADDON_ID.toLowerCase().replace(/[^a-z0-9_-]/g, '_')}');
        const key = [...(keyset?.children ?? [])].find((k) => k.getAttribute('key') === ${JSON.stringify(key)} && k.getAttribute('modifiers') === ${JSON.stringify(modifiers)});
        key?.doCommand();
        return Boolean(key);
      })()`;
      const answer = (await bidi().send('script.evaluate', { expression, target: { context: tree.result.contexts[0]!.context }, awaitPromise: false })) as {
        result: { result: { value: boolean } };
      };
      return answer.result.result.value;
    },
    settingsWith: (patch) => ({ ...DEFAULT_SETTINGS, deeplServerUrl: deepl.url, ...patch }),
    async close() {
      await browser.close().catch(() => {});
      await deepl.close();
    },
  };
}

/** The WebExtension API as seen in the add-on's own pages. */
interface BrowserGlobal {
  browser: { storage: { local: { set(values: Record<string, unknown>): Promise<void> } } };
}
