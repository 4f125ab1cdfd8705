import { beforeEach, expect, test } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { glossaryVersionOf, mergeTerms } from '../../../lib/glossary/merge';
import { addOrUpdateUserTerms, deleteUserTerm, learnedItem, setLearned, userTermsItem } from '../../../lib/storage/glossary';
import { BUILTIN_TERMS, GLOSSARY_VERSION } from '../../../lib/glossary/terms';

beforeEach(() => fakeBrowser.reset());
const allTerms = async () => mergeTerms(await userTermsItem.getValue());
const mine = { term: '薯条', pinyin: 'shǔ tiáo', literal: 'fries', meaning: 'post boost', explanation: 'My own wording.', category: 'platform' as const, example: { zh: '', en: '' } };

test('own terms override built-ins of the same characters and change the version', async () => {
  await addOrUpdateUserTerms([mine]);
  const terms = await allTerms();
  expect(terms).toHaveLength(BUILTIN_TERMS.length);
  expect(terms.find((t) => t.term === '薯条')).toMatchObject({ meaning: 'post boost', custom: true });
  expect(glossaryVersionOf(await userTermsItem.getValue())).not.toBe(GLOSSARY_VERSION);
  await deleteUserTerm('薯条');
  expect((await allTerms()).find((t) => t.term === '薯条')?.meaning).toBe('Shutiao (post promotion)');
  expect(glossaryVersionOf([])).toBe(GLOSSARY_VERSION);
});

test('learned terms are remembered', async () => {
  await setLearned('种草', true);
  await setLearned('宝子', true);
  await setLearned('种草', false);
  expect(await learnedItem.getValue()).toEqual(['宝子']);
});
