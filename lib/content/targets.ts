// Discovery: which elements hold text to translate, with their role, and what their text is.
// Every element whose own text holds Han characters is a target, whether or not the site adapter
// (lib/sites/xiaohongshu/selectors.ts) knows it; the adapter's rules refine the role, and name the
// elements read whole (a note body with its tags and emoji). A text belongs to one target only:
//  - a known target is an element a rule names with no other one inside it (div.time > span.time
//    is read in the span; div.date > span + span.location in each span); all its text is its own;
//  - elsewhere a target is the element holding a Han text node, widened over inline markup that
//    flows in a sentence (`我已阅读并同意<a>《用户协议》</a>` is one target, not three).
// Work is proportional to the nodes given: one query for known targets, one walk over text nodes.
import { hasHan, normalizeMultiline, normalizeText } from '../detect/chinese';
import { isOurs, originalPlaceholder, OURS, sourceText, translatedAttribute } from '../render/render';
import {
  ANY_TARGET,
  CONTENT_PLACES,
  NOTE_CONTAINER,
  NOTE_TITLE,
  SHORT_UI_CHARS,
  TEXT_TARGETS,
  type Role,
  type TextTarget,
} from '../sites/xiaohongshu/selectors';

export type { Role, TextTarget };

/** Never read: code, styles, templates, and what the reader types (textarea, contenteditable). */
const SKIPPED = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'TEXTAREA', 'INPUT', 'SELECT', 'OPTION', 'IFRAME', 'OBJECT', 'HEAD', 'TITLE', 'svg', 'math']);
/** Tags that format a run of text rather than start a block of their own. */
const INLINE = new Set(['A', 'ABBR', 'B', 'BDI', 'BDO', 'CITE', 'DFN', 'EM', 'FONT', 'I', 'INS', 'DEL', 'KBD', 'MARK', 'Q', 'S', 'SAMP', 'SMALL', 'SPAN', 'STRONG', 'SUB', 'SUP', 'TIME', 'U', 'VAR']);
/** Inline children that hold no text but do not break a sentence. */
const INLINE_EMPTY = new Set(['IMG', 'BR', 'WBR']);
const EDITABLE = '[contenteditable]:not([contenteditable="false"])';
const WITH_PLACEHOLDER = 'input[placeholder], textarea[placeholder]';
const PLACEHOLDER_TARGET: TextTarget = { role: 'ui', attribute: 'placeholder' };
/** Labels a reader sees on hover (title) or hears (aria-label): targets where the element has no text of its own to read. */
const LABELLED = '[title], [aria-label]';
const LABELS = ['title', 'aria-label'] as const;
const ATTRIBUTE_HOLDERS = `${WITH_PLACEHOLDER}, ${LABELLED}`;
/** Sentence punctuation: a text with it is content, not a label. */
const SENTENCE = /[。！？!?；;，,…\n]/;

const ruleOf = (el: Element) => TEXT_TARGETS.find((t) => el.matches(t.selector));

/** The nearest element a rule names holding el (itself included), if any. */
const knownAround = (el: Element): Element | null => el.closest(ANY_TARGET);
/** A rule names an element inside it: the inner ones are the targets. */
const holdsKnown = (el: Element) => el.querySelector(ANY_TARGET) !== null;

const blank = (text: string | null) => !text || !/\S/.test(text);

/** The element holds a text node of its own with something in it. */
function hasOwnText(el: Element): boolean {
  for (let n = el.firstChild; n; n = n.nextSibling) if (n.nodeType === 3 && !blank(n.nodeValue)) return true;
  return false;
}

/** An element whose inline children are part of its text: it has text of its own, or it is a run of inline markup. */
function flowsText(el: Element): boolean {
  if (hasOwnText(el)) return true;
  if (!INLINE.has(el.tagName)) return false;
  for (const child of el.children) if (!INLINE.has(child.tagName) && !INLINE_EMPTY.has(child.tagName)) return false;
  return true;
}

/** Part of its parent's text (inline markup in a sentence), so not a unit of its own. */
const absorbed = (el: Element) => INLINE.has(el.tagName) && el.parentElement !== null && flowsText(el.parentElement);

/** The element a text node's text is read in: its parent, widened over inline markup. */
function unitOf(el: Element): Element {
  let unit = el;
  while (absorbed(unit)) unit = unit.parentElement!;
  return unit;
}

const skippedEl = (el: Element) => SKIPPED.has(el.tagName) || el.hasAttribute(OURS) || (el.hasAttribute('contenteditable') && el.getAttribute('contenteditable') !== 'false');

/** A generic unit's own text: its text nodes and those of the inline markup it absorbs. */
function ownText(unit: Element): string {
  let text = '';
  const walker = unit.ownerDocument.createTreeWalker(unit, NodeFilter.SHOW_TEXT | NodeFilter.SHOW_ELEMENT, {
    acceptNode: (node) => {
      if (node.nodeType === 3) return NodeFilter.FILTER_ACCEPT;
      const el = node as Element;
      // Blocks, known targets and skipped elements inside are read on their own (or never).
      return absorbed(el) && !skippedEl(el) && !el.matches(ANY_TARGET) ? NodeFilter.FILTER_SKIP : NodeFilter.FILTER_REJECT;
    },
  });
  for (let n = walker.nextNode(); n; n = walker.nextNode()) text += n.nodeValue;
  return text;
}

/** Inside something never read: a skipped element, ours, or what the reader is editing. */
function inSkipped(el: Element): boolean {
  for (let at: Element | null = el; at; at = at.parentElement) if (SKIPPED.has(at.tagName)) return true;
  return isOurs(el) || el.closest(EDITABLE) !== null;
}

