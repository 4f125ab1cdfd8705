// The write-back control: a small button beside the text box the reader is in, and a panel that shows
// their English in Chinese with what that Chinese says back, and puts it in the box only when they
// accept. In a closed shadow root of ours, fixed in the viewport: the page's layout is untouched and
// page scripts can neither read nor click it (clicks must be trusted). Nothing is sent until the
// reader clicks; the reader's text is kept only here, while the panel is open.
import { hasHan } from '../../detect/chinese';
import type { WriteTranslation } from '../../messaging/contract';
import { MAX_WRITE_CHARS } from '../../messaging/limits';
import { createClosedHost } from '../../render/closed-host';
import { FLOATING_BUTTON_ID } from '../floating-button';
import { boxText, putText, type WritingBox } from './box';
import { errorText, NO_PLATFORM_WORDS, registerNote } from './words';

const WRITE_BUTTON_LABEL = 'EN→中';
const TEXTS = {
  title: 'Write this in Chinese (RedNote Lens)',
  working: 'Writing it in Chinese…',
  empty: 'Type your text in English first.',
  chinese: 'Your box holds Chinese already: left as it is.',
  changed: 'Your text changed meanwhile: nothing was put in. Translate it again.',
  gone: 'The box is gone: nothing was put in.',
  refused: 'The box did not take it; copy it from here:',
  says: 'It says:',
  noBack: 'It could not be translated back',
  kept: 'Your text is unchanged.',
  use: 'Use this',
  cancel: 'Cancel',
  retry: 'Try again',
  platformWords: 'Use Xiaohongshu words (种草, 平替 …)',
  tooLong: `Too long: at most ${MAX_WRITE_CHARS.toLocaleString('en')} characters at once.`,
};

const CSS = `
:host { all: initial; position: fixed; z-index: 2147483002; top: 0; left: 0; }
* { box-sizing: border-box; }
[hidden] { display: none !important; }
.open { font: 600 12px/1 system-ui, sans-serif; border: 1px solid #ff2442; border-radius: 999px; padding: 5px 8px; cursor: pointer;
  color: #ff2442; background: #fff; box-shadow: 0 1px 6px rgba(0,0,0,.15); }
.open:focus-visible, .panel button:focus-visible { outline: 3px solid #1f5fa8; outline-offset: 2px; }
.panel { position: absolute; right: 0; width: 320px; max-width: calc(100vw - 16px); font: 13px/1.45 system-ui, sans-serif; color: #222;
  background: #fff; border-radius: 12px; box-shadow: 0 6px 24px rgba(0,0,0,.2); border-top: 3px solid #ff2442; padding: 12px; }
.panel.up { bottom: calc(100% + 6px); } .panel.down { top: calc(100% + 6px); }
.zh { font-size: 17px; line-height: 1.5; margin: 0 0 6px; white-space: pre-wrap; overflow-wrap: anywhere; }
.back { color: #333; margin: 0 0 6px; white-space: pre-wrap; overflow-wrap: anywhere; }
.back b { font-weight: 600; color: #666; }
.note { color: #777; font-size: 12px; margin: 0 0 10px; }
.message { margin: 0 0 10px; } .message.error { color: #b00020; }
.words { display: flex; gap: 6px; align-items: center; font-size: 12px; color: #444; margin: 0 0 10px; cursor: pointer; }
.actions { display: flex; gap: 8px; justify-content: flex-end; }
.actions button { font: 600 13px/1 system-ui, sans-serif; border-radius: 999px; padding: 8px 14px; cursor: pointer; border: 1px solid #ccc; background: #fff; color: #333; }
.actions button.primary { border-color: #ff2442; background: #ff2442; color: #fff; }
@media (prefers-color-scheme: dark) { .panel, .open { background: #26262a; color: #eee; } .back { color: #ddd; } .note { color: #aaa; } .actions button { background: #333; color: #eee; } }`;

