// The glossary the reader has: built-in terms merged with their own, and its version.
import { BUILTIN_TERMS, GLOSSARY_VERSION, hash } from './terms';
import type { GlossaryTerm } from './types';

/** Built-in and own terms; an own term replaces a built-in one with the same characters. */
export function mergeTerms(user: readonly GlossaryTerm[]): GlossaryTerm[] {
  const own = new Map(user.map((t) => [t.term, t]));
  return [...BUILTIN_TERMS.filter((t) => !own.has(t.term)), ...own.values()];
}

/** Version of the whole glossary the reader has: in cache keys and the DeepL glossary's name. */
export function glossaryVersionOf(user: readonly GlossaryTerm[]): string {
  return user.length ? `${GLOSSARY_VERSION}-${hash(JSON.stringify(user))}` : GLOSSARY_VERSION;
}
