// Boxes whose size the page computes: a translation there must not change it. The page's own
// layout decides, measured per element (not a list of selectors): a line clamp on the text or just
// around it, a single line with an ellipsis, or a box the page's script placed itself (a waterfall
// card absolutely positioned from the height it measured once). There the translation takes the
// original's place and at most its number of lines (the original shows on hover); elsewhere the
// layout is free and a translation may add a line.

/** What a translation in a measured box must keep: the original's lines, type size and line height. */
export interface Fit {
  lines: number;
  fontSize: string;
  lineHeight: string;
}

/** How far up a clamp or an ellipsis still shapes the text (a title span in a clamped link). */
const CLAMP_DEPTH = 2;
/** How far up a card placed by script is looked for (a title is about 5 levels inside its card). */
const PLACED_DEPTH = 10;

const clamped = (style: CSSStyleDeclaration) => {
  const clamp = style.getPropertyValue('-webkit-line-clamp');
  return clamp !== '' && clamp !== 'none';
};
// text-overflow first: rarely set, and a longhand (white-space is a shorthand Chromium serializes).
const ellipsisLine = (style: CSSStyleDeclaration) => style.textOverflow === 'ellipsis' && style.whiteSpace === 'nowrap';

/** Placed by the page's script: absolutely positioned where an inline style says (transform, top or left). */
function placedByScript(el: Element, view: Window): boolean {
  // The attribute's text, not el.style: no style object made for every ancestor of every text.
  const inline = el.getAttribute('style');
  if (!inline || !/transform|top|left/.test(inline)) return false;
  return view.getComputedStyle(el).position === 'absolute';
}

/** The box that clips the text, if its size is the page's; undefined when the layout is free. */
function measuredBox(el: Element, own: CSSStyleDeclaration, view: Window): { clip: Element | null } | undefined {
  let e: Element | null = el;
  for (let depth = 0; e && depth < CLAMP_DEPTH; depth++, e = e.parentElement) {
    const style = e === el ? own : view.getComputedStyle(e);
    if (clamped(style) || ellipsisLine(style)) return { clip: e };
  }
  e = el;
  for (let depth = 0; e && depth < PLACED_DEPTH; depth++, e = e.parentElement) if (placedByScript(e, view)) return { clip: null };
  return undefined;
}

/**
 * One range per document for every measurement: a live range is updated by the browser on every
 * change to the document until it is collected, so a new one per element made every later DOM
 * change of the page slower.
 */
const ranges = new WeakMap<Document, Range>();

/** Lines of text the reader sees in el (those a clamp cut off are not counted). */
function visibleLines(el: Element, clip: Element | null, fontSize: number): number {
  const doc = el.ownerDocument;
  const range = ranges.get(doc) ?? doc.createRange();
  ranges.set(doc, range);
  range.selectNodeContents(el);
  if (typeof range.getClientRects !== 'function') return 1;
  const bottom = clip?.getBoundingClientRect().bottom ?? Infinity;
  const tops = [...range.getClientRects()]
    .filter((r) => r.width > 0 && r.height > 0 && r.top < bottom - 1)
    .map((r) => r.top)
    .sort((a, b) => a - b);
  // Collapsed on the document: holds none of the page's nodes (setStart alone leaves the end inside el).
  range.setStart(doc, 0);
  range.collapse(true);
  // Rects on one line (text, an emoji image, an inline child) start within a fraction of a line.
  let lines = 0;
  let last = -Infinity;
  for (const top of tops) {
    if (top - last <= fontSize * 0.6) continue;
    lines++;
    last = top;
  }
  return Math.max(1, lines);
}

/** Measure el (as the page laid it out, before anything of ours is in it): its fit, or null when free. */
export function measureFit(el: Element): Fit | null {
  const view = el.ownerDocument.defaultView;
  return view ? fitIn(el, view.getComputedStyle(el), view) : null;
}

/** el's fit, its computed style read once (a style object per call, and per property read). */
function fitIn(el: Element, style: CSSStyleDeclaration, view: Window): Fit | null {
  const box = measuredBox(el, style, view);
  if (!box) return null;
  const fontSize = style.fontSize;
  return { lines: visibleLines(el, box.clip, parseFloat(fontSize) || 14), fontSize, lineHeight: style.lineHeight };
}

/** What the page laid out for a text, read before anything of ours is in it. */
interface Measure {
  source: string;
  fit: Fit | null;
  /** The original's type size (a translation in its place takes it). */
  fontSize: string;
}

/** Measured once per element and text (a recycled card with a new title is measured again). */
const measured = new WeakMap<Element, Measure>();

function measure(el: Element, source: string): Measure {
  const known = measured.get(el);
  if (known && known.source === source) return known;
  const view = el.ownerDocument.defaultView;
  const style = view?.getComputedStyle(el);
  const fit = view && style ? fitIn(el, style, view) : null;
  const fontSize = fit?.fontSize ?? style?.fontSize ?? '';
  const m = { source, fit, fontSize };
  measured.set(el, m);
  return m;
}

/**
 * The element's fit for this text: measured now if not yet. A read: a batch measures all its
 * elements before its first write, so the browser lays out once, not once per element.
 */
export const fitFor = (el: Element, source: string): Fit | null => measure(el, source).fit;

/** The fit measured for this text already, if it was (undefined: not measured; a read of nothing). */
export function measuredFit(el: Element, source: string): Fit | null | undefined {
  const known = measured.get(el);
  return known && known.source === source ? known.fit : undefined;
}

/** The original's type size for this text, measured with its fit (the same read). */
export const fontSizeFor = (el: Element, source: string): string => measure(el, source).fontSize;
