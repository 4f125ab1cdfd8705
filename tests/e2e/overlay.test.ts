// The overlay on every replica view, in Chromium with the built extension.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { BLOCKED_NOTICE, launchExtension, type ExtensionSession } from './harness';
import { coverage, pageDom, settled } from './page-probe';
import { contentProbe } from './soak';

let session: ExtensionSession;
beforeAll(async () => {
  session = await launchExtension();
});
afterAll(() => session?.close());

type FixtureWindow = { __fixture: Record<string, (...args: unknown[]) => unknown> };
const fixture = (page: Page, method: string, ...args: unknown[]) =>
  page.evaluate(([m, a]) => (window as unknown as FixtureWindow).__fixture[m as string]!(...(a as unknown[])), [method, args] as const);

describe('explore feed', () => {
  let page: Page;
  beforeAll(async () => {
    page = await session.openSite('/explore');
  });

  test('every Chinese text in view is translated; nicknames, counts and English are not sent', async () => {
    const result = await settled(page);
    expect(result.missing).toEqual([]);
    expect(result.total).toBeGreaterThan(20);
    expect(result.translated).toBe(result.total);
    expect(result.nicknamesTranslated).toBe(0);
    const sent = session.deepl.translateRequests().flatMap((r) => r.texts ?? []);
    expect(sent.some((t) => /^[\d.]+[万w]\+?$/.test(t) || t === '赞')).toBe(false); // counts are local
    expect(sent).not.toContain('Weekend brunch at home 🥞');
    expect(sent).not.toContain('发现'); // interface labels are local
    expect(await page.locator('.side-bar .channel >> nth=0').innerText()).toContain('Explore');
    expect(await page.getAttribute('#search-input', 'placeholder')).toBe('搜索小红书 · Search Xiaohongshu');
    await session.screenshot(page, 'explore-bilingual');
  });

  test('infinite scroll and recycled cards: new titles translated, no duplicates, nothing stale', async () => {
    for (let i = 0; i < 6; i++) {
      const y = await page.evaluate(() => scrollY);
      await page.mouse.wheel(0, 2_000);
      await expect.poll(() => page.evaluate(() => scrollY)).toBeGreaterThan(y);
    }
    await fixture(page, 'recycleCards', 5);
    await fixture(page, 'rerenderText', 'section.note-item .footer .title span', '重新渲染后的新标题');
    const result = await settled(page);
    expect(result.missing).toEqual([]);
    expect(result.duplicates).toBe(0);
    expect(result.stale).toBe(0);
    expect(result.translated).toBe(result.total);
    const first = page.locator('section.note-item .footer .title span').first();
    await first.scrollIntoViewIfNeeded();
    await expect.poll(() => first.locator('.rnl-t').innerText()).toContain('xin biao ti');
  });

  test('translation-only mode shows English in place, original on hover; no new requests', async () => {
    const before = session.deepl.translateRequests().length;
    await session.setSettings({ mode: 'replace' });
    await expect.poll(() => page.locator('.rnl-replaced').count()).toBeGreaterThan(10);
    expect(session.deepl.translateRequests().length).toBe(before);
    await session.screenshot(page, 'explore-translation-only');
    await session.setSettings({ mode: 'bilingual' });
    // Back under the originals, but in boxes the page measured (clamped card titles: render/fit.ts),
    // which keep the translation in place in both modes.
    await expect.poll(() => page.locator('.rnl-replaced:not(.rnl-fit)').count()).toBeLessThan(40);
  });

  test('turning off leaves the DOM exactly as the page made it; on again costs no request', async () => {
    const fresh = await session.openSite('/explore?cards=10');
    await settled(fresh);
    await session.setSettings({ mode: 'off' });
    await expect.poll(() => fresh.locator('[data-rnl]:not(#rnl-floating-button)').count()).toBe(0);
    const offDom = await pageDom(fresh);
    const requests = session.deepl.translateRequests().length;
    await session.setSettings({ mode: 'bilingual' });
    expect((await settled(fresh)).missing).toEqual([]);
    expect(session.deepl.translateRequests().length).toBe(requests);
    await session.setSettings({ mode: 'off' });
    await expect.poll(() => pageDom(fresh)).toBe(offDom);
    // And a page loaded while off never had anything of ours in it.
    const clean = await session.openSite('/explore?cards=10');
    // Until the content script has taken the settings: had it started translating, our style would be in the page then.
    const probe = await contentProbe(clean);
    await expect.poll(() => probe.stats().then((s) => s.applied, () => 0)).toBeGreaterThan(0);
    await probe.detach();
    expect(await clean.locator('[data-rnl]:not(#rnl-floating-button), .rnl-replaced').count()).toBe(0);
    await session.setSettings({ mode: 'bilingual' });
    await clean.close();
    await fresh.close();
  });

  test('the floating button switches translations off and on', async () => {
    // The button lives in a closed shadow root: click where it is, as a reader does.
    const host = page.locator('#rnl-floating-button');
    await host.waitFor({ state: 'visible' });
    const click = async () => {
      const box = (await host.boundingBox())!;
      await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    };
    try {
      await click();
      await expect.poll(() => page.locator('.rnl-t').count()).toBe(0);
      await click();
      await expect.poll(() => page.locator('.rnl-t').count(), { timeout: 10_000 }).toBeGreaterThan(20);
    } finally {
      await session.setSettings({ mode: 'bilingual' }); // later tests start from the default
    }
  });

  test('a page script cannot flip the switch with a synthetic click', async () => {
    const count = await page.locator('.rnl-t').count();
    // A closed shadow root: the page cannot reach the button itself.
    expect(await page.evaluate(() => document.querySelector('#rnl-floating-button')?.shadowRoot)).toBeNull();
    // Were it reachable, a click dispatched on the button itself: only an extension's world can open the
    // root (chrome.dom), and its synthetic click is as untrusted as a page script's.
    const probe = await contentProbe(page);
    try {
      const before = await probe.stats();
      await probe.evaluate(`chrome.dom.openOrClosedShadowRoot(document.querySelector('#rnl-floating-button')).querySelector('button').dispatchEvent(new MouseEvent('click', { bubbles: true }))`);
      // The button received the click (so it would have switched by now) and did not switch.
      await expect.poll(async () => (await probe.stats()).buttonClicks).toBe(before.buttonClicks + 1);
      expect((await probe.stats()).toggles).toBe(before.toggles);
    } finally {
      await probe.detach();
    }
    expect(await page.locator('.rnl-t').count()).toBe(count);
  });
});

