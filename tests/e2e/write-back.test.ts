// Writing in Chinese on the replica's own boxes: the reader types English, our control beside the box
// shows the Chinese and what it says back, and only the reader's accept puts it in, the way typing
// does: the page's framework model, counter and send button follow; undo takes it back. Cancel,
// Chinese input and every failure leave the box as the reader left it.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { fakeTranslate } from '../support/deepl-server';
import { launchExtension, TEST_KEY, type ExtensionSession } from './harness';
import { inClosedShadow } from './page-probe';
import { contentScriptRunning } from './replica-views';
import { contentProbe } from './soak';

let session: ExtensionSession;
beforeAll(async () => {
  session = await launchExtension();
});
afterAll(() => session?.close());

const NOTE = '/explore/66f0a1b2000000001e012345';
const CONTROL = '[data-rnl=write]';
const model = (page: Page, name: string) => page.evaluate((n) => (window as unknown as { __framework: { model(n: string): string | null } }).__framework.model(n), name);
const writeRequests = () => session.deepl.translateRequests().filter((r) => r.body?.source_lang === 'EN');

interface PanelView {
  open: { x: number; y: number };
  panel: boolean;
  zh: string;
  back: string;
  note: string;
  message: string;
  buttons: Record<string, { x: number; y: number }>;
}
/** What our closed shadow root shows, and where its buttons are (read over DevTools, as the page cannot). */
function panel(page: Page): Promise<PanelView> {
  return inClosedShadow(page, CONTROL, function () {
    const at = (el: Element) => {
      const r = el.getBoundingClientRect();
      return { x: r.left + r.width / 2, y: r.top + r.height / 2 };
    };
    const text = (selector: string) => {
      const el = this.querySelector(selector) as HTMLElement;
      return el.hidden ? '' : el.textContent ?? '';
    };
    const buttons: Record<string, { x: number; y: number }> = {};
    for (const b of this.querySelectorAll('.panel button')) if (!(b as HTMLElement).hidden) buttons[b.textContent!] = at(b);
    const words = this.querySelector('.words') as HTMLElement;
    if (!words.hidden) buttons.words = at(words.querySelector('input')!);
    return { open: at(this.querySelector('.open')!), panel: !(this.querySelector('.panel') as HTMLElement).hidden, zh: text('.zh'), back: text('.back'), note: text('.note'), message: text('.message'), buttons };
  });
}
/** The reader's real (trusted) click on one of our buttons. */
async function click(page: Page, name: 'open' | string) {
  const view = await panel(page);
  const at = name === 'open' ? view.open : view.buttons[name];
  if (!at) throw new Error(`No ${name} button shown: ${JSON.stringify(view)}`);
  await page.mouse.click(at.x, at.y);
}
async function translateBox(page: Page): Promise<PanelView> {
  await page.waitForSelector(CONTROL);
  await click(page, 'open');
  await expect.poll(async () => { const v = await panel(page); return v.zh || v.message.replace('Writing it in Chinese…', ''); }, { timeout: 15_000 }).not.toBe('');
  return panel(page);
}

async function openCommentBox(replyTo?: string, viewport?: { width: number; height: number }): Promise<Page> {
  const page = await session.openSite(NOTE);
  if (viewport) await page.setViewportSize(viewport);
  await contentScriptRunning(page);
  await page.waitForSelector('.comment-item');
  if (replyTo) await page.locator('.comment-item', { hasText: replyTo }).first().locator('.reply.icon-container').click();
  else await page.click('.not-active .inner');
  await page.waitForSelector('#content-textarea');
  return page;
}

