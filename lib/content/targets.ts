// Discovery: which elements hold text to translate, with their role, and what their text is. The
// site's facts stay in the adapter (lib/sites/xiaohongshu/selectors.ts); this is the one small
// interface the rest of the content script finds targets through.
import { normalizeText } from '../detect/chinese';
import { isOurs, originalPlaceholder, sourceText } from '../render/render';
import { ANY_TARGET, NOTE_CONTAINER, NOTE_TITLE, TEXT_TARGETS, type Role, type TextTarget } from '../sites/xiaohongshu/selectors';

export type { Role, TextTarget };

/** The element's target (role, and the attribute to read if any), or undefined when it is none. */
export function targetOf(el: Element): TextTarget | undefined {
  return TEXT_TARGETS.find((t) => el.matches(t.selector));
}

/** The target that holds a node (itself or its nearest ancestor), if any. */
export function targetAround(node: Node): Element | null {
  const el = node.nodeType === 1 ? (node as Element) : node.parentElement;
  return el?.closest(ANY_TARGET) ?? null;
}

/** Targets a new or changed node brings: the one holding it and every one inside it; none of ours. */
export function targetsWithin(node: Node): Element[] {
  if (node.nodeType === 9 || node.nodeType === 11) return [...(node as ParentNode).querySelectorAll(ANY_TARGET)];
  if (isOurs(node)) return [];
  const owner = targetAround(node);
  const inner = node.nodeType === 1 ? [...(node as Element).querySelectorAll(ANY_TARGET)] : [];
  return owner ? [owner, ...inner] : inner;
}

/** The text a target shows the reader now (its own text, or the page's placeholder), normalized. */
export function sourceOf(el: Element, target: TextTarget): string {
  return normalizeText(target.attribute ? (originalPlaceholder(el) ?? '') : sourceText(el));
}

/** What the translator is told about a text's surroundings: a note's title for the texts in the note. */
export function contextOf(el: Element): string | undefined {
  if (!el.closest(NOTE_CONTAINER) || el.matches(NOTE_TITLE)) return undefined;
  const title = el.ownerDocument.querySelector(NOTE_TITLE);
  return (title && normalizeText(sourceText(title))) || undefined;
}
