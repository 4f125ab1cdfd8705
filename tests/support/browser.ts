// Launch Debian's Chromium with the built extension loaded, the site served from our replica pages
// and DeepL's hosts forwarded to the local DeepL-compatible server. Shared by the e2e harness and
// by `npm start` / `npm run demo` (scripts/open-browser.ts), which may pick another browser and load
// the extension over the DevTools protocol (scripts/browser-finder.ts says which and how).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext, type Page, type Worker } from 'playwright-core';
import type { LoadMethod } from '../../scripts/browser-finder';
import { resolveFixture } from '../fixtures/xiaohongshu/routes';

export const EXTENSION_DIR = resolve(import.meta.dirname, '../../.output/chrome-mv3');
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const SITE_ORIGINS = ['https://www.xiaohongshu.com', 'https://www.rednote.com'];
const DEEPL_ORIGINS = ['https://api-free.deepl.com', 'https://api.deepl.com'];
/** The worker gets this long to start and answer: a browser that ignored the extension fails here, not later. */
const WORKER_START_MS = 20_000;
/** Chromium starts in 1–3 s here, idle or busy; once in three busy CI runs a start never ended (a hook timed out). */
const BROWSER_START_MS = 20_000;

export interface LaunchOptions {
  headless?: boolean;
  /** Serve the replica pages instead of the real site. */
  fixtures?: boolean;
  /** Forward DeepL's hosts to this server (our local DeepL-compatible one). */
  deeplUrl?: string;
  extensionDir?: string;
  viewport?: { width: number; height: number } | null;
  /** Another browser than CHROMIUM_PATH. */
  executablePath?: string;
  /** --load-extension (the default), or Extensions.loadUnpacked over the DevTools protocol. */
  loadMethod?: LoadMethod;
  /** More of Chromium's switches (WEBGPU_SWITCHES: a software WebGPU adapter). */
  args?: string[];
}

/** A WebGPU adapter in headless Chromium without a GPU: SwiftShader's, on Vulkan (software, on the CPU). */
export const WEBGPU_SWITCHES = ['--enable-unsafe-webgpu', '--use-webgpu-adapter=swiftshader', '--enable-features=Vulkan', '--use-angle=swiftshader'];

export interface LaunchedBrowser {
  context: BrowserContext;
  worker: Worker;
  extensionId: string;
  /** The browser offline (navigator.onLine, 'offline' events) and DeepL unreachable, or back. */
  setOffline(offline: boolean): Promise<void>;
  /** The welcome page the extension opens on install, once it is open. */
  welcomePage(): Promise<Page>;
  close(): Promise<void>;
}

/**
 * A browser that did not start (Chromium hung, or its worker never answered) is started once more, said
 * on stderr: a start failing twice is the extension's failure, and its message stands.
 */
export async function launchWithExtension(options: LaunchOptions = {}): Promise<LaunchedBrowser> {
  try {
    return await launchOnce(options);
  } catch (error) {
    console.warn(`${(error as Error).message}; starting it once more`);
    return launchOnce(options);
  }
}

