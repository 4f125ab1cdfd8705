// The shape of a glossary term, shared by the built-in data, the user's own terms, the popup and the page.

export const TERM_CATEGORIES = ['platform', 'shopping', 'lifestyle', 'addressing', 'slang', 'abbreviation'] as const;
export type TermCategory = (typeof TERM_CATEGORIES)[number];

export interface GlossaryTerm {
  /** Stable id: the term itself for built-ins, 'user:<term>' for the user's own. */
  id: string;
  /** Simplified Chinese form as it appears on the page (may contain Latin letters: 'yyds', 'xhs'). */
  term: string;
  /** Pinyin with tone marks ('zhòng cǎo'); empty for Latin-only terms. */
  pinyin: string;
  /** Word-for-word meaning ('plant grass'). */
  literal: string;
  /** What it means on the platform, short, used as the translation (DeepL glossary target). */
  meaning: string;
  /** One line in plain English for a newcomer. */
  explanation: string;
  category: TermCategory;
  example: { zh: string; en: string };
  /** True for terms the user added. */
  custom?: boolean;
}
