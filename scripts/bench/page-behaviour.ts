// The page's own behaviour with the extension on, in both display modes, on replica pages that
// behave like the real client's framework (tests/fixtures/xiaohongshu/framework.js): overlapping
// waterfall cards, translations cut off by a box that clips, hydration-mismatch warnings.
import type { Page } from 'playwright-core';
import { DEFAULT_SETTINGS } from '../../lib/settings/defaults';
import { rawEntries, STORED } from '../../lib/storage/keys';
import { clippedTranslations, overlappingCards } from '../../tests/e2e/layout-probe';
import { launchWithExtension } from '../../tests/support/browser';
import { startDeeplServer } from '../../tests/support/deepl-server';
import type { BenchRow } from './table';

const SITE = 'https://www.xiaohongshu.com';
const VIEWS = ['/explore?waterfall=1', '/search_result?keyword=露营&waterfall=1', '/explore?login=1', '/explore/66f0a1b2000000001e000001', '/user/profile/5f0000000000000000000001', '/notification'];
const HYDRATING_NOTE = '/explore/66f0a1b2000000001e000001?hydrate=2500';

/** Until nothing of ours waits (or 15 s). */
const quiet = (page: Page) => page.waitForFunction(() => !document.querySelector('.rnl-pending'), undefined, { timeout: 15_000 }).catch(() => {});

export async function runPageBehaviourBench(): Promise<BenchRow[]> {
  const deepl = await startDeeplServer({ latencyMs: 0 });
  const browser = await launchWithExtension({ fixtures: true, deeplUrl: deepl.url });
  await (await browser.welcomePage()).close(); // opened on install; the pages measured are the site's
  type Local = { chrome: { storage: { local: { get(k: string): Promise<Record<string, unknown>>; set(v: object): Promise<void> } } } };
  const writeLocal = (entries: Record<string, unknown>) => browser.worker.evaluate((v) => (globalThis as unknown as Local).chrome.storage.local.set(v), entries);
  await writeLocal(rawEntries('deeplKey', 'bench-key:fx'));
  const rows: BenchRow[] = [];
  try {
    for (const mode of ['bilingual', 'replace'] as const) {
      const current = await browser.worker.evaluate(async (key) => (await (globalThis as unknown as Local).chrome.storage.local.get(key))[key] as object | undefined, STORED.settings.key);
      await writeLocal(rawEntries('settings', { ...DEFAULT_SETTINGS, ...current, mode }));
      let overlaps = 0;
      let clipped = 0;
      for (const path of VIEWS) {
        const page = await browser.context.newPage();
        await page.goto(SITE + path);
        for (let i = 0; i < 3; i++) {
          await page.mouse.wheel(0, 900);
          await quiet(page);
        }
        overlaps += await overlappingCards(page);
        clipped += (await clippedTranslations(page)).length;
        await page.close();
      }
      const page = await browser.context.newPage();
      const warnings: string[] = [];
      page.on('console', (m) => void (/hydration/i.test(m.text()) && warnings.push(m.text())));
      await page.goto(SITE + HYDRATING_NOTE);
      await page.waitForFunction(() => (window as unknown as { __framework: { hydrated: boolean } }).__framework.hydrated, undefined, { timeout: 15_000 });
      await page.waitForSelector('.comment-item');
      await quiet(page);
      await page.close();
      const label = mode === 'replace' ? 'English only' : 'bilingual';
      rows.push({ name: `${label}: overlapping waterfall cards`, value: overlaps, unit: 'pairs', against: 'explore and search waterfalls scrolled 3 screens; 0 without the extension' });
      rows.push({ name: `${label}: translations clipped`, value: clipped, unit: 'lines', against: 'cut off by a box that hides overflow: waterfalls, login modal, note, profile, notifications' });
      rows.push({ name: `${label}: hydration warnings`, value: warnings.length, unit: '', against: 'a note opened directly, hydrating 2.5 s after load; 0 without the extension' });
    }
  } finally {
    await browser.close();
    await deepl.close();
  }
  return rows;
}