test('the comment box: English in, Chinese with its back-translation shown, accept puts it in as typing would; undo takes it back', async () => {
  const page = await openCommentBox();
  const english = 'Nice tent, where is it from?';
  // The collapsed box opened: empty, send disabled.
  expect(await page.locator('.input-box .btn.submit').isDisabled()).toBe(true);
  await page.keyboard.type(english);
  expect(await model(page, 'comment')).toBe(english);

  const view = await translateBox(page);
  const chinese = fakeTranslate(english, 'ZH-HANS');
  expect(view.zh).toBe(chinese);
  expect(view.back).toBe(`It says: ${fakeTranslate(chinese, 'EN-US')}`);
  expect(view.back).toContain(english); // the local server's Chinese reads back as what was typed
  expect(view.note).toMatch(/DeepL.*no casual or formal setting for Chinese/);
  // Shown, not put in.
  expect(await model(page, 'comment')).toBe(english);
  expect(writeRequests().at(-1)?.body).toMatchObject({ source_lang: 'EN', target_lang: 'ZH-HANS', text: [english] });

  await click(page, 'Use this');
  await expect.poll(() => model(page, 'comment')).toBe(chinese);
  expect(await page.locator('#content-textarea').textContent()).toBe(chinese);
  expect(await page.locator('.input-box .input-count').textContent()).toBe(`${[...chinese].length}/280`);
  expect(await page.locator('.input-box .btn.submit').isDisabled()).toBe(false);
  expect((await panel(page)).panel).toBe(false);
  await session.screenshot(page, 'write-back-accepted');
  // Never submitted by us.
  expect(await page.locator('.reds-toast', { hasText: '评论成功' }).count()).toBe(0);

  // The browser's undo: the reader's English is back, and the framework saw it.
  await page.keyboard.press('Control+z');
  await expect.poll(() => model(page, 'comment')).toBe(english);
  await page.close();
});

test('cancel leaves the box as it was; Chinese in the box is left alone and nothing is sent', async () => {
  const page = await openCommentBox();
  await page.keyboard.type('see you soon');
  const view = await translateBox(page);
  expect(view.zh).toBe(fakeTranslate('see you soon', 'ZH-HANS'));
  await click(page, 'Cancel');
  await expect.poll(async () => (await panel(page)).panel).toBe(false);
  expect(await model(page, 'comment')).toBe('see you soon');
  expect(await page.locator('#content-textarea').textContent()).toBe('see you soon');

  await page.keyboard.press('Control+a');
  await page.keyboard.type('谢谢 thanks');
  const before = writeRequests().length;
  await click(page, 'open');
  await expect.poll(async () => (await panel(page)).message).toMatch(/Chinese already/);
  expect(writeRequests()).toHaveLength(before);
  expect(await model(page, 'comment')).toBe('谢谢 thanks');
  await page.close();
});

test('a box that does not take the text (an editor of its own that undoes every change) leaves the Chinese in the panel to copy', async () => {
  const page = await openCommentBox();
  await page.keyboard.type('see you');
  // From now on this editor puts its own text back after every input.
  await page.evaluate(() => {
    const box = document.getElementById('content-textarea')!;
    box.addEventListener('input', () => (box.textContent = 'see you'));
  });
  await translateBox(page);
  await click(page, 'Use this');
  await expect.poll(async () => (await panel(page)).message).toBe(`The box did not take it; copy it from here: ${fakeTranslate('see you', 'ZH-HANS')}`);
  await page.close();
});

test('reply mode "回复 @name": the reply goes into the same box, the reply-to stays', async () => {
  const page = await openCommentBox('momo', { width: 1440, height: 900 });
  const replyTo = () => page.locator('.reply-content .reply').evaluate((el) => el.firstChild?.nodeValue);
  expect(await replyTo()).toBe('回复 @momo');
  await page.keyboard.type('Thank you all for the warm welcome!');
  const view = await translateBox(page);
  expect(view.zh).toBe('谢谢大家的热情欢迎！');
  await session.screenshot(page, 'write-back');
  await click(page, 'Use this');
  await expect.poll(() => model(page, 'comment')).toBe('谢谢大家的热情欢迎！');
  expect(await replyTo()).toBe('回复 @momo');
  await page.close();
});