/** The role of a text no rule names: by its place, else by its length and shape. */
function roleByPlace(el: Element, text: string): Role {
  for (const place of CONTENT_PLACES) if (el.closest(place.selector)) return place.role;
  const trimmed = normalizeText(text);
  return trimmed.length <= SHORT_UI_CHARS && !SENTENCE.test(trimmed) ? 'ui' : 'body';
}

/** The element's target (role, and the attribute to read if any), or undefined when it is none. */
export function targetOf(el: Element): TextTarget | undefined {
  const rule = ruleOf(el);
  if (rule) {
    // Nested known targets (div.time > span.time): the innermost are read, each once.
    return !rule.attribute && holdsKnown(el) ? undefined : rule;
  }
  if (el.matches(WITH_PLACEHOLDER)) return hasHan(originalPlaceholder(el) ?? '') && !isOurs(el) ? PLACEHOLDER_TARGET : undefined;
  if (skippedEl(el) || inSkipped(el) || (el.parentElement && knownAround(el.parentElement))) return undefined;
  if (!absorbed(el) && flowsText(el)) {
    const text = ownText(el);
    if (hasHan(text)) return { role: roleByPlace(el, text) };
  }
  return labelTarget(el);
}

/** A title or aria-label with Han on an element with no Han text of its own (an icon, a button). */
function labelTarget(el: Element): TextTarget | undefined {
  if (!el.matches(LABELLED) || hasHan(sourceText(el))) return undefined;
  const ours = translatedAttribute(el);
  const attribute = ours && ours !== 'placeholder' ? ours : LABELS.find((name) => hasHan(el.getAttribute(name) ?? ''));
  return attribute ? { role: 'ui', attribute } : undefined;
}

/** The target that holds a node (itself or its nearest unit), if any. */
export function targetAround(node: Node): Element | null {
  const el = node.nodeType === 1 ? (node as Element) : node.parentElement;
  if (!el || isOurs(el)) return null;
  return knownAround(el) ?? (el.matches(WITH_PLACEHOLDER) ? el : unitOf(el));
}

/**
 * The known target holding el (el.closest(ANY_TARGET)), its parent's answer kept in `around`: the
 * cards a page appends to one container in a frame share it, and the walk up tests every rule.
 */
function knownHolding(el: Element, around: Map<Element, Element | null> | undefined): Element | null {
  const parent = el.parentElement;
  if (!around || !parent) return el.closest(ANY_TARGET);
  if (el.matches(ANY_TARGET)) return el;
  let known = around.get(parent);
  if (known === undefined) {
    known = parent.closest(ANY_TARGET);
    around.set(parent, known);
  }
  return known;
}

/**
 * Targets a new or changed node brings: the one holding it and every one inside it; none of ours.
 * `around` is shared by the calls of one batch of changes (between them the DOM does not change).
 */
export function targetsWithin(node: Node, around?: Map<Element, Element | null>): Element[] {
  let root: Node;
  const found = new Set<Element>();
  if (node.nodeType === 9) root = (node as Document).body ?? (node as Document).documentElement;
  else if (node.nodeType === 11) root = node;
  else {
    if (isOurs(node)) return [];
    // The target holding the node, if it is part of one's text: a text node always; an element
    // only inside a known target or as inline markup in a sentence (a block is walked below).
    const el = node.nodeType === 1 ? (node as Element) : null;
    const owner = !el ? targetAround(node) : knownHolding(el, around) ?? (el.matches(ATTRIBUTE_HOLDERS) || absorbed(el) ? unitOf(el) : null);
    if (owner && targetOf(owner)) found.add(owner);
    if (!el) return [...found];
    root = node;
  }
  const parent = root as ParentNode;
  const known = new Set<Element>();
  for (const el of parent.querySelectorAll(ANY_TARGET)) {
    if (isOurs(el)) continue;
    known.add(el);
    if (!holdsKnown(el)) found.add(el);
  }
  for (const el of parent.querySelectorAll(ATTRIBUTE_HOLDERS)) if (!known.has(el) && targetOf(el)) found.add(el);
  // Every other Han text: one walk over text nodes, skipping known targets and what is never read.
  const walker = (root.ownerDocument ?? (root as Document)).createTreeWalker(root, NodeFilter.SHOW_TEXT | NodeFilter.SHOW_ELEMENT, {
    acceptNode: (n) => {
      if (n.nodeType === 3) return hasHan(n.nodeValue ?? '') ? NodeFilter.FILTER_ACCEPT : NodeFilter.FILTER_SKIP;
      return known.has(n as Element) || skippedEl(n as Element) ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_SKIP;
    },
  });
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const unit = unitOf(n.parentElement!);
    if (!found.has(unit) && targetOf(unit)) found.add(unit);
  }
  return [...found];
}

/** Roles whose line breaks are part of the text (paragraphs of a note, a comment's lines). */
const MULTILINE: ReadonlySet<Role> = new Set(['body', 'comment']);

/** The text a target shows the reader now (its own text, or the page's placeholder, title or aria-label), normalized. */
export function sourceOf(el: Element, target: TextTarget): string {
  if (target.attribute) return normalizeText(originalPlaceholder(el, target.attribute) ?? '');
  const text = 'selector' in target ? sourceText(el) : ownText(el);
  return MULTILINE.has(target.role) ? normalizeMultiline(text) : normalizeText(text);
}

/** What the translator is told about a text's surroundings: a note's title for the texts in the note. */
export function contextOf(el: Element): string | undefined {
  if (!el.closest(NOTE_CONTAINER) || el.matches(NOTE_TITLE)) return undefined;
  const title = el.ownerDocument.querySelector(NOTE_TITLE);
  return (title && normalizeText(sourceText(title))) || undefined;
}
