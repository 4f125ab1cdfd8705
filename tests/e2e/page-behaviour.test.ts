// The page's own behaviour must survive the extension: every check runs on the replica without the
// extension (the baseline: the page does this by itself) and with it, in bilingual and English-only
// modes. The replica behaves like the real client's framework here (tests/fixtures/xiaohongshu/
// framework.js): Vue-style text patches, a hydration after load, a waterfall measured once.
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { launchWithoutExtension } from '../support/browser';
import { launchExtension, SITE } from './harness';
import { clippedTranslations, loginInputsInside, overlappingCards, VISIBLE_TEXT } from './layout-probe';
import { settled } from './page-probe';

const NOTE = '/explore/66f0a1b2000000001e000001';
const VARIANTS = [{ name: 'without the extension' }, { name: 'with the extension, bilingual', mode: 'bilingual' as const }, { name: 'with the extension, English only', mode: 'replace' as const }];

/** In the page: patch a text the way the framework does, and read what the reader sees before the next paint. */
const AT_ONCE = (patch: string, read: string) => `(async () => {
  const visible = ${VISIBLE_TEXT};
  const el = (${patch})();
  if (!el) return null;
  await Promise.resolve(); // mutation observers (the page's, ours) run first: microtasks, before paint
  await Promise.resolve();
  return visible(${read});
})()`;

/** In the page: the first counter showing 赞 (zero) in wrappers matching selector, brought into view. */
const ZERO_INTO_VIEW = (selector: string) => `(() => {
  const wrapper = [...document.querySelectorAll('${selector}')].find((w) => w.querySelector('.count')?.firstChild?.nodeValue === '赞');
  wrapper?.scrollIntoView({ block: 'center' });
  return Boolean(wrapper);
})()`;
/** In the page: click the like of the counter ZERO_INTO_VIEW brought into view. */
const LIKE_ZERO = (selector: string) => `() => {
  const wrapper = [...document.querySelectorAll('${selector}')].find((w) => w.querySelector('.count')?.firstChild?.nodeValue === '赞');
  wrapper?.click();
  return wrapper;
}`;

describe.each(VARIANTS)('page behaviour, $name', ({ mode }) => {
  let context: BrowserContext;
  let close: () => Promise<void>;
  beforeAll(async () => {
    if (mode) {
      const session = await launchExtension({ settings: { mode } });
      context = session.context;
      close = () => session.close();
    } else {
      const plain = await launchWithoutExtension();
      context = plain.context;
      close = plain.close;
    }
  });
  afterAll(() => close?.());

  /** A page of the replica, with the console's messages; with the extension, once its texts in view settled. */
  async function open(path: string, settle = true) {
    const page = await context.newPage();
    const consoleMessages: string[] = [];
    page.on('console', (message) => consoleMessages.push(message.text()));
    await page.goto(SITE + path);
    await page.waitForFunction(() => (window as unknown as { __framework?: { hydrated: boolean } }).__framework?.hydrated === true, undefined, { timeout: 15_000 });
    if (mode && settle) await settled(page);
    return { page, consoleMessages };
  }
  const visibleAtOnce = (page: Page, patch: string, read = 'el.querySelector(".count")') => page.evaluate(AT_ONCE(patch, read)) as Promise<string | null>;

  test('a like updates a visible count at once, on a card and on a comment (the framework sets the count\'s textContent)', async () => {
    const { page } = await open('/explore');
    const card = 'section.note-item .like-wrapper';
    expect(await page.evaluate(ZERO_INTO_VIEW(card))).toBe(true);
    if (mode) await settled(page);
    expect(await visibleAtOnce(page, LIKE_ZERO(card))).toBe('1');
    const note = await open(NOTE);
    const comment = '.comment-item .like-wrapper';
    await expect.poll(() => note.page.evaluate(ZERO_INTO_VIEW(comment))).toBe(true);
    if (mode) await settled(note.page);
    expect(await visibleAtOnce(note.page, LIKE_ZERO(comment))).toBe('1');
    // Saving the note: 收藏 → 1 (its count starts at a number here: 3400 → 3401).
    expect(await visibleAtOnce(note.page, `() => { const w = document.querySelector('.collect-wrapper'); w.click(); return w; }`)).toBe('3401');
    await page.close();
    await note.page.close();
  });

  test('a mixed text patched by nodeValue (the comment total) shows its new value at once, never an old translation', async () => {
    const { page } = await open(NOTE);
    await page.waitForSelector('.comments-container > .total');
    if (mode) await settled(page);
    const seen = await visibleAtOnce(page, `() => { window.__framework.setCommentTotal(99); return document.querySelector('.comments-container > .total'); }`, 'el');
    expect(seen).toContain('99');
    expect(seen).not.toMatch(/\b15\b/);
    await page.close();
  });

  test('a note opened directly hydrates 2.5 s after load without a mismatch warning; its texts are translated after', async () => {
    const { page, consoleMessages } = await open(`${NOTE}?hydrate=2500`, false);
    await page.waitForSelector('.comment-item');
    if (mode) {
      const result = await settled(page);
      expect(result.missing).toEqual([]);
      expect(result.translated).toBeGreaterThan(5);
    }
    expect(consoleMessages.filter((m) => /hydration/i.test(m))).toEqual([]);
    await page.close();
  });

  test.each(['/explore?waterfall=1', '/search_result?keyword=露营&waterfall=1'])('no two cards of the waterfall overlap and no translation is clipped: %s', async (path) => {
    const { page } = await open(path);
    for (let i = 0; i < 3; i++) {
      await page.mouse.wheel(0, 900);
      await expect.poll(() => page.evaluate(() => document.querySelectorAll('section.note-item').length)).toBeGreaterThan(0);
    }
    if (mode) {
      const result = await settled(page);
      expect(result.missing).toEqual([]);
    }
    expect(await overlappingCards(page)).toBe(0);
    expect(await clippedTranslations(page)).toEqual([]);
    // The original shown on hover takes the same room as its translation: the card keeps its height.
    const title = page.locator('section.note-item .footer .title').nth(2);
    await title.scrollIntoViewIfNeeded();
    const cardHeight = () => title.evaluate((el) => el.closest('section.note-item')!.getBoundingClientRect().height);
    const height = await cardHeight();
    await title.hover();
    expect(await cardHeight()).toBe(height);
    await page.close();
  });

  test.each([NOTE, '/search_result?keyword=露营', '/user/profile/5f0000000000000000000001', '/notification'])('no translation is clipped: %s', async (path) => {
    const { page } = await open(path);
    if (path === NOTE) {
      await page.waitForSelector('.comment-item');
      if (mode) await settled(page);
    }
    expect(await clippedTranslations(page)).toEqual([]);
    await page.close();
  });

  test('the login modal keeps its inputs inside it', async () => {
    const { page } = await open('/explore?login=1');
    expect(await loginInputsInside(page)).toBe(true);
    expect(await clippedTranslations(page)).toEqual([]);
    await page.close();
  });
});
