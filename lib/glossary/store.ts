// The reader's own terms and what they have learned: changes to the stored lists (the items are in
// lib/storage/items.ts), and the merged glossary with its version.
import { learnedItem, userTermsItem } from '../storage/items';
import { updateItem } from '../storage/update';
import { BUILTIN_TERMS, GLOSSARY_VERSION, hash } from './terms';
import type { GlossaryTerm } from './types';

/** The stored lists, also from here for the page's glossary code. */
export { learnedItem, userTermsItem };

/** Built-in and own terms; an own term replaces a built-in one with the same characters. */
export function mergeTerms(user: readonly GlossaryTerm[]): GlossaryTerm[] {
  const own = new Map(user.map((t) => [t.term, t]));
  return [...BUILTIN_TERMS.filter((t) => !own.has(t.term)), ...own.values()];
}

/** Version of the whole glossary the reader has: in cache keys and the DeepL glossary's name. */
export function glossaryVersionOf(user: readonly GlossaryTerm[]): string {
  return user.length ? `${GLOSSARY_VERSION}-${hash(JSON.stringify(user))}` : GLOSSARY_VERSION;
}

export async function addOrUpdateUserTerms(terms: readonly GlossaryTerm[]): Promise<void> {
  await updateItem(userTermsItem, (stored) => {
    const current = new Map(stored.map((t) => [t.term, t]));
    for (const t of terms) current.set(t.term, { ...t, custom: true });
    return [...current.values()];
  });
}

export async function deleteUserTerm(term: string): Promise<void> {
  await updateItem(userTermsItem, (stored) => stored.filter((t) => t.term !== term));
}

export async function setLearned(term: string, learned: boolean): Promise<void> {
  await updateItem(learnedItem, (stored) => {
    const set = new Set(stored);
    if (learned) set.add(term);
    else set.delete(term);
    return [...set];
  });
}
