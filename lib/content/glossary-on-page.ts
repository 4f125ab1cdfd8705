// Glossary terms on the page: underlined in the original Chinese of titles, bodies and comments;
// hovering one shows its card. Learned terms are no longer underlined.
import { mergeTerms } from '../glossary/merge';
import type { GlossaryTerm } from '../glossary/types';
import { setLearned } from './page-settings';
import type { Role } from '../sites/xiaohongshu/selectors';
import { createTermCard } from './term-card';
import { createTermHighlighter, HIGHLIGHT_CSS } from './term-highlights';
import { IMAGE_LAYER } from '../render/image-layer';
import { OURS } from '../render/render';

const CONTENT_ROLES: ReadonlySet<Role> = new Set(['title', 'body', 'comment']);
export { HIGHLIGHT_CSS };

export function createGlossaryOnPage(doc: Document) {
  const highlighter = createTermHighlighter(doc);
  const card = createTermCard(doc, (term, learned) => void setLearned(term, learned));
  /** Elements with underlines, to underline again when the terms change (weakly held). */
  const marked = new Set<WeakRef<Element>>();
  let refOf = new WeakMap<Element, WeakRef<Element>>();
  let learned = new Set<string>();
  let on = false;
  let pointer: { x: number; y: number; over: EventTarget | null } | undefined;

  function loadTerms(user: readonly GlossaryTerm[], known: readonly string[]) {
    learned = new Set(known);
    highlighter.setTerms(mergeTerms(user).filter((t) => !learned.has(t.term)));
  }

  function prune(ref: WeakRef<Element>): Element | undefined {
    const el = ref.deref();
    if (el?.isConnected) return el;
    if (el) highlighter.forget(el);
    marked.delete(ref);
    return undefined;
  }

  function remarkAll() {
    for (const ref of [...marked]) {
      const el = prune(ref);
      if (el) highlighter.mark(el);
    }
  }

  // One look per frame at most, and only while the pointer moves.
  const onMove = (event: MouseEvent) => {
    // The reader's pointer only: a page script's synthetic mousemove must not open cards to read.
    if (!event.isTrusted) return;
    if (!pointer) requestAnimationFrame(lookUnderPointer);
    pointer = { x: event.clientX, y: event.clientY, over: event.target };
  };
  /** A picture or our layer over one holds no text: the look for a term (a hit test of the page) is skipped there. */
  const overPicture = (target: EventTarget | null) =>
    target instanceof Element && (target.tagName === 'IMG' || !!target.closest(`[${OURS}="${IMAGE_LAYER}"]`));
  function lookUnderPointer() {
    const at = pointer;
    pointer = undefined;
    if (!at || !on) return;
    const found = overPicture(at.over) ? undefined : highlighter.termAt(at.x, at.y);
    if (found) card.show(found.term, found.rect, learned.has(found.term.term));
    else if (card.visibleTerm) card.hide();
  }

  return {
    supported: highlighter.supported,
    /** Called by the page translator for every Chinese text shown. */
    see(el: Element, role: Role) {
      if (!on || !CONTENT_ROLES.has(role)) return;
      if (!refOf.has(el)) {
        const ref = new WeakRef(el);
        refOf.set(el, ref);
        marked.add(ref);
        // Long scrolls drop elements: forget the gone ones now and then, with their underlines
        // (a range holds its text node, and so the whole removed subtree, alive).
        if (marked.size % 500 === 0) for (const r of marked) prune(r);
      }
      highlighter.mark(el);
    },
    /** The reader's own terms and the learned ones (from the worker, at start and on each change). */
    setTerms(user: readonly GlossaryTerm[], known: readonly string[]) {
      loadTerms(user, known);
      remarkAll();
    },
    async setEnabled(enabled: boolean) {
      if (enabled === on) return;
      on = enabled;
      if (on) {
        highlighter.start();
        doc.addEventListener('mousemove', onMove, { passive: true });
      } else {
        highlighter.clear();
        marked.clear();
        refOf = new WeakMap();
        card.remove();
        doc.removeEventListener('mousemove', onMove);
      }
    },
    stats() {
      return { underlinedElements: marked.size, underlineRanges: highlighter.rangeCount() };
    },
    stop() {
      highlighter.clear();
      card.remove();
      doc.removeEventListener('mousemove', onMove);
    },
  };
}
