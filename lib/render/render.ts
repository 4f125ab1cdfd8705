// Showing translations in the page. Rules: the page's own text nodes are never edited; everything
// we add is one element of ours per target, marked with data-rnl and filled with textContent only;
// removeAll() leaves the DOM as it was.
// No state of ours lives on the page's own elements (the page's framework re-renders them): the
// original is hidden in translation-only mode by a class on OUR line, which CSS reads through
// :has() on its parent. When the framework rewrites the element's text with textContent, our line
// goes with the old text and the new text shows at once; when it rewrites a text node's value, the
// mutation observer removes our outdated line before the next paint (see translationOutdated).
import { normalizeText, withoutControls } from '../detect/chinese';
import type { ErrorKind } from '../core/errors';
import type { ProviderChoice } from '../core/provider-types';
import { errorReason } from '../core/translator-words';
import { fitFor, fontSizeFor } from './fit';

export const OURS = 'data-rnl';
export const CLS = {
  translation: 'rnl-t',
  pending: 'rnl-pending',
  error: 'rnl-error',
  offer: 'rnl-offer',
  replaced: 'rnl-replaced',
  compact: 'rnl-compact',
  /** In a box whose size the page computes: in place, within the original's lines (render/fit.ts). */
  fit: 'rnl-fit',
} as const;
const SOURCE_ATTR = 'data-rnl-src';
/** On a placeholder we translated: the page's own value, and the one we wrote in its place. */
const PLACEHOLDER_ATTR = 'data-rnl-placeholder';
const WROTE_ATTR = 'data-rnl-wrote';
/** Which attribute we translated, when it is not the placeholder (a title or an aria-label). */
const ATTRIBUTE_ATTR = 'data-rnl-attr';
/** Attributes a reader is shown, translated like placeholders. */
export type ShownAttribute = 'placeholder' | 'title' | 'aria-label';
const attributeOf = (el: Element) => (el.getAttribute(ATTRIBUTE_ATTR) as ShownAttribute | null) ?? 'placeholder';
/** The attribute we show a translation in on this element, if any. */
export const translatedAttribute = (el: Element): ShownAttribute | null => (el.hasAttribute(PLACEHOLDER_ATTR) ? attributeOf(el) : null);
/** On a placeholder whose translation failed (it has no line of ours to show the failure): its source. */
const FAILED_ATTR = 'data-rnl-failed';

export type Display = 'bilingual' | 'replace';

export function isOurs(node: Node | null): boolean {
  const el = node && (node.nodeType === 1 ? (node as Element) : node.parentElement);
  return Boolean(el?.closest(`[${OURS}]`));
}

/** The element's own text: every text node but ours, and no emoji images. */
export function sourceText(el: Element): string {
  let text = '';
  const walker = el.ownerDocument.createTreeWalker(el, NodeFilter.SHOW_TEXT | NodeFilter.SHOW_ELEMENT, {
    acceptNode: (node) => (node.nodeType === 1 && (node as Element).hasAttribute(OURS) ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT),
  });
  for (let node = walker.nextNode(); node; node = walker.nextNode()) if (node.nodeType === 3) text += node.nodeValue;
  return text;
}

function ourChild(el: Element): HTMLElement | null {
  // From the last child: ours is appended, so it is found in one step where there is one.
  for (let child = el.lastElementChild; child; child = child.previousElementSibling) if (child.hasAttribute(OURS) && child.classList.contains(CLS.translation)) return child as HTMLElement;
  return null;
}

/**
 * Elements we gave a line: the mutation observer asks about every element whose children the page
 * changed (a feed container of hundreds of cards, for each card appended), and these are the only
 * ones worth a look through their children.
 */
const hosts = new WeakSet<Element>();

/**
 * Our line in el for this source: the one shown, or a new one not yet in the page. A new line is
 * filled before place() puts it in: one change to the page (one style invalidation, one mutation
 * record) instead of one per attribute, class and text.
 */
function ensureChild(el: Element, source: string): HTMLElement {
  let span = ourChild(el);
  if (!span) {
    span = el.ownerDocument.createElement('span');
    span.setAttribute(OURS, '');
    span.setAttribute('lang', 'en');
    // Its own direction, isolated (CSS): right-to-left text in it cannot reorder the page's.
    span.setAttribute('dir', 'auto');
  }
  span.setAttribute(SOURCE_ATTR, source);
  return span;
}

/** Put a line made by ensureChild in el, if it is not there yet. */
function place(el: Element, span: HTMLElement) {
  hosts.add(el);
  if (span.parentNode !== el) el.append(span);
}

/** The source text a shown translation belongs to (to spot stale ones after a re-render). */
export function shownSource(el: Element): string | null {
  const child = ourChild(el);
  if (child) return child.getAttribute(SOURCE_ATTR);
  const original = el.getAttribute(PLACEHOLDER_ATTR);
  return original !== null && placeholderIsOurs(el) ? normalizeText(original) : null;
}

/** Anything of ours on the element: a line, a translated placeholder or a failed one. */
export function showsOurs(el: Element): boolean {
  return ourChild(el) !== null || el.hasAttribute(PLACEHOLDER_ATTR) || el.hasAttribute(FAILED_ATTR);
}