describe('note, comments and replies', () => {
  test('the overlay note: title, body, lazy comments and expanded replies, with the note title as context', async () => {
    const page = await session.openSite('/explore');
    await page.click('section.note-item >> nth=2 >> a.cover');
    await page.waitForSelector('.comment-item');
    await fixture(page, 'expandReplies');
    const result = await settled(page);
    expect(result.missing).toEqual([]);
    expect(result.translated).toBe(result.total);
    expect(await page.locator('#detail-title .rnl-t').innerText()).toContain('lu ying xin shou');
    // Topics, mentions and emoji stay where they were: the translation is added after them.
    expect(await page.locator('#detail-desc a.tag').count()).toBe(3);
    expect(await page.locator('#detail-desc img.note-content-emoji').count()).toBe(2);
    // The body's line breaks are sent and shown: three lines in, three lines out.
    const sentBody = session.deepl.translateRequests().flatMap((r) => r.texts ?? []).find((t) => t.startsWith('本来想拍出氛围感大片'));
    expect(sentBody?.split('\n')).toHaveLength(3);
    const shown = page.locator('#detail-desc .note-text > .rnl-t');
    expect((await shown.innerText()).split('\n')).toHaveLength(3);
    expect(await shown.evaluate((el) => getComputedStyle(el).whiteSpace)).toBe('pre-line');
    expect(await page.locator('.bottom-container .date .rnl-t').innerText()).toBe('Edited yesterday 14:07 · Zhejiang');
    const withContext = session.deepl.translateRequests().filter((r) => (r.body as { context?: string }).context === '露营新手第一次翻车实录😭');
    expect(withContext.length).toBeGreaterThan(0);
    await session.screenshot(page, 'note-bilingual');
    await page.close();
  });
});

describe('other views', () => {
  test.each([
    ['search results', '/search_result?keyword=%E9%9C%B2%E8%90%A5'],
    ['profile', '/user/profile/5f0000000000000000000001'],
    ['notifications', '/notification'],
    ['login modal', '/explore?login=1&cards=5'],
  ])('%s: every Chinese text in view is translated', async (name, path) => {
    const page = await session.openSite(path);
    const result = await settled(page);
    expect(result.missing).toEqual([]);
    expect(result.translated).toBe(result.total);
    expect(result.total).toBeGreaterThan(3);
    expect(result.nicknamesTranslated).toBe(0);
    await session.screenshot(page, `view-${name.replace(/\s+/g, '-')}`);
    await page.close();
  });

  test('the profile keeps the name and translates bio, tags and the IP line', async () => {
    const page = await session.openSite('/user/profile/5f01');
    await settled(page);
    expect(await page.locator('.user-name .rnl-t').count()).toBe(0);
    expect(await page.locator('.user-desc .rnl-t').count()).toBe(1);
    expect(await page.locator('.user-IP .rnl-t').innerText()).toBe('IP location: Shanghai');
    await page.close();
  });
});