export interface WriteControlDeps {
  write(text: string, platformWords: boolean): Promise<WriteTranslation>;
  online(): boolean;
}

type Shown =
  | { state: 'working' }
  | { state: 'answer'; chinese: string; back?: string; note: string }
  | { state: 'message'; text: string; error: boolean; retry: boolean };

export function createWriteControl(doc: Document, deps: WriteControlDeps) {
  const { host, shadow } = createClosedHost(doc, 'write', CSS);
  const make = <K extends keyof HTMLElementTagNameMap>(tag: K, className = '') => Object.assign(doc.createElement(tag), { className });
  const open = make('button', 'open');
  open.type = 'button';
  open.textContent = WRITE_BUTTON_LABEL;
  open.title = TEXTS.title;
  open.setAttribute('aria-label', TEXTS.title);
  const panel = make('div', 'panel');
  panel.setAttribute('role', 'dialog');
  panel.setAttribute('aria-label', TEXTS.title);
  panel.setAttribute('aria-live', 'polite');
  panel.hidden = true;
  const zh = make('p', 'zh');
  zh.lang = 'zh-CN';
  const back = make('p', 'back');
  const note = make('p', 'note');
  const message = make('p', 'message');
  const use = make('button', 'primary use');
  const retry = make('button', 'retry');
  const cancel = make('button', 'cancel');
  for (const [button, text] of [[use, TEXTS.use], [retry, TEXTS.retry], [cancel, TEXTS.cancel]] as const) {
    button.type = 'button';
    button.textContent = text;
  }
  const actions = make('div', 'actions');
  actions.append(retry, cancel, use);
  // The reader's choice for this page: asked again at once when changed under an answer.
  const words = make('label', 'words');
  const wordsBox = Object.assign(doc.createElement('input'), { type: 'checkbox' });
  words.append(wordsBox, doc.createTextNode(TEXTS.platformWords));
  panel.append(zh, back, note, message, words, actions);
  shadow.append(open, panel);
  // The box keeps focus (and its caret) when the reader clicks here.
  host.addEventListener('mousedown', (event) => event.preventDefault());

  let box: WritingBox | undefined;
  /** The reader's text the shown answer was made from: put in only if the box still holds it. */
  let asked: string | undefined;
  let answer: string | undefined;
  let frame = 0;
  let run = 0;
  let state: Shown['state'] | 'closed' = 'closed';

  function show(shown: Shown) {
    state = shown.state;
    panel.hidden = false;
    zh.hidden = back.hidden = note.hidden = words.hidden = shown.state !== 'answer';
    message.hidden = shown.state === 'answer';
    use.hidden = shown.state !== 'answer';
    retry.hidden = !(shown.state === 'message' && shown.retry);
    if (shown.state === 'answer') {
      zh.textContent = shown.chinese;
      back.replaceChildren(Object.assign(doc.createElement('b'), { textContent: `${shown.back === undefined ? TEXTS.noBack : TEXTS.says} ` }), shown.back ?? '');
      note.textContent = shown.note;
    } else if (shown.state === 'working') {
      message.className = 'message';
      message.textContent = TEXTS.working;
    } else {
      message.className = shown.error ? 'message error' : 'message';
      message.textContent = shown.error ? `${shown.text} ${TEXTS.kept}` : shown.text;
    }
    place();
  }

  function closePanel() {
    state = 'closed';
    run++;
    panel.hidden = true;
    asked = answer = undefined;
  }

  async function translate() {
    if (!box) return;
    const text = boxText(box).trim();
    if (!text) return show({ state: 'message', text: TEXTS.empty, error: false, retry: false });
    if (hasHan(text)) return show({ state: 'message', text: TEXTS.chinese, error: false, retry: false });
    if (text.length > MAX_WRITE_CHARS) return show({ state: 'message', text: TEXTS.tooLong, error: true, retry: false });
    const mine = ++run;
    asked = text;
    show({ state: 'working' });
    let result: WriteTranslation;
    try {
      result = await deps.write(text, wordsBox.checked);
    } catch (error) {
      result = { ok: false, error: { kind: 'network' } };
    }
    if (mine !== run) return; // cancelled or asked again meanwhile
    if (!result.ok) return show({ state: 'message', text: errorText(result.error.kind, deps.online(), result.provider), error: true, retry: result.error.kind !== 'unsupported' });
    answer = result.chinese;
    show({ state: 'answer', chinese: result.chinese, back: result.back, note: registerNote(result) + (result.platformWords === false ? ` ${NO_PLATFORM_WORDS}` : '') });
  }

  function accept() {
    const target = box;
    if (!target?.isConnected) return show({ state: 'message', text: TEXTS.gone, error: false, retry: false });
    if (answer === undefined || boxText(target).trim() !== asked) return show({ state: 'message', text: TEXTS.changed, error: false, retry: true });
    // A box that did not take it (an editor of its own kind): the Chinese stays here to copy.
    if (!putText(target, answer)) return show({ state: 'message', text: `${TEXTS.refused} ${answer}`, error: false, retry: false });
    closePanel();
  }

  const trusted = (fn: () => unknown) => (event: Event) => {
    // A page script's synthetic click must not send the reader's text or write into their box.
    if (event.isTrusted) void fn();
  };
  open.addEventListener('click', trusted(translate));
  retry.addEventListener('click', trusted(translate));
  use.addEventListener('click', trusted(accept));
  cancel.addEventListener('click', trusted(closePanel));
  wordsBox.addEventListener('change', trusted(translate));

  /** Beside the box's top right corner, above it where there is room; follows the box each frame while shown. */
  let last = '';
  function place() {
    if (!box) return;
    const rect = box.getBoundingClientRect();
    const size = open.getBoundingClientRect();
    const above = rect.top - size.height - 4 >= 0;
    const top = above ? rect.top - size.height - 4 : rect.bottom + 4;
    let left = Math.max(4, Math.min(rect.right - size.width, doc.documentElement.clientWidth - size.width - 4));
    // Not under our own floating switch (both sit at the right edge in the note's footer).
    const other = doc.getElementById(FLOATING_BUTTON_ID)?.getBoundingClientRect();
    if (other && other.width && left + size.width > other.left && left < other.right && top + size.height > other.top && top < other.bottom) left = Math.max(4, other.left - size.width - 8);
    const key = `${top}|${left}|${above}`;
    if (key === last) return;
    last = key;
    host.style.transform = `translate(${Math.round(left)}px, ${Math.round(top)}px)`;
    panel.classList.toggle('up', rect.top > 260);
    panel.classList.toggle('down', rect.top <= 260);
  }
  function follow() {
    cancelAnimationFrame(frame);
    if (!host.isConnected) return;
    // A box the page removed (its 取消) takes the button with it, unless an answer is on show.
    if (!box?.isConnected && panel.hidden) return detach();
    if (box?.isConnected) place(); // a box gone under an open panel: the panel stays where it was
    frame = requestAnimationFrame(follow);
  }

  function attach(next: WritingBox) {
    if (box !== next) {
      closePanel();
      box = next;
    }
    if (!host.isConnected) (doc.body ?? doc.documentElement).append(host);
    last = '';
    follow();
  }

  function detach() {
    cancelAnimationFrame(frame);
    closePanel();
    box = undefined;
    host.remove();
  }

  return {
    attach,
    /** The reader left the box: the button goes, an open panel stays until they answer it. */
    blurred: () => panel.hidden && detach(),
    /** The shortcut: as a click on the button; pressed again on an answer, as a click on "Use this". */
    shortcut: () => (state === 'answer' ? accept() : translate()),
    detach,
    isHost: (node: unknown) => node === host,
    /** What the panel shows (for the content script's stats, read by tests in its isolated world). */
    state: () => state,
    get box() {
      return box;
    },
  };
}

export type WriteControl = ReturnType<typeof createWriteControl>;
