// Every replica view, in both display modes: the share of visible Han-text elements translated,
// counted from the DOM alone (page-probe.ts), and no text with two lines.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { launchExtension, type ExtensionSession } from './harness';
import { settled, translatedShare } from './page-probe';
import { contentScriptRunning, fixture, REPLICA_VIEWS } from './replica-views';

let session: ExtensionSession;
beforeAll(async () => {
  session = await launchExtension();
});
afterAll(() => session?.close());

describe.each(['bilingual', 'replace'] as const)('%s', (mode) => {
  beforeAll(() => session.setSettings({ mode }));

  test.each(REPLICA_VIEWS.map((v) => [v.name, v] as const))('%s: ≥ 99 % of visible Chinese translated, no duplicate lines', async (_, view) => {
    const page = await session.openSite(view.path);
    await contentScriptRunning(page);
    await view.open?.(page);
    const result = await settled(page, 10_000);
    expect(result.total).toBeGreaterThan(3);
    expect(translatedShare(result), `missing: ${JSON.stringify(result.missing)}`).toBeGreaterThanOrEqual(0.99);
    expect(result.duplicates).toBe(0);
    expect(result.stale).toBe(0);
    expect(result.nicknamesTranslated).toBe(0);
    await page.close();
  });
});

test('a toast is translated while it is up (about two seconds), and the page removes it as usual', async () => {
  await session.setSettings({ mode: 'bilingual' });
  const page = await session.openSite('/explore?cards=5');
  await contentScriptRunning(page);
  await page.waitForSelector('.side-bar .channel .rnl-t'); // the content script is running
  await fixture(page, 'toast', '收藏成功', 2_000);
  await expect.poll(() => page.locator('.reds-toast .rnl-t').allInnerTexts(), { timeout: 1_500 }).toEqual(['Saved']);
  await expect.poll(() => page.locator('.reds-toast').count(), { timeout: 3_000 }).toBe(0);
  await page.close();
});
