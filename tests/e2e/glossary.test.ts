// Glossary terms on the page: underlined without touching the page's DOM, a card on hover, and
// "learned" stops the underline.
import { afterAll, beforeAll, expect, test } from 'vitest';
import { launchExtension, type ExtensionSession } from './harness';
import { inClosedShadow, settled } from './page-probe';

let session: ExtensionSession;
beforeAll(async () => {
  session = await launchExtension();
});
afterAll(() => session?.close());

const underlined = (page: import('playwright-core').Page) =>
  page.evaluate(() => [...((CSS.highlights.get('rnl-term') as Highlight | undefined) ?? [])].map((r) => (r as Range).toString()));

test('terms in titles and comments are underlined; hovering one shows its card; learned ones are left alone', async () => {
  const page = await session.openSite('/explore/66f0a1b2000000001e012345');
  await page.waitForSelector('.comment-item');
  await settled(page);
  await expect.poll(() => underlined(page)).toEqual(expect.arrayContaining(['露营', '姐妹们', '求链接', '氛围感']));
  // No element was added into the page's own text for this.
  expect(await page.locator('#detail-title').evaluate((el) => el.firstChild?.nodeValue)).toBe('露营新手第一次翻车实录😭');

  // Hover 求链接 in the first comment.
  const box = await page.evaluate(() => {
    const text = document.querySelector('.comment-item .content .note-text span')!.firstChild as Text;
    const range = document.createRange();
    range.setStart(text, 0);
    range.setEnd(text, 3);
    const r = range.getBoundingClientRect();
    return { x: r.left + r.width / 2, y: r.top + r.height / 2 };
  });
  await page.mouse.move(box.x, box.y);
  const card = page.locator('[data-rnl=card]');
  await expect.poll(() => card.isVisible()).toBe(true);
  await session.screenshot(page, 'glossary-hover-card');
  // Closed: the page cannot look inside (DevTools can).
  expect(await card.evaluate((host) => host.shadowRoot)).toBeNull();
  const shown = await inClosedShadow(page, '[data-rnl=card]', function () {
    const box = this.querySelector('input[type=checkbox]')!.getBoundingClientRect();
    return { text: (this.querySelector('[role=tooltip]') as HTMLElement).innerText, checkbox: { x: box.left + box.width / 2, y: box.top + box.height / 2 } };
  });
  expect(shown.text).toContain('求链接');
  expect(shown.text).toContain('qiú liàn jiē');
  expect(shown.text).toContain('where can I buy it?');

  // Mark it learned in the card: it is no longer underlined.
  await page.mouse.move(shown.checkbox.x, shown.checkbox.y, { steps: 4 });
  await page.mouse.click(shown.checkbox.x, shown.checkbox.y);
  await expect.poll(() => underlined(page)).not.toContain('求链接');
  expect(await underlined(page)).toContain('露营');
  await page.close();
});

test('a page script cannot open the card: its synthetic mousemove over a term is ignored', async () => {
  const page = await session.openSite('/explore/66f0a1b2000000001e012345');
  await page.waitForSelector('.comment-item');
  await settled(page);
  await expect.poll(() => underlined(page)).toContain('姐妹们');
  const opened = await page.evaluate(async () => {
    const [range] = [...((CSS.highlights.get('rnl-term') as Highlight | undefined) ?? [])] as Range[];
    const r = range!.getBoundingClientRect();
    document.dispatchEvent(new MouseEvent('mousemove', { clientX: r.left + r.width / 2, clientY: r.top + r.height / 2, bubbles: true }));
    // The card is looked for at the next frame: two frames later it would be there.
    await new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));
    return document.querySelector('[data-rnl=card]') !== null;
  });
  expect(opened).toBe(false);
  await page.close();
});

test('a comment of "İİİİ 种草" (lower-cased İ is two characters) stops neither its own translation nor the others’', async () => {
  const page = await session.openSite('/explore/66f0a1b2000000001e012345');
  await page.waitForSelector('.comment-item');
  await settled(page);
  // The page re-renders the first comments (on screen) at once: the İ one first, in the same batch as the rest.
  const comments = '.comment-item .content > .note-text:has(> [data-rnl].rnl-t)';
  const sources = await page.evaluate((comments) =>
    [...document.querySelectorAll(comments)].slice(0, 4).map((el, i) => {
      const text = i === 0 ? 'İİİİ 种草' : `第${i}条新评论`;
      document.createTreeWalker(el, NodeFilter.SHOW_TEXT).nextNode()!.nodeValue = text;
      return text;
    }),
  comments);
  expect(sources).toHaveLength(4);
  const shown = () =>
    page.evaluate((comments) =>
      [...document.querySelectorAll(comments)].slice(0, 4).map((el) => {
        const line = el.querySelector(':scope > [data-rnl].rnl-t')!;
        return line.matches('.rnl-pending, .rnl-error') ? null : line.getAttribute('data-rnl-src');
      }),
    comments);
  await expect.poll(shown, { timeout: 10_000 }).toEqual(sources);
  expect(await underlined(page)).toContain('种草');
  await page.close();
});
