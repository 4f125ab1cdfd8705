// Is there Chinese to translate in a text? Used by the content script before asking, and by the
// worker as a last filter before paying: text without Han characters never reaches a provider.

/** Han ideographs (CJK Unified Ideographs, extension A, compatibility ideographs). */
const HAN = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]/;
const HAN_GLOBAL = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]/g;

/** Parts of page text that are never translated: emoji codes like [笑哭R], URLs, @handles. */
const EMOJI_CODE = /\[[\u3400-\u9fffA-Za-z]{1,8}R?\]/g;
const URL_LIKE = /\b(?:https?:\/\/|www\.)\S+/gi;
const HANDLE = /@[^\s@#]{1,32}/g;
/** Counts as the site writes them: 1.2万, 10万+, 3.5亿 (rendered locally, never sent). */
const COUNT = /\d+(?:\.\d+)?[万亿]\+?/g;

export function hasHan(text: string): boolean {
  return HAN.test(text);
}

export function countHan(text: string): number {
  return text.match(HAN_GLOBAL)?.length ?? 0;
}

/** The text with the never-translated parts removed; what is left decides whether to pay for it. */
export function translatableCore(text: string): string {
  return text.replace(EMOJI_CODE, ' ').replace(URL_LIKE, ' ').replace(HANDLE, ' ').replace(COUNT, ' ');
}

/** True when a provider should see this text: it holds Han characters outside emoji codes, URLs and handles. */
export function needsTranslation(text: string): boolean {
  return hasHan(text) && hasHan(translatableCore(text));
}

/**
 * Invisible characters that mean nothing to a translator and can fool a reader: zero-width space,
 * word joiner, BOM, direction marks and the bidi embedding, override and isolate controls (an
 * unclosed U+202E reverses everything after it). ZWJ and ZWNJ stay: emoji sequences need them.
 */
export const INVISIBLE_CONTROLS = /[\u200b\u200e\u200f\u2060\ufeff\u202a-\u202e\u2066-\u2069]/g;

/** The same characters, tested without a global regex's lastIndex: most texts have none, and keep their string. */
const HAS_CONTROLS = new RegExp(INVISIBLE_CONTROLS.source);

export function withoutControls(text: string): string {
  return HAS_CONTROLS.test(text) ? text.replace(INVISIBLE_CONTROLS, '') : text;
}

/** Controls dropped, whitespace folded and trimmed: the form sent, cached and compared. */
export function normalizeText(text: string): string {
  return withoutControls(text).replace(/[\s\u00a0\u3000]+/g, ' ').trim();
}

/**
 * Like normalizeText, but line breaks stay (at most one empty line between paragraphs): the form
 * of note bodies and comments, whose shape the translation keeps.
 */
export function normalizeMultiline(text: string): string {
  return withoutControls(text)
    .replace(/\r\n?/g, '\n')
    .replace(/[^\S\n]+/g, ' ')
    .replace(/ ?\n ?/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
