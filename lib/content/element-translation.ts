// What one target needs, and how an answer is shown in it. decide() is pure but for reading the
// element: given the target, its text, the settings and what the page remembers, it says whether
// to clear, do nothing, show an answer (local or remembered), offer a long text, or ask.
import { hasHan } from '../detect/chinese';
import { translateLocally } from '../format/local';
import { CLS, placeholderFailed, shownSource, showPlaceholder, showTranslation, type Display } from '../render/render';
import type { Settings } from '../settings/defaults';
import type { Role, TextTarget } from './targets';

/**
 * Longer texts are translated only when the reader clicks: a note body holds at most 1,000
 * characters on Xiaohongshu, so anything this long is spam or an attack on the reader's quota.
 */
export const LONG_TEXT_CHARS = 5_000;

const ROLE_SETTING: Record<Role, keyof Settings['translate'] | null> = {
  ui: 'interface',
  title: 'titles',
  body: 'bodies',
  comment: 'comments',
  nickname: 'nicknames',
  meta: null,
};

export type Decision =
  /** Not to be translated (switched off, or no Chinese): remove whatever we show. */
  | { do: 'clear' }
  /** Shown already, waiting already, or left alone (meta we cannot read locally). */
  | { do: 'nothing' }
  /** An answer at hand: from the local tables or the page's memory. */
  | { do: 'show'; translation: string }
  /** Too long to send unasked: offer it to the reader. */
  | { do: 'offer' }
  | { do: 'ask' };

/**
 * What an answer is remembered under: everything it depends on, so another target language or
 * translator never shows an answer meant for the one before. (Neither provider nor language holds a
 * newline, so a multi-line text cannot be mistaken for another key.)
 */
export const answerKey = (settings: Settings, source: string) => `${settings.provider}\n${settings.targetLang}\n${source}`;

/** The settings that change what the answers are: a change means asking again. */
export const answersDiffer = (a: Settings, b: Settings) => a.provider !== b.provider || a.targetLang !== b.targetLang;

export interface DecisionInputs {
  settings: Settings;
  /** The page's memory of answers (for these settings). */
  remembered(source: string): string | undefined;
  /** The long text the reader said yes to in this element, if any. */
  confirmedLong: string | undefined;
  /** The element's text is waiting to be asked for. */
  waiting: boolean;
}

export function wanted(target: TextTarget, settings: Settings): boolean {
  const key = ROLE_SETTING[target.role];
  return key === null || settings.translate[key];
}

/** Our line in the element shows one of these states (not a translation). */
export const showsState = (el: Element, ...classes: string[]) => el.querySelector(classes.map((c) => `:scope > .${c}`).join(', ')) !== null;
/** The last answer was a failure (shown on a line of ours, or marked on a placeholder). */
export const showsError = (el: Element) => showsState(el, CLS.error) || placeholderFailed(el);

export function decide(el: Element, target: TextTarget, source: string, inputs: DecisionInputs): Decision {
  if (!wanted(target, inputs.settings) || !hasHan(source)) return { do: 'clear' };
  if (shownSource(el) === source && !showsState(el, CLS.pending, CLS.offer) && !showsError(el) && !inputs.waiting) return { do: 'nothing' };
  const local = translateLocally(source);
  if (local !== null) return { do: 'show', translation: local };
  if (target.role === 'meta') return { do: 'nothing' }; // counts and dates we cannot read are left alone, never sent
  const known = inputs.remembered(source);
  if (known !== undefined) return { do: 'show', translation: known };
  if (source.length > LONG_TEXT_CHARS && inputs.confirmedLong !== source) {
    return target.attribute || showsState(el, CLS.offer) ? { do: 'nothing' } : { do: 'offer' };
  }
  return { do: 'ask' };
}

export const displayOf = (settings: Settings): Display => (settings.mode === 'replace' ? 'replace' : 'bilingual');

export function showAnswer(el: Element, target: TextTarget, source: string, translation: string, display: Display) {
  if (target.attribute) showPlaceholder(el, source, translation, display, target.attribute);
  // Counts, dates and places carry the same facts in both languages: show the English alone.
  else showTranslation(el, source, translation, target.role === 'meta' ? 'replace' : display, target.role === 'ui');
}