/**
 * The original's type size, for a translation in its place. Read before our line hides it: its
 * computed size is 0 then, and the size our line already has is kept.
 */
function originalFontSize(el: Element, source: string): string {
  const shown = ourChild(el);
  if (shown?.classList.contains(CLS.replaced)) return shown.style.fontSize;
  return fontSizeFor(el, source);
}

export function showTranslation(el: Element, source: string, translation: string, display: Display, compact = false) {
  // Read before writing: the original's size, while nothing of ours is in it.
  const fit = fitFor(el, source);
  const fontSize = !fit && display === 'replace' ? originalFontSize(el, source) : '';
  const span = ensureChild(el, source);
  span.removeAttribute('title');
  span.onclick = null;
  span.style.removeProperty('--rnl-lines');
  span.style.removeProperty('line-height');
  if (fit) {
    // Where the page measured the box, the translation takes the original's place and lines.
    span.className = `${CLS.translation} ${CLS.replaced} ${CLS.fit}`;
    span.style.fontSize = fit.fontSize;
    span.style.lineHeight = fit.lineHeight;
    span.style.setProperty('--rnl-lines', String(fit.lines));
  } else if (display === 'replace') {
    // The original stays in the DOM; CSS hides it (and shows it on hover) at its own size.
    span.className = `${CLS.translation} ${CLS.replaced}${compact ? ` ${CLS.compact}` : ''}`;
    span.style.fontSize = fontSize;
  } else {
    span.className = `${CLS.translation}${compact ? ` ${CLS.compact}` : ''}`;
    span.style.removeProperty('font-size');
  }
  // A translation is the provider's text: shown as text, without controls that could reorder it.
  span.textContent = withoutControls(translation);
  place(el, span);
}

/**
 * The page rewrote the text under a translation of ours (a like count 赞 → 1 set as a text node's
 * value, a recycled card's title): that translation no longer belongs to it. current() reads the
 * element's text as the translation's source was read (called only when there is one).
 */
/** The node is in an element we gave a line (itself included): a cheap first test for a page change. */
export function underOurLine(node: Node): boolean {
  for (let el = node.nodeType === 1 ? (node as Element) : node.parentElement; el; el = el.parentElement) if (hosts.has(el)) return true;
  return false;
}

export function translationOutdated(el: Element, current: () => string): boolean {
  const child = hosts.has(el) ? ourChild(el) : null;
  if (!child || [CLS.pending, CLS.error, CLS.offer].some((c) => child.classList.contains(c))) return false;
  return child.getAttribute(SOURCE_ATTR) !== current();
}

export function showPending(el: Element, source: string) {
  const fit = fitFor(el, source);
  const span = ensureChild(el, source);
  // In a measured box a waiting line would change its size: it waits unseen.
  span.className = `${CLS.translation} ${CLS.pending}${fit ? ` ${CLS.fit}` : ''}`;
  span.textContent = '…';
  place(el, span);
}

/** A line of ours the reader can click (an error to retry, a long text to translate). */
function showClickable(el: Element, source: string, className: string, text: string, title: string, onClick: () => void) {
  const span = ensureChild(el, source);
  span.className = `${CLS.translation} ${className}`;
  span.textContent = text;
  span.title = title;
  span.onclick = (event) => {
    if (!event.isTrusted) return; // the reader's click, not a page script's
    event.preventDefault();
    event.stopPropagation();
    onClick();
  };
  place(el, span);
}

const ERROR_TITLE = 'Click to ask the translator again; the RedNote Lens popup says more.';

/** A visible, precise state with the reason, naming the translator in use; a click asks again. */
export function showError(el: Element, source: string, error: { kind: ErrorKind }, translator: ProviderChoice, retry: () => void) {
  const offline = error.kind === 'network' && el.ownerDocument.defaultView?.navigator.onLine === false;
  const reason = offline ? 'offline, retrying' : errorReason(error.kind, translator);
  // A fixed title: the page reads our DOM (the worker's message, which may name a server, never reaches the page).
  showClickable(el, source, CLS.error, `⚠ ${reason} — click to retry`, ERROR_TITLE, retry);
}

/** A text too long to send unasked (it would spend the reader's quota): translated on a click. */
export function showOffer(el: Element, source: string, translate: () => void) {
  const chars = [...source].length.toLocaleString('en-US');
  showClickable(el, source, CLS.offer, `Long text (${chars} characters) — click to translate`, 'Sent to the translator only when you ask: it would use much of a monthly quota.', translate);
}

/** Placeholders (and titles, aria-labels) are attributes: keep the original beside it, show both. */
export function showPlaceholder(el: Element, source: string, translation: string, display: Display, attribute: ShownAttribute = 'placeholder') {
  const original = originalPlaceholder(el, attribute) ?? source;
  const translated = withoutControls(translation);
  const shown = display === 'replace' ? translated : `${source} · ${translated}`;
  el.setAttribute(PLACEHOLDER_ATTR, original);
  el.setAttribute(WROTE_ATTR, shown);
  el.removeAttribute(FAILED_ATTR);
  if (attribute !== 'placeholder') el.setAttribute(ATTRIBUTE_ATTR, attribute);
  el.setAttribute(attribute, shown);
}