test("the notifications' reply box (a textarea with v-model): accept fills it and enables its send button", async () => {
  const page = await session.openSite('/notification');
  await contentScriptRunning(page);
  await page.locator('.action-reply').first().click();
  const box = page.locator('textarea.comment-input');
  await box.waitFor();
  expect(await page.locator('.comment-wrapper .submit').isDisabled()).toBe(true);
  // Typed, as the page sees it: the send button follows the framework's model.
  await page.keyboard.type('So happy to be here');
  expect(await page.locator('.comment-wrapper .submit').isDisabled()).toBe(false);
  await page.keyboard.press('Control+a');
  await page.keyboard.press('Backspace');
  expect(await page.locator('.comment-wrapper .submit').isDisabled()).toBe(true);
  await page.keyboard.type('So happy to be here');
  const view = await translateBox(page);
  await click(page, 'Use this');
  await expect.poll(() => model(page, 'notification-reply')).toBe(view.zh);
  expect(await box.inputValue()).toBe(view.zh);
  expect(await page.locator('.comment-wrapper .submit').isDisabled()).toBe(false);
  await page.close();
});

test('the search box: accept puts the Chinese in the model the search uses', async () => {
  const page = await session.openSite('/explore?cards=5');
  await contentScriptRunning(page);
  await page.click('#search-input');
  await page.keyboard.type('camping tent');
  const view = await translateBox(page);
  await click(page, 'Use this');
  await expect.poll(() => model(page, 'search')).toBe(view.zh);
  await page.focus('#search-input');
  await page.keyboard.press('Enter');
  await page.waitForURL(/search_result/);
  expect(new URL(page.url()).searchParams.get('keyword')).toBe(view.zh);
  await page.close();
});

test("Xiaohongshu words on request: with the DeepL glossary's EN → ZH dictionary, 'dupe' comes out as 平替", async () => {
  // "Use with DeepL" in the popup's glossary tab: the same message, from an extension page.
  const ext = await session.context.newPage();
  await ext.goto(`chrome-extension://${session.extensionId}/popup.html`);
  const synced = await ext.evaluate(() => (globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<{ ok: boolean; value?: { ok: boolean } }> } } }).chrome.runtime.sendMessage({ type: 'sync-glossary' }));
  expect(synced).toMatchObject({ ok: true, value: { ok: true } });
  await ext.close();

  const page = await openCommentBox();
  await page.keyboard.type('I found a dupe');
  const plain = await translateBox(page);
  expect(plain.zh).not.toContain('平替');
  await click(page, 'words');
  await expect.poll(async () => (await panel(page)).zh, { timeout: 15_000 }).toContain('平替');
  expect(writeRequests().at(-1)?.body).toMatchObject({ glossary_id: expect.any(String) });
  await click(page, 'Use this');
  await expect.poll(() => model(page, 'comment')).toContain('平替');
  await page.close();
});

test('the shortcut (the browser command Alt+Shift+T, sent by the worker) translates the box the reader is in, and pressed again uses it', async () => {
  const page = await openCommentBox();
  await page.keyboard.type('love this');
  await page.waitForSelector(CONTROL);
  // Browser commands cannot be pressed in headless Chromium.
  // What the worker's command listener sends (to the active tab; here to every tab: ours is the only one listening).
  const press = () =>
    session.worker.evaluate(async () => {
      const chrome = (globalThis as unknown as { chrome: { tabs: { query(q: object): Promise<Array<{ id: number }>>; sendMessage(id: number, m: unknown): Promise<unknown> } } }).chrome;
      for (const tab of await chrome.tabs.query({})) await chrome.tabs.sendMessage(tab.id, { type: 'write-in-chinese' }).catch(() => {});
    });
  await press();
  await expect.poll(async () => (await panel(page)).zh, { timeout: 15_000 }).toBe(fakeTranslate('love this', 'ZH-HANS'));
  expect(await model(page, 'comment')).toBe('love this');
  // Pressed again on the answer: used, as "Use this" would.
  await press();
  await expect.poll(() => model(page, 'comment')).toBe(fakeTranslate('love this', 'ZH-HANS'));
  await page.close();
});

