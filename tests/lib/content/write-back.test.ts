// @vitest-environment jsdom
// The write-back control in a DOM without a reader: what it says, how it writes into a box when the
// browser's insertText is missing, and that no script's click (untrusted) sends or writes anything.
import { afterEach, expect, test, vi } from 'vitest';
import { boxText, putText, writingBoxOf } from '../../../lib/content/write-back/box';
import { createWriteControl } from '../../../lib/content/write-back/control';
import { errorText, registerNote } from '../../../lib/content/write-back/words';

afterEach(() => {
  document.body.replaceChildren();
  vi.restoreAllMocks();
});

test('the boxes offered: the comment box, the reply box, the search box; nothing else', () => {
  document.body.innerHTML = `<p id="content-textarea" contenteditable="true"><span id="in">hi</span></p>
    <textarea class="comment-input"></textarea><input id="search-input"><textarea id="other"></textarea>`;
  expect(writingBoxOf(document.getElementById('in'))?.id).toBe('content-textarea');
  expect(writingBoxOf(document.querySelector('.comment-input'))).toBeDefined();
  expect(writingBoxOf(document.getElementById('search-input'))).toBeDefined();
  expect(writingBoxOf(document.getElementById('other'))).toBeUndefined();
});

test('without insertText, a textarea gets the value through the native setter and one input event, as typing gives', () => {
  document.body.innerHTML = '<textarea class="comment-input">hello</textarea>';
  const box = document.querySelector('textarea')!;
  // A framework's own value setter on the element (Vue wraps none, React does): bypassed.
  let ownSetter = 0;
  Object.defineProperty(box, 'value', { configurable: true, get: () => Object.getOwnPropertyDescriptor(HTMLTextAreaElement.prototype, 'value')!.get!.call(box), set: () => void ownSetter++ });
  const seen: string[] = [];
  box.addEventListener('input', (e) => seen.push((e as InputEvent).inputType + ':' + box.value));
  document.execCommand = () => false;
  expect(putText(box, '你好')).toBe(true);
  expect(boxText(box)).toBe('你好');
  expect(seen).toEqual(['insertReplacementText:你好']);
  expect(ownSetter).toBe(0);
});

test('a contenteditable box gets the text and an input event', () => {
  document.body.innerHTML = '<p id="content-textarea" contenteditable="true">hello</p>';
  const box = document.getElementById('content-textarea')!;
  const seen = vi.fn();
  box.addEventListener('input', seen);
  document.execCommand = () => false;
  expect(putText(box, '你好')).toBe(true);
  expect(box.textContent).toBe('你好');
  expect(seen).toHaveBeenCalledTimes(1);
});

test("a script's click on the control sends nothing and writes nothing", () => {
  let root: ShadowRoot | undefined;
  const attach = HTMLElement.prototype.attachShadow;
  vi.spyOn(HTMLElement.prototype, 'attachShadow').mockImplementation(function (this: HTMLElement, init) {
    return (root = attach.call(this, init));
  });
  document.body.innerHTML = '<textarea class="comment-input">hello there</textarea>';
  const box = document.querySelector('textarea')!;
  const write = vi.fn(async () => ({ ok: true as const, chinese: '你好', provider: 'deepl' as const, translator: 'DeepL', registers: [] }));
  const control = createWriteControl(document, { write, online: () => true });
  control.attach(box);
  expect(document.querySelector('[data-rnl=write]')!.shadowRoot).toBeNull(); // closed to the page
  for (const button of root!.querySelectorAll('button')) button.click(); // untrusted, every button
  expect(write).not.toHaveBeenCalled();
  expect(box.value).toBe('hello there');
  control.detach();
  expect(document.querySelector('[data-rnl=write]')).toBeNull();
});

test('the control names the translator and what it can do with the register', () => {
  expect(registerNote({ ok: true, chinese: '', provider: 'deepl', translator: 'DeepL', registers: [] })).toMatch(/DeepL.*neutral.*no casual or formal setting for Chinese/);
  expect(registerNote({ ok: true, chinese: '', provider: 'on-device', translator: 'the on-device translator', registers: [] })).toMatch(/on-device.*neutral/);
  expect(registerNote({ ok: true, chinese: '', provider: 'chat', translator: 'the chat model qwen2.5:7b', registers: ['casual'], register: 'casual' })).toBe('By the chat model qwen2.5:7b, in a casual register.');
  expect(errorText('network', false)).toMatch(/offline/);
  expect(errorText('network', true)).toMatch(/No connection/);
});

test('its errors name the translator in use, not always DeepL; with none set up, every way to set one up', () => {
  expect(errorText('auth', true, 'chat')).toBe('The chat model refused the key: check it in RedNote Lens (popup or settings).');
  expect(errorText('quota', true, 'deepl')).toMatch(/^DeepL’s quota/);
  expect(errorText('unavailable', true, 'on-device')).toMatch(/^The on-device translator is unavailable/);
  expect(errorText('no-provider', true)).toMatch(/DeepL, a chat model or the on-device translator on the RedNote Lens welcome page/);
});
