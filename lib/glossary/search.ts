// Search the glossary by characters, pinyin with or without tones, or English.
import type { GlossaryTerm, TermCategory } from './types';

/** 'zhòng cǎo' → 'zhong cao' (ü → v, as pinyin keyboards type it). */
export function stripTones(pinyin: string): string {
  return pinyin
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, (mark) => (mark === '\u0308' ? '\u0308' : ''))
    .replace(/u\u0308/g, 'v')
    .toLowerCase();
}

const squash = (s: string) => s.replace(/\s+/g, '');

/** Does the query start at one of the later syllables? */
function fromLaterSyllable(spacedPinyin: string, query: string): boolean {
  const syllables = spacedPinyin.split(' ');
  return syllables.slice(1).some((_, i) => syllables.slice(i + 1).join('').startsWith(query));
}

export interface SearchOptions {
  category?: TermCategory;
  learned?: ReadonlySet<string>;
  hideLearned?: boolean;
}

/** Matching terms, best first: exact term, term prefix, term contains, pinyin, then English. */
export function searchTerms(terms: readonly GlossaryTerm[], query: string, options: SearchOptions = {}): GlossaryTerm[] {
  const q = query.trim().toLowerCase();
  const qPinyin = squash(stripTones(q));
  const scored: Array<[number, GlossaryTerm]> = [];
  for (const term of terms) {
    if (options.category && term.category !== options.category) continue;
    if (options.hideLearned && options.learned?.has(term.term)) continue;
    if (!q) {
      scored.push([0, term]);
      continue;
    }
    const t = term.term.toLowerCase();
    const spaced = stripTones(term.pinyin);
    const p = squash(spaced);
    let score = 0;
    if (t === q) score = 100;
    else if (t.startsWith(q)) score = 80;
    else if (t.includes(q)) score = 60;
    else if (p && qPinyin && p === qPinyin) score = 55;
    else if (p && qPinyin && p.startsWith(qPinyin)) score = 50;
    // A later syllable: 'cao' finds 种草 (zhòng cǎo) and 拔草 (bá cǎo).
    else if (qPinyin && fromLaterSyllable(spaced, qPinyin)) score = 45;
    else if (`${term.meaning} ${term.literal}`.toLowerCase().includes(q)) score = 40;
    else if (`${term.explanation} ${term.example.en}`.toLowerCase().includes(q)) score = 20;
    if (score) scored.push([score, term]);
  }
  return scored.sort((a, b) => b[0] - a[0]).map(([, term]) => term);
}
