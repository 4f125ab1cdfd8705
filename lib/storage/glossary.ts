// The reader's own terms and what they have learned: changes to the stored lists (the items are in
// items.ts), each on fresh state.
import type { GlossaryTerm } from '../glossary/types';
import { learnedItem, userTermsItem } from './items';
import { updateItem } from './update';

export { learnedItem, userTermsItem };
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
