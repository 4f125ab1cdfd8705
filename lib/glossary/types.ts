// The shape of a glossary term, shared by the built-in data, the user's own terms, the popup and the page.

export const TERM_CATEGORIES = ['platform', 'shopping', 'lifestyle', 'addressing', 'slang', 'abbreviation'] as const;
export type TermCategory = (typeof TERM_CATEGORIES)[number];

export const CATEGORY_LABELS: Record<TermCategory, string> = {
  platform: 'Platform',
  shopping: 'Shopping',
  lifestyle: 'Lifestyle',
  addressing: 'Addressing readers',
  slang: 'Slang',
  abbreviation: 'Abbreviations',
};

export interface GlossaryTerm {
  /** Simplified Chinese as it appears on the page (may hold Latin letters: 'yyds', 'city不city'). */
  term: string;
  /** Pinyin with tone marks ('zhòng cǎo'); empty for terms without Han characters. */
  pinyin: string;
  /** Word for word ('plant grass'), or the expansion of an abbreviation. */
  literal: string;
  /** What it means on the platform, short: also the DeepL glossary's target. */
  meaning: string;
  /** One line in plain English for a newcomer. */
  explanation: string;
  category: TermCategory;
  example: { zh: string; en: string };
  /** Added by the reader. */
  custom?: boolean;
}
