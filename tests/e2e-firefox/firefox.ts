// The Firefox harness: Debian's firefox-esr driven by puppeteer-core over WebDriver BiDi (no downloaded browser),
// the built Firefox add-on (.output/firefox-mv2) installed as a temporary add-on, the replica pages under the real
// host, and DeepL's hosts answered by the local DeepL-compatible server (through deepl-tls-proxy.ts, which says how).
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { resolveFixture } from '../fixtures/xiaohongshu/routes';
import { startDeeplServer, type DeeplTestServer } from '../support/deepl-server';
import { startDeeplTlsProxy } from './deepl-tls-proxy';

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
  const deepl = await startDeeplServer();
  const proxy = await startDeeplTlsProxy(deepl.url);
  const browser = await puppeteer.launch({
    browser: 'firefox',
    protocol: 'webDriverBiDi',
    executablePath: FIREFOX_PATH,
    headless: true,
    // Without it BiDi refuses to navigate to moz-extension:// pages and to reach the browser window (runShortcut).
    args: ['--remote-allow-system-access'],
    // The proxy's certificate is its own (deepl-tls-proxy.ts).
    acceptInsecureCerts: true,
    extraPrefsFirefox: {
      'extensions.webextensions.uuids': JSON.stringify({ [ADDON_ID]: ADDON_UUID }),
      // https through the local tunnel to "DeepL"; the pages' requests are answered before they reach it.
      'network.proxy.type': 1,
      'network.proxy.ssl': proxy.host,
      'network.proxy.ssl_port': proxy.port,
    },
  });
  try {
    await browser.installExtension(ADDON_DIR);
  } catch (error) {
    await browser.close();
    await proxy.close();
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
    async close() {
      await browser.close().catch(() => {});
      await proxy.close();
      await deepl.close();
    },
  };
}