async function launchOnce(options: LaunchOptions): Promise<LaunchedBrowser> {
  const extensionDir = options.extensionDir ?? EXTENSION_DIR;
  try {
    readFileSync(join(extensionDir, 'manifest.json'));
  } catch {
    throw new Error(`No built extension at ${extensionDir}: run \`npm run build\` first.`);
  }
  const executablePath = options.executablePath ?? CHROMIUM_PATH;
  const byProtocol = options.loadMethod === 'protocol';
  const userDataDir = mkdtempSync(join(tmpdir(), 'rednote-lens-profile-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath,
    timeout: BROWSER_START_MS,
    headless: options.headless ?? true,
    viewport: options.viewport === undefined ? { width: 1280, height: 900 } : options.viewport,
    locale: 'en-US',
    // Playwright passes --disable-extensions, which also refuses Extensions.loadUnpacked.
    ignoreDefaultArgs: byProtocol ? ['--disable-extensions'] : undefined,
    args: [
      ...(byProtocol
        ? ['--enable-unsafe-extension-debugging']
        : [`--disable-extensions-except=${extensionDir}`, `--load-extension=${extensionDir}`]),
      // This machine's network is closed: without these Chromium keeps dialling Google's services.
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-quic',
      '--no-first-run',
      ...(options.args ?? []),
    ],
  }).catch((error: unknown) => {
    rmSync(userDataDir, { recursive: true, force: true });
    throw new Error(`${executablePath} did not start: ${(error as Error).message.split('\n')[0]}`);
  });

  if (options.fixtures) await serveReplica(context);
  // Chromium's offline emulation does not stop requests that are routed through Playwright: the
  // route itself fails them while offline.
  let offline = false;
  if (options.deeplUrl) {
    const target = options.deeplUrl.replace(/\/+$/, '');
    for (const origin of DEEPL_ORIGINS) {
      await context.route(`${origin}/**`, async (route) => {
        if (offline) return route.abort('internetdisconnected');
        const request = route.request();
        const url = target + request.url().slice(origin.length);
        try {
          const response = await route.fetch({ url, maxRedirects: 0 });
          await route.fulfill({ response });
        } catch {
          // The server dropped the connection (a fault a test asked for): the worker sees a network error.
          await route.abort('connectionreset').catch(() => {});
        }
      });
    }
  }

  let worker: Worker;
  try {
    const loadedId = byProtocol ? await loadUnpacked(context, extensionDir) : undefined;
    worker = await runningWorker(context, loadedId);
  } catch (error) {
    await context.close().catch(() => {});
    rmSync(userDataDir, { recursive: true, force: true });
    throw new Error(`${executablePath} started, but the extension did not: ${(error as Error).message.split('\n')[0]}`);
  }
  const extensionId = new URL(worker.url()).host;
  return {
    context,
    worker,
    extensionId,
    async setOffline(next) {
      offline = next;
      await context.setOffline(next);
    },
    welcomePage: () => welcomePage(context),
    async close() {
      await context.close().catch(() => {});
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

/** The site's hosts answered from our replica pages. */
async function serveReplica(context: BrowserContext) {
  for (const origin of SITE_ORIGINS) {
    await context.route(`${origin}/**`, async (route) => {
      const found = resolveFixture(route.request().url());
      if (!found) return route.fulfill({ status: 404, contentType: 'text/plain', body: 'Not in the replica' });
      return route.fulfill({ status: 200, contentType: found.contentType, body: readFileSync(found.file) });
    });
  }
}

/**
 * The same browser and replica pages without the extension: what the page does on its own, the
 * baseline every page-behaviour check must also pass.
 */
export async function launchWithoutExtension(options: Pick<LaunchOptions, 'headless' | 'viewport' | 'executablePath'> = {}) {
  const userDataDir = mkdtempSync(join(tmpdir(), 'rednote-lens-plain-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: options.executablePath ?? CHROMIUM_PATH,
    headless: options.headless ?? true,
    viewport: options.viewport === undefined ? { width: 1280, height: 900 } : options.viewport,
    locale: 'en-US',
    args: ['--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-quic', '--no-first-run'],
  });
  await serveReplica(context);
  return {
    context,
    async close() {
      await context.close().catch(() => {});
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

/** Extensions.loadUnpacked on the browser's own DevTools connection (Playwright's pipe); the extension's id. */
async function loadUnpacked(context: BrowserContext, extensionDir: string): Promise<string> {
  const browser = context.browser();
  if (!browser) throw new Error('no browser-level DevTools session');
  const session = await browser.newBrowserCDPSession();
  try {
    const { id } = await session.send('Extensions.loadUnpacked', { path: extensionDir });
    return id;
  } finally {
    await session.detach().catch(() => {});
  }
}

const WELCOME_URL = /^chrome-extension:\/\/[a-z]+\/options\.html#welcome$/;
/** The welcome tab opens a moment after the worker starts: it may be open already, or come next. */
const WELCOME_OPENS_MS = 15_000;

async function welcomePage(context: BrowserContext): Promise<Page> {
  const deadline = Date.now() + WELCOME_OPENS_MS;
  for (;;) {
    const found = context.pages().find((page) => WELCOME_URL.test(page.url()));
    if (found) return found;
    const left = deadline - Date.now();
    if (left <= 0) throw new Error(`the welcome page did not open within ${WELCOME_OPENS_MS / 1000} s`);
    // A new tab, or a tab that navigates: its URL may come after the event.
    await Promise.race([context.waitForEvent('page', { timeout: left }), ...context.pages().map((page) => page.waitForEvent('framenavigated', { timeout: left }))]).catch(() => {});
  }
}

/** Our background worker, once it runs code (a worker that was registered but does not run fails here). */
async function runningWorker(context: BrowserContext, expectedId: string | undefined): Promise<Worker> {
  const isOurs = (worker: Worker) => {
    const url = new URL(worker.url());
    return url.protocol === 'chrome-extension:' && url.pathname === '/background.js' && (!expectedId || url.host === expectedId);
  };
  const worker =
    context.serviceWorkers().find(isOurs) ??
    (await context.waitForEvent('serviceworker', { predicate: isOurs, timeout: WORKER_START_MS }).catch(() => {
      throw new Error(`its background worker did not start within ${WORKER_START_MS / 1000} s`);
    }));
  let bound: ReturnType<typeof setTimeout> | undefined;
  const silent = new Promise<never>((_, reject) => {
    bound = setTimeout(() => reject(new Error(`its background worker did not answer within ${WORKER_START_MS / 1000} s`)), WORKER_START_MS);
  });
  try {
    await Promise.race([worker.evaluate(() => (globalThis as unknown as { chrome: { runtime: { id: string } } }).chrome.runtime.id), silent]);
  } finally {
    clearTimeout(bound);
  }
  return worker;
}
