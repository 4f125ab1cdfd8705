// `npm start`: Chromium with the built extension, at https://www.xiaohongshu.com/explore.
// `npm run demo`: the same on our replica pages with the local DeepL-compatible server, offline.
// Flags: --demo, --headless, --screenshot <file.png> (load, wait, capture and exit: for checking on a machine without a display).
import { parseArgs } from 'node:util';
import { launchWithExtension } from '../tests/support/browser';
import { startDeeplServer } from '../tests/support/deepl-server';

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

if (!headless && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
  console.error('No display found (DISPLAY is unset). Run under a desktop session, or `xvfb-run npm start`, or add `-- --screenshot out.png`.');
  process.exit(1);
}

const deepl = values.demo ? await startDeeplServer({ latencyMs: 150 }) : undefined;
const browser = await launchWithExtension({
  headless,
  fixtures: values.demo,
  deeplUrl: deepl?.url,
  viewport: headless ? { width: 1280, height: 900 } : null,
});
if (deepl) {
  // The demo pretends to have a DeepL key; its requests go to the local server, never to DeepL.
  await browser.worker.evaluate(
    (key) => (globalThis as unknown as { chrome: { storage: { local: { set(v: object): Promise<void> } } } }).chrome.storage.local.set({ deeplKey: key }),
    DEMO_KEY,
  );
  console.log(`Demo: replica pages of Xiaohongshu, translations from the local DeepL-compatible server at ${deepl.url}.`);
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
