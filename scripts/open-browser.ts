// `npm start`: a Chromium-based browser with the built extension, at https://www.xiaohongshu.com/explore.
// `npm run demo`: the same on our replica pages with the local DeepL-compatible server, offline.
// Which browser, and how the extension gets in: scripts/browser-finder.ts.
// Flags: --demo, --headless, --screenshot <file.png> (load, wait, capture and exit: for checking on a machine without a display).
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { rawEntries } from '../lib/storage/keys';
import { launchWithExtension, type LaunchedBrowser } from '../tests/support/browser';
import { startDeeplServer } from '../tests/support/deepl-server';
import { BRAND_NAMES, CHROME_FOR_TESTING_INSTALL, findBrowser, systemProbes } from './browser-finder';

const { values } = parseArgs({
  options: {
    demo: { type: 'boolean', default: false },
    headless: { type: 'boolean', default: false },
    screenshot: { type: 'string' },
    url: { type: 'string' },
  },
});

const DEMO_KEY = 'demo-key:fx';
const startUrl = values.url ?? 'https://www.xiaohongshu.com/explore';
const headless = values.headless || Boolean(values.screenshot);

const found = findBrowser({ ...systemProbes(), projectDir: resolve(import.meta.dirname, '..') });
if (!found.ok) {
  console.error(found.message);
  process.exit(1);
}
const { path, brand, major, method, source } = found.browser;
const how = method === 'flag' ? '--load-extension' : 'the DevTools protocol (Extensions.loadUnpacked)';
console.log(`${BRAND_NAMES[brand]}${major === undefined ? '' : ` ${major}`} at ${path}${source === 'CHROMIUM_PATH' ? ' (CHROMIUM_PATH)' : ''}; loading the extension with ${how}.`);

// macOS and Windows always have a screen; on Linux a desktop session sets one of these.
if (!headless && process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
  console.error('No display found (DISPLAY is unset). Run under a desktop session, or `xvfb-run npm start`, or add `-- --screenshot out.png`.');
  process.exit(1);
}

const deepl = values.demo ? await startDeeplServer({ latencyMs: 150 }) : undefined;
let browser: LaunchedBrowser;
try {
  browser = await launchWithExtension({
    headless,
    fixtures: values.demo,
    deeplUrl: deepl?.url,
    viewport: headless ? { width: 1280, height: 900 } : null,
    executablePath: path,
    loadMethod: method,
  });
} catch (error) {
  console.error((error as Error).message);
  if (method === 'flag') {
    console.error(`If this browser ignores --load-extension (Google Chrome 137 and later do), use Chromium or Chrome for Testing: ${CHROME_FOR_TESTING_INSTALL}`);
  }
  await deepl?.close();
  process.exit(1);
}
if (deepl) {
  // The demo pretends to have a DeepL key; its requests go to the local server, never to DeepL.
  await browser.worker.evaluate(
    (entries) => (globalThis as unknown as { chrome: { storage: { local: { set(v: object): Promise<void> } } } }).chrome.storage.local.set(entries),
    rawEntries('deeplKey', DEMO_KEY),
  );
  console.log(`Demo: replica pages of Xiaohongshu, translations from the local DeepL-compatible server at ${deepl.url}.`);
  // The demo has its translator: the welcome page opened on install is not needed (npm start keeps it, as a new reader gets it).
  await browser.welcomePage().then((welcome) => welcome.close(), () => {});
}
const page = browser.context.pages()[0] ?? (await browser.context.newPage());
console.log(`RedNote Lens ${browser.extensionId} loaded.`);
try {
  await page.goto(startUrl);
  console.log(`Opened ${startUrl}.`);
} catch (error) {
  // Offline, or the site is blocked here: the browser stays open with the extension, on the error page.
  console.error(`Could not open ${startUrl}: ${(error as Error).message.split('\n')[0]}`);
}

if (values.screenshot) {
  await page.waitForTimeout(4_000);
  await page.screenshot({ path: values.screenshot });
  console.log(`Saved ${values.screenshot}.`);
  await shutdown();
} else {
  console.log('Close the browser window (or press Ctrl+C) to stop.');
  browser.context.on('close', () => void shutdown());
  process.on('SIGINT', () => void shutdown());
}

async function shutdown() {
  await browser.close();
  await deepl?.close();
  process.exit(0);
}
