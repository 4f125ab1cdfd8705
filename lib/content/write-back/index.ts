// Write back: the control beside whichever text box the reader focuses (comment, reply, search).
// One listener on the document until then; the control is built on the first focus.
import type { WriteTranslation } from '../../messaging/contract';
import { writingBoxOf } from './box';
import { createWriteControl, type WriteControl } from './control';

export function startWriteBack(doc: Document, write: (text: string, platformWords: boolean) => Promise<WriteTranslation>) {
  let control: WriteControl | undefined;
  /** Off where the reader switched RedNote Lens off for the site. */
  let enabled = true;
  const online = () => doc.defaultView?.navigator.onLine !== false;
  const onFocusIn = (event: FocusEvent) => {
    // Only the reader's own focus: a page script focusing boxes cannot make us show up.
    if (!event.isTrusted || !enabled) return;
    const box = writingBoxOf(event.target);
    if (box) (control ??= createWriteControl(doc, { write, online })).attach(box);
  };
  const onFocusOut = (event: FocusEvent) => {
    if (!control || event.target !== control.box || control.isHost(event.relatedTarget)) return;
    control.blurred();
  };
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
      doc.removeEventListener('focusin', onFocusIn, true);
      doc.removeEventListener('focusout', onFocusOut, true);
      control?.detach();
    },
  };
}