describe('errors the reader can see and fix', () => {
  test('a refused key: one notice for the page, no line per text; once the key is fixed the texts are translated, unasked', async () => {
    await session.setKey('invalid');
    const page = await session.openSite('/search_result?keyword=%E6%96%B0');
    await settled(page);
    // A text never translated before: it cannot come from the cache.
    await fixture(page, 'rerenderText', 'section.note-item .footer .title span', '一个从未见过的新标题');
    await expect.poll(() => page.locator(BLOCKED_NOTICE).count()).toBe(1);
    expect((await coverage(page)).errors).toBe(0);
    // The new key is pushed to the page, which asks again at once (it stays in front: no visibility change).
    await session.setKey('e2e-test-key:fx');
    const fresh = page.locator('section.note-item .footer .title span', { hasText: '一个从未见过的新标题' }).locator('.rnl-t');
    await expect.poll(() => fresh.innerText().catch(() => '')).toMatch(/^⟪EN⟫/);
    await expect.poll(() => page.locator(BLOCKED_NOTICE).count()).toBe(0);
    await page.close();
  });
});

describe('reading position', () => {
  test('translations arriving above the reader do not move what they are reading', async () => {
    await session.setSettings({ mode: 'off' });
    const page = await session.openSite('/explore?cards=40');
    await page.evaluate(() => window.scrollTo(0, 1_400));
    await expect.poll(() => page.evaluate(() => scrollY)).toBe(1_400);
    // The card under the reader's eye (a third down the screen, mid-width).
    const anchor = await page.evaluate(() => {
      const y = innerHeight / 3;
      const looking = [...document.querySelectorAll('section.note-item')].find((c) => {
        const r = c.getBoundingClientRect();
        return r.top <= y && r.bottom >= y;
      })!;
      looking.setAttribute('data-probe', '1');
      return looking.getBoundingClientRect().top;
    });
    await session.setSettings({ mode: 'bilingual' });
    await settled(page);
    // Scroll anchoring may take a frame to correct: wait for the position, not for a time.
    await expect.poll(async () => Math.abs((await page.evaluate(() => document.querySelector('[data-probe]')!.getBoundingClientRect().top)) - anchor)).toBeLessThan(4);
    expect(await page.locator('.rnl-t').count()).toBeGreaterThan(10);
    await page.close();
  });

  test('www.rednote.com gets the same treatment', async () => {
    const page = await session.context.newPage();
    await page.goto('https://www.rednote.com/explore?cards=10');
    const result = await settled(page);
    expect(result.total).toBeGreaterThan(10);
    expect(result.translated).toBe(result.total);
    await page.close();
  });
});

describe('a worker stopped mid-batch', () => {
  test('the page asks again and every text ends translated, none lost', async () => {
    const page = await session.openSite('/search_result?keyword=%E5%81%9C');
    await settled(page);
    session.deepl.latencyMs = 1_500;
    const before = session.deepl.translateRequests().length;
    const fresh = ['工作进程被停止时的第一个标题', '工作进程被停止时的第二个标题', '工作进程被停止时的第三个标题'];
    await page.evaluate((texts) => {
      const titles = [...document.querySelectorAll('section.note-item .footer .title > span')].slice(0, texts.length);
      titles.forEach((t, i) => (t.firstChild!.nodeValue = texts[i]!));
    }, fresh);
    await expect.poll(() => session.deepl.translateRequests().length).toBeGreaterThan(before); // in flight now
    const cdp = await session.context.newCDPSession(page);
    await cdp.send('ServiceWorker.enable');
    await cdp.send('ServiceWorker.stopAllWorkers');
    session.deepl.latencyMs = 0;
    await expect.poll(async () => {
      const texts = await page.locator('section.note-item .footer .title > span > .rnl-t:not(.rnl-pending):not(.rnl-error)').allInnerTexts();
      return fresh.every((_, i) => texts.some((t) => t.includes(`di ${['yi', 'er', 'san'][i]} ge biao ti`)));
    }, { timeout: 20_000 }).toBe(true);
    // The first request died with the worker; the texts went out again.
    const sentFirst = session.deepl.translateRequests().filter((r) => r.texts?.includes(fresh[0]!));
    expect(sentFirst.length).toBeGreaterThanOrEqual(2);
    await page.close();
  });
});
