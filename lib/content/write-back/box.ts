// The page's own text boxes, read and written the way typing does, so the framework's listeners
// (Vue's v-model on a textarea, the client's handler on a contenteditable) see the change, the page's
// counter and send button follow, and the browser's undo takes it back.
import { WRITING_BOXES } from '../../sites/xiaohongshu/selectors';

export type WritingBox = HTMLTextAreaElement | HTMLInputElement | HTMLElement;

/** The writing box an event happened in, if it is one we offer the control for. */
export function writingBoxOf(target: EventTarget | null): WritingBox | undefined {
  if (!(target instanceof Element)) return undefined;
  const box = target.closest(WRITING_BOXES);
  return box instanceof HTMLElement ? box : undefined;
}

const isField = (box: WritingBox): box is HTMLTextAreaElement | HTMLInputElement => box instanceof HTMLTextAreaElement || box instanceof HTMLInputElement;

export function boxText(box: WritingBox): string {
  return isField(box) ? box.value : (box.innerText ?? box.textContent ?? '');
}

/**
 * Replace the box's text with `text`, as typing would: the browser's own insertText (one undo step,
 * trusted input events); where that does nothing, the native value setter (a framework's own setter
 * bypassed) or the DOM, and an `input` event. True when the box then holds the text.
 */
export function putText(box: WritingBox, text: string): boolean {
  const doc = box.ownerDocument;
  box.focus();
  if (isField(box)) box.select();
  else {
    const range = doc.createRange();
    range.selectNodeContents(box);
    const selection = doc.getSelection();
    selection?.removeAllRanges();
    selection?.addRange(range);
  }
  // Deprecated but the only way a script's edit joins the browser's undo stack, in Chrome and Firefox.
  const inserted = doc.execCommand('insertText', false, text);
  if (inserted && sameText(boxText(box), text)) return true;
  if (isField(box)) {
    const proto = box instanceof HTMLTextAreaElement ? HTMLTextAreaElement.prototype : HTMLInputElement.prototype;
    Object.getOwnPropertyDescriptor(proto, 'value')?.set?.call(box, text);
  } else box.textContent = text;
  box.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertReplacementText', data: text }));
  return sameText(boxText(box), text);
}

const sameText = (a: string, b: string) => a.replace(/\s+/g, ' ').trim() === b.replace(/\s+/g, ' ').trim();