/** A placeholder's translation failed: marked, so it is asked for again (the reader sees the original). */
export function showPlaceholderFailed(el: Element, source: string) {
  el.setAttribute(FAILED_ATTR, source);
}

export const placeholderFailed = (el: Element) => el.hasAttribute(FAILED_ATTR);

/** The placeholder shown is the one we wrote (not one the page wrote since). */
export function placeholderIsOurs(el: Element): boolean {
  const wrote = el.getAttribute(WROTE_ATTR);
  return wrote !== null && el.getAttribute(attributeOf(el)) === wrote;
}

/** The page's placeholder: the one we keep aside, unless the page has written a new one since. */
export function originalPlaceholder(el: Element, attribute: ShownAttribute = 'placeholder'): string | null {
  return placeholderIsOurs(el) ? el.getAttribute(PLACEHOLDER_ATTR) : el.getAttribute(attribute);
}

/** Remove what we added to one element. */
export function clear(el: Element) {
  ourChild(el)?.remove();
  const placeholder = el.getAttribute(PLACEHOLDER_ATTR);
  if (placeholder !== null) {
    // A placeholder the page rewrote since is the page's: left as it is.
    if (placeholderIsOurs(el)) el.setAttribute(attributeOf(el), placeholder);
    el.removeAttribute(PLACEHOLDER_ATTR);
    el.removeAttribute(ATTRIBUTE_ATTR);
    el.removeAttribute(WROTE_ATTR);
  }
  el.removeAttribute(FAILED_ATTR);
}

/** Every trace, everywhere under root, but the on-page switch (the way back on). */
export function removeAll(root: ParentNode) {
  for (const el of root.querySelectorAll(`[${PLACEHOLDER_ATTR}], [${FAILED_ATTR}]`)) clear(el);
  for (const el of root.querySelectorAll(`[${OURS}]:not([${OURS}=button])`)) el.remove();
}

export const BASE_CSS = `
[data-rnl] { overflow-anchor: none; } /* our lines never anchor the scroll: we keep the reading position ourselves (render/anchor.ts) */
.rnl-t { unicode-bidi: isolate; display: block; color: #1f5fa8; font-size: 0.92em; line-height: 1.45; font-weight: normal; margin-top: 2px; overflow-wrap: anywhere; white-space: pre-line; } /* a note's paragraphs keep their breaks */
.rnl-t.rnl-compact { font-size: 0.78em; opacity: 0.85; margin-top: 0; color: inherit; white-space: inherit; overflow-wrap: normal; }
.rnl-t.rnl-pending { color: #999; opacity: 0.6; }
.rnl-t.rnl-error { color: #b4231a; cursor: pointer; font-size: 0.8em; }
.rnl-t.rnl-offer { cursor: pointer; font-size: 0.8em; text-decoration: underline dotted; }
:has(> .rnl-t.rnl-replaced):not(:hover) { font-size: 0 !important; }
:has(> .rnl-t.rnl-replaced):not(:hover) > img { display: none; }
.rnl-t.rnl-replaced { display: inline; margin: 0; color: inherit; font-weight: inherit; }
:hover > .rnl-t.rnl-replaced { display: none; } /* our line the subject, not :has() (ARCHITECTURE.md, cost) */
.rnl-t.rnl-fit { display: -webkit-inline-box; -webkit-box-orient: vertical; -webkit-line-clamp: var(--rnl-lines, 1); overflow: hidden; max-width: 100%; vertical-align: top; white-space: normal; overflow-wrap: anywhere; opacity: 1; }
.rnl-t.rnl-fit.rnl-pending { display: none; }
@media (prefers-color-scheme: dark) { .rnl-t { color: #8ab4f8; } }
`;

/** Our stylesheet in each document: constructed and adopted, so no element of ours the page could look up by id. */
const styles = new WeakMap<Document, CSSStyleSheet | HTMLStyleElement>();

export function injectStyle(doc: Document, css: string) {
  const present = styles.get(doc);
  if (present && (!('isConnected' in present) || present.isConnected)) return;
  try {
    const View = doc.defaultView?.CSSStyleSheet ?? CSSStyleSheet;
    const sheet = new View();
    sheet.replaceSync(css);
    doc.adoptedStyleSheets = [...doc.adoptedStyleSheets, sheet];
    styles.set(doc, sheet);
  } catch {
    // Firefox refuses adopting a sheet from a content script's world: a <style> of ours then, without an id.
    const style = doc.createElement('style');
    style.setAttribute(OURS, '');
    style.textContent = css;
    (doc.head ?? doc.documentElement).append(style);
    styles.set(doc, style);
  }
}

/** Take our stylesheet out of the document (switched off). */
export function removeStyle(doc: Document) {
  const style = styles.get(doc);
  styles.delete(doc);
  if (!style) return;
  if ('remove' in style) style.remove();
  else doc.adoptedStyleSheets = doc.adoptedStyleSheets.filter((s) => s !== style);
}
