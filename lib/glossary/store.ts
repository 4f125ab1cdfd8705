// The reader's own terms and what they have learned, in extension storage.
import { storage } from 'wxt/utils/storage';
import { BUILTIN_TERMS, GLOSSARY_VERSION, hash } from './terms';
import type { GlossaryTerm } from './types';

export const userTermsItem = storage.defineItem<GlossaryTerm[]>('local:glossary.userTerms', { fallback: [], version: 1 });
export const learnedItem = storage.defineItem<string[]>('local:glossary.learned', { fallback: [], version: 1 });

/** Built-in and own terms; an own term replaces a built-in one with the same characters. */
export function mergeTerms(user: readonly GlossaryTerm[]): GlossaryTerm[] {
  const own = new Map(user.map((t) => [t.term, t]));
  return [...BUILTIN_TERMS.filter((t) => !own.has(t.term)), ...own.values()];
}

/** Version of the whole glossary the reader has: in cache keys and the DeepL glossary's name. */
export function glossaryVersionOf(user: readonly GlossaryTerm[]): string {
  return user.length ? `${GLOSSARY_VERSION}-${hash(JSON.stringify(user))}` : GLOSSARY_VERSION;
}

export async function allTerms(): Promise<GlossaryTerm[]> {
  return mergeTerms(await userTermsItem.getValue());
}

export async function addOrUpdateUserTerms(terms: readonly GlossaryTerm[]): Promise<void> {
  const current = new Map((await userTermsItem.getValue()).map((t) => [t.term, t]));
  for (const t of terms) current.set(t.term, { ...t, custom: true });
  await userTermsItem.setValue([...current.values()]);
}

export async function deleteUserTerm(term: string): Promise<void> {
  await userTermsItem.setValue((await userTermsItem.getValue()).filter((t) => t.term !== term));
}

export async function setLearned(term: string, learned: boolean): Promise<void> {
  const set = new Set(await learnedItem.getValue());
  if (learned) set.add(term);
  else set.delete(term);
  await learnedItem.setValue([...set]);
}
