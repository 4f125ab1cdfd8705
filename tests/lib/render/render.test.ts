// @vitest-environment jsdom
import { beforeEach, expect, test, vi } from 'vitest';
import { clear, injectStyle, removeAll, removeStyle, shownSource, showError, showPending, showPlaceholder, showTranslation, sourceText, translationOutdated, underOurLine } from '../../../lib/render/render';
import { measureFit } from '../../../lib/render/fit';

beforeEach(() => {
  document.body.innerHTML = '<div id="app"><span class="t">宝子们<img alt="[笑哭R]">快来</span><input id="q" placeholder="搜索小红书"></div>';
});
const el = () => document.querySelector('.t')!;

test('a translation is one element of ours, and the original text nodes are untouched', () => {
  const original = el().firstChild;
  showTranslation(el(), '宝子们快来', 'Come on, babes', 'bilingual');
  showTranslation(el(), '宝子们快来', 'Come on, babes', 'bilingual');
  expect(el().querySelectorAll('[data-rnl]')).toHaveLength(1);
  expect(el().firstChild).toBe(original);
  expect(sourceText(el())).toBe('宝子们快来');
  expect(shownSource(el())).toBe('宝子们快来');
});

test('a new line goes in the page filled: one change to the page, none to our line after it', async () => {
  const records: MutationRecord[] = [];
  const observer = new MutationObserver((list) => records.push(...list));
  observer.observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
  showTranslation(el(), '宝子们快来', 'Come on, babes', 'replace');
  await Promise.resolve();
  observer.disconnect();
  expect(records.map((r) => [r.type, r.target])).toEqual([['childList', el()]]);
  expect(el().lastElementChild?.textContent).toBe('Come on, babes');
});

test('translations are text: markup in them creates no element', () => {
  showTranslation(el(), '宝子们快来', '<img src=x onerror="alert(1)"><script>alert(2)</script>', 'bilingual');
  const ours = el().querySelector('[data-rnl]')!;
  expect(ours.children).toHaveLength(0);
  expect(ours.textContent).toContain('<script>');
});

test('replace mode hides the original by a class on our line, none on the page element; removeAll restores the DOM exactly', () => {
  const before = document.body.innerHTML;
  showTranslation(el(), '宝子们快来', 'Come on, babes', 'replace');
  expect(el().querySelector(':scope > .rnl-t.rnl-replaced')?.textContent).toBe('Come on, babes');
  expect(el().getAttribute('class')).toBe('t');
  showPlaceholder(document.querySelector('#q')!, '搜索小红书', 'Search Xiaohongshu', 'bilingual');
  expect(document.querySelector('#q')!.getAttribute('placeholder')).toBe('搜索小红书 · Search Xiaohongshu');
  removeAll(document);
  expect(document.body.innerHTML).toBe(before);
});

test('pending and error states; a page script cannot click the error (the e2e clicks it for real); clear() removes it', () => {
  showPending(el(), '宝子们快来');
  expect(el().querySelector('.rnl-pending')?.textContent).toBe('…');
  const retry = vi.fn();
  // Were a worker's error (a server's host and words) to reach the page whole, its message would still not be shown.
  const fromWorker = { kind: 'quota' as const, message: 'The chat model at api.example.com: {"error":"secret detail"}' };
  showError(el(), '宝子们快来', fromWorker, 'deepl', retry);
  const error = el().querySelector<HTMLElement>('.rnl-error')!;
  expect(error.textContent).toContain('DeepL quota used up');
  // The worker's message (a server's host and words) never reaches the page's DOM.
  expect(error.outerHTML).not.toMatch(/api\.example|secret/);
  error.click(); // synthetic: isTrusted is false
  expect(retry).not.toHaveBeenCalled();
  clear(el());
  expect(el().querySelector('[data-rnl]')).toBeNull();
});

test('an error names the translator in use: the on-device one is not "DeepL"', () => {
  showError(el(), '宝子们快来', { kind: 'network' }, 'on-device', () => {});
  expect(el().querySelector('.rnl-error')?.textContent).toBe('⚠ on-device translator failed, retrying — click to retry');
  showError(el(), '宝子们快来', { kind: 'network' }, 'deepl', () => {});
  expect(el().querySelector('.rnl-error')?.textContent).toBe('⚠ no connection to DeepL, retrying — click to retry');
  showError(el(), '宝子们快来', { kind: 'rate-limited' }, 'chat', () => {});
  expect(el().querySelector('.rnl-error')?.textContent).toBe('⚠ chat model busy, retrying — click to retry');
  showError(el(), '宝子们快来', { kind: 'budget' }, 'chat', () => {});
  expect(el().querySelector('.rnl-error')?.textContent).toBe('⚠ monthly budget reached — click to retry');
});

test('a translation with bidi overrides is shown without them, in its own direction', () => {
  showTranslation(el(), '反转', '\u202eesrever\u202c text', 'bilingual');
  const span = el().querySelector<HTMLElement>('.rnl-t')!;
  expect(span.textContent).toBe('esrever text');
  expect(span.getAttribute('dir')).toBe('auto');
});

