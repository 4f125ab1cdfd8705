// Platform terms in the original Chinese, underlined with the CSS Custom Highlight API: no element
// is added and no page text node is split (the page's Vue keeps its nodes), and hovering a term
// finds it again from the caret position under the pointer.
import { createTermMatcher } from '../glossary/match';
import type { GlossaryTerm } from '../glossary/types';
import { OURS } from '../render/render';

export const HIGHLIGHT_NAME = 'rnl-term';
export const HIGHLIGHT_CSS = `::highlight(${HIGHLIGHT_NAME}) { text-decoration: underline dotted #ff2442 2px; text-underline-offset: 3px; }`;

interface Found {
  start: number;
  end: number;
  term: GlossaryTerm;
}

type CaretDocument = Document & {
  caretPositionFromPoint?(x: number, y: number): { offsetNode: Node; offset: number } | null;
  caretRangeFromPoint?(x: number, y: number): Range | null;
};

/** The text position under a point: the standard caretPositionFromPoint (Firefox, Chromium 128+), else WebKit's caretRangeFromPoint. */
function caretAt(doc: CaretDocument, x: number, y: number): { node: Node; offset: number } | undefined {
  if (doc.caretPositionFromPoint) {
    const position = doc.caretPositionFromPoint(x, y);
    return position ? { node: position.offsetNode, offset: position.offset } : undefined;
  }
  const range = doc.caretRangeFromPoint?.(x, y);
  return range ? { node: range.startContainer, offset: range.startOffset } : undefined;
}

export function createTermHighlighter(doc: Document) {
  // Chromium 105+, Safari 17.2+, Firefox 140+; elsewhere terms are simply not underlined.
  const supported = typeof Highlight !== 'undefined' && typeof CSS !== 'undefined' && 'highlights' in CSS;
  const highlight: { add(range: Range): unknown; delete(range: Range): boolean; clear(): void; readonly size: number } = supported ? new Highlight() : new Set<Range>();
  const byNode = new WeakMap<Text, Array<Found & { range: Range }>>();
  const nodesOf = new WeakMap<Element, Text[]>();
  let terms = new Map<string, GlossaryTerm>();
  let matcher = createTermMatcher([]);
  let active = false;

  function forget(el: Element) {
    for (const node of nodesOf.get(el) ?? []) {
      for (const found of byNode.get(node) ?? []) highlight.delete(found.range);
      byNode.delete(node);
    }
    nodesOf.delete(el);
  }

  return {
    supported,
    /** The terms to underline (learned ones are left out by the caller). */
    setTerms(next: readonly GlossaryTerm[]) {
      terms = new Map(next.map((t) => [t.term, t]));
      matcher = createTermMatcher(next);
    },
    start() {
      if (!supported || active) return;
      active = true;
      CSS.highlights.set(HIGHLIGHT_NAME, highlight as Highlight);
    },
    /** Underline the terms in an element's own text nodes (again, if its text changed). */
    mark(el: Element) {
      if (!active) return;
      forget(el);
      const nodes: Text[] = [];
      const walker = doc.createTreeWalker(el, NodeFilter.SHOW_TEXT | NodeFilter.SHOW_ELEMENT, {
        acceptNode: (n) => (n.nodeType === 1 && (n as Element).hasAttribute(OURS) ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT),
      });
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        if (n.nodeType !== 3) continue;
        const text = n as Text;
        const found = matcher.find(text.data).map((m) => {
          const range = doc.createRange();
          range.setStart(text, m.start);
          range.setEnd(text, m.end);
          highlight.add(range);
          return { start: m.start, end: m.end, term: terms.get(m.term)!, range };
        });
        if (found.length) {
          byNode.set(text, found);
          nodes.push(text);
        }
      }
      nodesOf.set(el, nodes);
    },
    /** Drop an element's underlines (it left the page: its ranges would keep its nodes alive). */
    forget,
    /** Underlined term occurrences held now. */
    rangeCount: () => highlight.size,
    /** The term under a point of the screen, if any. */
    termAt(x: number, y: number): { term: GlossaryTerm; rect: DOMRect } | undefined {
      const caret = caretAt(doc, x, y);
      if (!caret || caret.node.nodeType !== 3) return undefined;
      const hit = byNode.get(caret.node as Text)?.find((f) => caret.offset >= f.start && caret.offset < f.end);
      if (!hit) return undefined;
      const rect = hit.range.getBoundingClientRect();
      // The caret may snap to the nearest character: be sure the pointer is over the term itself.
      if (x < rect.left - 2 || x > rect.right + 2 || y < rect.top - 2 || y > rect.bottom + 2) return undefined;
      return { term: hit.term, rect };
    },
    clear() {
      highlight.clear();
      if (active) CSS.highlights.delete(HIGHLIGHT_NAME);
      active = false;
    },
  };
}

export type TermHighlighter = ReturnType<typeof createTermHighlighter>;
