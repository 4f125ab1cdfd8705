// Write back: the control beside whichever text box the reader focuses (comment, reply, search).
// Listeners on the document until then; the control is built on the first focus the reader caused.
import type { WriteTranslation } from '../../messaging/contract';
import { writingBoxOf } from './box';
import { createWriteControl, type WriteControl } from './control';

/** How soon after the reader's click a focus counts as theirs (a site opens its box within a frame or two of the click). */
const READER_FOCUS_MS = 1_000;

export function startWriteBack(doc: Document, write: (text: string, platformWords: boolean) => Promise<WriteTranslation>) {
  let control: WriteControl | undefined;
  /** Off where the reader switched RedNote Lens off for the site. */
  let enabled = true;
  const online = () => doc.defaultView?.navigator.onLine !== false;
  const show = (box: HTMLElement) => (control ??= createWriteControl(doc, { write, online })).attach(box);
  /** When the reader last pressed a pointer (trusted only; the page side listens for no keys: keyboard readers have the shortcut). */
  let readerInputAt = -Infinity;
  const onReaderInput = (event: Event) => {
    if (!event.isTrusted || !enabled) return;
    readerInputAt = event.timeStamp;
    // A click in the box the reader is in: shown even if the page, not the reader, focused it.
    const box = writingBoxOf(event.target);
    if (box && box === doc.activeElement) show(box);
  };
  const onFocusIn = (event: FocusEvent) => {
    // Focus from element.focus() is trusted too: shown only on a focus that follows the reader's own
    // click (a site opens its comment box on a click elsewhere), so a page script alone cannot.
    if (!event.isTrusted || !enabled || event.timeStamp - readerInputAt > READER_FOCUS_MS) return;
    const box = writingBoxOf(event.target);
    if (box) show(box);
  };
  const onFocusOut = (event: FocusEvent) => {
    if (!control || event.target !== control.box || control.isHost(event.relatedTarget)) return;
    control.blurred();
  };
  doc.addEventListener('pointerdown', onReaderInput, true);
  doc.addEventListener('focusin', onFocusIn, true);
  doc.addEventListener('focusout', onFocusOut, true);
  return {
    setEnabled(next: boolean) {
      enabled = next;
      if (!next) control?.detach();
    },
    /** The shortcut (the worker's command), in the box the reader is in: translate, and again to use it. */
    shortcut() {
      const box = writingBoxOf(doc.activeElement);
      if (!box || !enabled) return;
      (control ??= createWriteControl(doc, { write, online })).attach(box);
      void control.shortcut();
    },
    /** What the control's panel shows, if it was built. */
    state: () => control?.state() ?? 'closed',
    stop() {
      doc.removeEventListener('pointerdown', onReaderInput, true);
      doc.removeEventListener('focusin', onFocusIn, true);
      doc.removeEventListener('focusout', onFocusOut, true);
      control?.detach();
    },
  };
}
