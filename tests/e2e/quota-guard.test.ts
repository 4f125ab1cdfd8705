// Issue 12: a page script must not be able to use the reader's DeepL key as a free translator. The
// attack runs in the replica note page against an instant DeepL: what goes out stays under the
// tab's limit, invisible text never goes, the reader gets one prompt (kept through a restart of the
// worker), and after the reader's own click sending resumes.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { TAB_LIMIT } from '../../lib/worker/rate-limit';
import { launchExtension, TEST_KEY, type ExtensionSession } from './harness';
import { settled } from './page-probe';
import { attackCharactersSent, clickPrompt, MARK, PROMPT, runAttack } from './quota-attack';

let session: ExtensionSession;
let page: Page;
beforeAll(async () => {
  session = await launchExtension({ latencyMs: 0 });
  page = await session.openSite('/explore/66f0a1b2000000001e012345');
  await page.waitForSelector('.comment-item');
  await settled(page, 30_000);
});
afterAll(() => session?.close());

test('a page refilling invisible and visible 4,999-character comments gets less than the limit, and the reader one prompt', async () => {
  expect(session.deepl.usageOf(TEST_KEY).character_count).toBeGreaterThan(0); // the page's own text is translated
  const run = await runAttack(page, 8_000);
  expect(run.refills).toBeGreaterThan(100);
  const sent = attackCharactersSent(session.deepl);
  // Text no reader can see never goes; what a reader could see goes up to the tab's limit, no further.
  expect(sent.hidden).toBe(0);
  expect(sent.offscreen).toBe(0);
  expect(sent.total).toBeLessThanOrEqual(TAB_LIMIT.characters);
  expect(run.readBack).toBeLessThanOrEqual(TAB_LIMIT.characters / 4_999);
  // One prompt for the page, however many texts wait.
  await expect.poll(() => page.locator(PROMPT).count()).toBe(1);
  // The page sees the host of our prompt and nothing in it.
  expect(await page.locator(PROMPT).evaluate((host) => [host.shadowRoot, host.textContent])).toEqual([null, '']);
  await session.screenshot(page, 'quota-guard-prompt');
}, 60_000);

test('the pause outlives the worker: stopped (as Chromium does when it idles) and the page reloaded, the attack gets nothing more', async () => {
  const sentBefore = attackCharactersSent(session.deepl).total;
  const cdp = await session.context.newCDPSession(page);
  await cdp.send('ServiceWorker.enable');
  await cdp.send('ServiceWorker.stopAllWorkers');
  await cdp.detach();
  await page.reload();
  await page.waitForSelector('.comment-item');
  await runAttack(page, 3_000);
  // The new worker still has the tab paused: one prompt again, and not a character more sent.
  await expect.poll(() => page.locator(PROMPT).count(), { timeout: 15_000 }).toBe(1);
  expect(attackCharactersSent(session.deepl).total).toBe(sentBefore);
}, 60_000);

test("a page script cannot click the prompt; the reader's click resumes sending", async () => {
  const sentBefore = attackCharactersSent(session.deepl).visible;
  await page.locator(PROMPT).evaluate((host) => host.dispatchEvent(new MouseEvent('click', { bubbles: true })));
  await page.locator(PROMPT).evaluate((host) => (host as HTMLElement).click());
  expect(await page.locator(PROMPT).count()).toBe(1);
  expect(attackCharactersSent(session.deepl).visible).toBe(sentBefore);
  await clickPrompt(page);
  await expect.poll(() => page.locator(PROMPT).count()).toBe(0);
  // The visible texts that waited go now.
  await expect.poll(() => attackCharactersSent(session.deepl).visible, { timeout: 15_000 }).toBeGreaterThan(sentBefore);
  const translatedAttackLines = () =>
    page.evaluate((mark) => [...document.querySelectorAll('.note-text')].filter((el) => el.firstChild?.nodeValue?.startsWith(mark) && el.querySelector('.rnl-t')?.textContent?.includes('⟪EN⟫')).length, MARK.visible);
  await expect.poll(translatedAttackLines).toBeGreaterThan(0);
  expect(attackCharactersSent(session.deepl).hidden).toBe(0);
}, 60_000);
