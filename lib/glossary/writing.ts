// The glossary the other way round, for writing: English → the platform's own word, so a reader who
// asks for it gets 种草清单 for "wishlist" or 平替 for "dupe" (a DeepL glossary EN → ZH; a chat
// model's prompt). Derived from the terms' short meanings. Pure.
import { hasHan } from '../detect/chinese';
import type { GlossaryTerm } from './types';

export interface WritingEntry {
  en: string;
  zh: string;
}

/**
 * One entry per English phrase: each meaning without its parenthesis, split at commas, and only
 * terms written in Chinese. Left out: the platform's one-word interface verbs and nouns (like, save,
 * follow, post), which are ordinary English too and would turn "I like it" into 点赞; and a phrase a
 * second term also means (the first term keeps it).
 */
export function writingEntries(terms: readonly GlossaryTerm[]): WritingEntry[] {
  const seen = new Set<string>();
  const entries: WritingEntry[] = [];
  for (const t of terms) {
    const zh = t.term.trim();
    if (!hasHan(zh)) continue;
    for (const part of t.meaning.replace(/\([^)]*\)/g, '').split(',')) {
      const en = part.replace(/\s+/g, ' ').trim();
      if (!/[A-Za-z]{2}/.test(en) || (t.category === 'platform' && !t.custom && !en.includes(' '))) continue;
      const key = en.toLowerCase();
      if (seen.has(key)) continue;
      seen.add(key);
      entries.push({ en, zh });
    }
  }
  return entries;
}