test('a page that sets the element\'s textContent (Vue, a like count 赞 → 1) leaves nothing of ours hiding the new text', () => {
  document.body.innerHTML = '<span class="count">赞</span>';
  const count = document.querySelector('.count')!;
  showTranslation(count, '赞', 'Like', 'replace');
  count.textContent = '1';
  expect(count.outerHTML).toBe('<span class="count">1</span>');
});

test('a translation is outdated once the page rewrote a text node under it; waiting lines are not', () => {
  showTranslation(el(), '宝子们快来', 'Come on, babes', 'replace');
  expect(translationOutdated(el(), () => sourceText(el()))).toBe(false);
  el().firstChild!.nodeValue = '新的';
  expect(translationOutdated(el(), () => sourceText(el()))).toBe(true);
  showPending(el(), '宝子们快来');
  expect(translationOutdated(el(), () => sourceText(el()))).toBe(false);
});

test('a page change is near a line of ours only under an element we gave one (the cheap test before reading its text)', () => {
  document.body.insertAdjacentHTML('beforeend', '<div id="feed"><span class="other">别的</span></div>');
  expect(underOurLine(el().firstChild!)).toBe(false);
  showTranslation(el(), '宝子们快来', 'Come on, babes', 'bilingual');
  expect(underOurLine(el().firstChild!)).toBe(true);
  expect(underOurLine(el())).toBe(true);
  expect(underOurLine(document.querySelector('.other')!.firstChild!)).toBe(false);
  expect(underOurLine(document.getElementById('feed')!)).toBe(false);
});

test('in a box the page placed by script, a translation takes the original\'s place and lines in both modes; the wait shows nothing', () => {
  document.body.innerHTML = '<section style="position:absolute; transform: translate(0px, 10px)"><div><span class="t">周末早午餐</span></div></section><p class="free">不是</p>';
  showPending(el(), '周末早午餐');
  expect(el().querySelector('.rnl-pending')?.classList.contains('rnl-fit')).toBe(true);
  showTranslation(el(), '周末早午餐', 'Weekend brunch', 'bilingual');
  const line = el().querySelector<HTMLElement>(':scope > .rnl-t')!;
  expect(line.className).toBe('rnl-t rnl-replaced rnl-fit');
  expect(line.style.getPropertyValue('--rnl-lines')).toBe('1');
  const free = document.querySelector('.free')!;
  showTranslation(free, '不是', 'No', 'bilingual');
  expect(free.querySelector('.rnl-t')!.className).toBe('rnl-t');
});

test('our stylesheet is adopted (no element the page can find), once, and taken out again', () => {
  const doc = document;
  injectStyle(doc, '.rnl-t { color: red; }');
  injectStyle(doc, '.rnl-t { color: red; }');
  expect(doc.adoptedStyleSheets).toHaveLength(1);
  expect(doc.querySelectorAll('style')).toHaveLength(0);
  removeStyle(doc);
  expect(doc.adoptedStyleSheets).toHaveLength(0);
});

test('where adopting is refused (Firefox content scripts), a <style> of ours without an id, put back after removeAll', () => {
  const doc = document.implementation.createHTMLDocument();
  Object.defineProperty(doc, 'adoptedStyleSheets', {
    get: () => [],
    set: () => {
      throw new Error('Accessing from Xray wrapper is not supported.');
    },
  });
  injectStyle(doc, '.rnl-t { color: red; }');
  const style = doc.querySelector('style[data-rnl]');
  expect(style?.textContent).toBe('.rnl-t { color: red; }');
  expect(style?.id).toBe('');
  removeAll(doc); // a redraw removes everything of ours…
  injectStyle(doc, '.rnl-t { color: red; }'); // …and puts the style back
  expect(doc.querySelectorAll('style[data-rnl]')).toHaveLength(1);
  removeStyle(doc);
  expect(doc.querySelectorAll('style')).toHaveLength(0);
});

test('measuring boxes leaves no live range per element behind (each one slows every later change to the page)', () => {
  document.body.innerHTML = '<section style="position:absolute; top: 10px"><p><span id="a">周末早午餐</span></p><p><span id="b">宝子们快来</span></p></section>';
  const created = vi.spyOn(document, 'createRange');
  expect(measureFit(document.getElementById('a')!)).not.toBeNull();
  expect(measureFit(document.getElementById('b')!)).not.toBeNull();
  expect(created.mock.calls.length).toBeLessThanOrEqual(1);
  created.mockRestore();
});

test('the range kept for measuring is collapsed afterwards: it holds none of the page\'s nodes', () => {
  document.body.innerHTML = '<section style="position:absolute; top: 10px"><p><span id="a">周末早午餐</span></p></section>';
  // jsdom lays nothing out (no getClientRects on a range): one that answers, so the measure goes as far as in a browser.
  let range: Range | undefined;
  const proto = Range.prototype as unknown as { getClientRects?(this: Range): DOMRectList };
  proto.getClientRects = function (this: Range) {
    range = this;
    return [] as unknown as DOMRectList;
  };
  try {
    measureFit(document.getElementById('a')!);
  } finally {
    delete proto.getClientRects;
  }
  expect(range).toBeDefined();
  expect(range!.collapsed).toBe(true);
  expect(range!.intersectsNode(document.getElementById('a')!.firstChild!)).toBe(false);
});
