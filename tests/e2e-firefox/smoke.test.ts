// Firefox runs the add-on, not just builds it: the content script translates the replica feed through the local
// DeepL server, the popup sets the key and the mode and the page follows, the shortcut and the on-page switch toggle;
// and what Firefox differs in is what the README says.
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { HIGHLIGHT_NAME } from '../../lib/content/term-highlights';
import { launchFirefox, type FirefoxSession } from './firefox';

let session: FirefoxSession;
let site: Page;
let popup: Page;
beforeAll(async () => {
  session = await launchFirefox();
  popup = await session.openPopup();
});
afterAll(() => session?.close());

/** Conditions get this long: a busy two-core machine runs Firefox, Node and the server at once. */
const WAIT = { timeout: 20_000 };
const count = (page: Page, selector: string) => page.evaluate((s) => document.querySelectorAll(s).length, selector);
const texts = (page: Page, selector: string) => page.evaluate((s) => [...document.querySelectorAll(s)].map((e) => e.textContent ?? ''), selector);
/** Click in the popup, then show the page again: hidden tabs get no animation frames, and the overlay renders in them. */
const inPopup = async (action: () => Promise<unknown>) => {
  await popup.bringToFront();
  await action();
  await site.bringToFront();
};

test('the popup sets the key; the content script translates the explore feed through (local) DeepL', async () => {
  site = await session.openSite('/explore?cards=10');
  // Without a key, one notice says so (and no text gets a line of its own): the content script runs and reaches the background page.
  await expect.poll(() => count(site, '[data-rnl=blocked-notice]'), WAIT).toBe(1);
  expect(await count(site, '.rnl-error')).toBe(0);

  await inPopup(async () => {
    await popup.locator('input[type="password"]').fill('firefox-e2e-key:fx');
    await popup.locator('button[type="submit"]').click();
    await expect.poll(() => texts(popup, '[role="status"]'), WAIT).toContainEqual(expect.stringMatching(/Key works: DeepL Free plan/));
  });
  // The new key is pushed to the page, which asks again for what waited: no reload.
  // Translated by the local server (its marker, then toneless pinyin of the Chinese titles), with the key typed in the popup.
  const pinyinTitles = () =>
    texts(site, 'section.note-item .footer .title .rnl-t').then((all) => all.filter((t) => /^⟪EN⟫ [a-z]+( [a-z]+)+/.test(t)));
  await expect.poll(() => pinyinTitles().then((t) => t.length), WAIT).toBeGreaterThanOrEqual(5);
  // Waited for too: five titles may land before this one on a busy machine (a build loop beside the suite).
  await expect.poll(pinyinTitles, WAIT).toContain('⟪EN⟫ bao zi men ！ zhe jia ka fei dian zhen de jue jue zi ☕️');
  const asked = session.deepl.translateRequests();
  expect(asked.length).toBeGreaterThan(0);
  expect(asked[0]!.headers.authorization).toBe('DeepL-Auth-Key firefox-e2e-key:fx');
});

test('the mode chosen in the popup: the page follows', async () => {
  const choose = (label: string) =>
    inPopup(() => popup.evaluate((l) => [...document.querySelectorAll('label')].find((e) => e.textContent?.includes(l))?.click(), label));
  await choose('English only');
  await expect.poll(() => count(site, '.rnl-replaced'), WAIT).toBeGreaterThan(5);
  await choose('Off');
  await expect.poll(() => count(site, '.rnl-t, .rnl-replaced'), WAIT).toBe(0);
  await choose('Bilingual');
  await expect.poll(() => count(site, '.rnl-t'), WAIT).toBeGreaterThan(10);
});

test('the shortcut toggles translations off and on', async () => {
  // WebDriver's key actions go to the page, where Firefox's shortcuts are not looked up (a key synthesized in the
  // browser window reached it as Alt+T but did not run the command headless either): the test runs the command of
  // the key Firefox made from the manifest, the step after the key is recognised.
  const manifest = await popup.evaluate(() => (globalThis as unknown as ManifestGlobal).browser.runtime.getManifest());
  const shortcut = manifest.commands['toggle-translation']!.suggested_key.default;
  expect(shortcut).toBe('Alt+T');
  expect(await session.runShortcut(shortcut)).toBe(true);
  await expect.poll(() => count(site, '.rnl-t'), WAIT).toBe(0);
  expect(await session.runShortcut(shortcut)).toBe(true);
  await expect.poll(() => count(site, '.rnl-t'), WAIT).toBeGreaterThan(10);
});

test('the on-page switch toggles translations off and on (a trusted click at its box)', async () => {
  const host = await site.waitForSelector('#rnl-floating-button', { visible: true });
  const click = async () => {
    const box = (await host!.boundingBox())!;
    await site.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
  };
  await click();
  await expect.poll(() => count(site, '.rnl-t'), WAIT).toBe(0);
  await click();
  await expect.poll(() => count(site, '.rnl-t'), WAIT).toBeGreaterThan(10);
});

test('what Firefox differs in: an MV2 background page, no setAccessLevel, no on-device translator (the popup says so), the same underlines', async () => {
  // Glossary terms underlined through the CSS Custom Highlight API, which Firefox has from 140.
  const underlined = (name: string) => site.evaluate((n) => (CSS as unknown as { highlights: Map<string, Set<unknown>> }).highlights.get(n)?.size ?? 0, name);
  expect(await underlined(HIGHLIGHT_NAME)).toBeGreaterThan(0);

  const manifest = await popup.evaluate(() => (globalThis as unknown as ManifestGlobal).browser.runtime.getManifest());
  expect(manifest.manifest_version).toBe(2);
  expect(manifest.background).toMatchObject({ scripts: [expect.stringMatching(/\/background\.js$/)] });
  // The worker closes storage.local to content scripts where it can; Firefox has no way to (README, Privacy).
  expect(await popup.evaluate(() => typeof (globalThis as unknown as StorageGlobal).browser.storage.local.setAccessLevel)).toBe('undefined');
  await popup.bringToFront();
  await popup.evaluate(() => [...document.querySelectorAll('label')].find((e) => e.textContent === 'On-device')?.click());
  await expect.poll(() => popup.evaluate(() => document.body.textContent), WAIT).toContain('This browser has no on-device translator');
});

/** storage.local as the add-on's own pages see it. */
interface StorageGlobal {
  browser: { storage: { local: { setAccessLevel?: unknown } } };
}

/** The add-on's manifest as Firefox reports it to the add-on's own pages. */
interface ManifestGlobal {
  browser: {
    runtime: {
      getManifest(): {
        manifest_version: number;
        background: unknown;
        commands: Record<string, { suggested_key: { default: string } }>;
      };
    };
  };
}
