import { expect, test } from 'vitest';
import { searchTerms, stripTones } from '../../../lib/glossary/search';
import { BUILTIN_TERMS } from '../../../lib/glossary/terms';

const first = (q: string, o = {}) => searchTerms(BUILTIN_TERMS, q, o)[0]?.term;

test('by characters, pinyin with or without tones, or English', () => {
  expect(first('种草')).toBe('种草');
  expect(first('zhongcao')).toBe('种草');
  expect(first('zhòng cǎo')).toBe('种草');
  expect(first('zhong cao')).toBe('种草');
  expect(searchTerms(BUILTIN_TERMS, 'dupe').map((t) => t.term)).toContain('平替');
  expect(stripTones('lǚ xíng')).toBe('lv xing');
});

test('category filter and hiding learned terms', () => {
  const slang = searchTerms(BUILTIN_TERMS, '', { category: 'slang' });
  expect(slang.length).toBeGreaterThan(20);
  expect(slang.every((t) => t.category === 'slang')).toBe(true);
  const hidden = searchTerms(BUILTIN_TERMS, '种草', { learned: new Set(['种草']), hideLearned: true }).map((t) => t.term);
  expect(hidden).not.toContain('种草');
  expect(hidden).toContain('种草机');
});

test('a syllable inside the pinyin finds the term', () => {
  const found = searchTerms(BUILTIN_TERMS, 'cao').map((t) => t.term);
  expect(found).toEqual(expect.arrayContaining(['种草', '拔草', '长草']));
  expect(searchTerms(BUILTIN_TERMS, 'liao').map((t) => t.term)).not.toContain('种草');
});