test('a page script focusing a box does not bring the control up; the reader’s click in that box does', async () => {
  const page = await session.openSite('/explore?cards=5');
  await contentScriptRunning(page);
  // element.focus() from the page: a trusted focus event, but no click or key of the reader's before it.
  await page.evaluate(() => (document.querySelector('#search-input') as HTMLElement).focus());
  expect(await page.evaluate(() => document.activeElement?.id)).toBe('search-input');
  expect(await page.locator(CONTROL).count()).toBe(0);
  await page.keyboard.type('tent');
  expect(await page.locator(CONTROL).count()).toBe(0);
  await page.click('#search-input');
  await page.waitForSelector(CONTROL);
  await page.close();
});

test('where the reader switched RedNote Lens off for the site, no control is offered', async () => {
  await session.setSettings({ disabledHosts: ['www.xiaohongshu.com'] });
  try {
    const page = await session.openSite(NOTE);
    await contentScriptRunning(page);
    const probe = await contentProbe(page);
    await expect.poll(() => probe.evaluate<number>('globalThis.__rnlStats().applied')).toBeGreaterThan(0);
    await page.waitForSelector('.comment-item');
    await page.click('.not-active .inner');
    await page.keyboard.type('hello');
    expect(await page.locator(CONTROL).count()).toBe(0);
    await page.close();
  } finally {
    await session.setSettings({ disabledHosts: [] });
  }
});

test('offline: said so in the control; the text stays', async () => {
  const page = await openCommentBox();
  await page.keyboard.type('good morning everyone');
  await page.waitForSelector(CONTROL);
  // Read before going offline: a DevTools session of its own (inClosedShadow) ends Chromium's offline emulation.
  const { open } = await panel(page);
  const probe = await contentProbe(page);
  await session.setOffline(true);
  try {
    await page.mouse.click(open.x, open.y);
    await expect.poll(() => probe.evaluate<string>('globalThis.__rnlStats().writeBack')).toBe('message');
  } finally {
    await session.setOffline(false);
  }
  expect((await panel(page)).message).toMatch(/You are offline.*Your text is unchanged/);
  expect(await model(page, 'comment')).toBe('good morning everyone');
  await page.close();
});

test('errors show in the control and lose nothing: no translator, 429; a page script’s click on our element sends nothing', async () => {
  const page = await openCommentBox();
  await page.keyboard.type('where can I buy this');

  // A page script's click on our element sends nothing (our buttons are out of its reach; clicks must be trusted).
  // Counted by this box's text: the queue still holds the last test's text, sent offline, and may send it now.
  const ofThisBox = () => writeRequests().filter((r) => JSON.stringify(r.body?.text).includes('where can I buy this'));
  await page.evaluate((sel) => (document.querySelector(sel) as HTMLElement | null)?.click(), CONTROL);
  await page.waitForSelector(CONTROL);
  // A send shows "Translating…" in the same task as the click: a panel still closed means nothing was asked.
  expect((await panel(page)).panel).toBe(false);
  expect(ofThisBox()).toHaveLength(0);

  await session.setKey('');
  try {
    await expect.poll(async () => (await translateBox(page)).message).toMatch(/No translator is set up/);
  } finally {
    await session.setKey(TEST_KEY);
  }
  expect(await model(page, 'comment')).toBe('where can I buy this');

  session.deepl.failNext(429, 20);
  await click(page, 'Try again');
  await expect.poll(async () => (await panel(page)).message, { timeout: 15_000 }).toMatch(/busy.*Your text is unchanged/);
  expect(await model(page, 'comment')).toBe('where can I buy this');
  session.deepl.reset();
});
