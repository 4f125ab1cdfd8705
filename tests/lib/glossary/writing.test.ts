import { expect, test } from 'vitest';
import { BUILTIN_TERMS } from '../../../lib/glossary/terms';
import type { GlossaryTerm } from '../../../lib/glossary/types';
import { writingEntries } from '../../../lib/glossary/writing';

const zhFor = (en: string, terms: readonly GlossaryTerm[] = BUILTIN_TERMS) => writingEntries(terms).find((e) => e.en === en)?.zh;

test('English meanings lead back to the platform word', () => {
  expect(zhFor('wishlist')).toBe('种草清单');
  expect(zhFor('dupe')).toBe('平替');
  expect(zhFor('free shipping')).toBe('包邮');
  expect(zhFor('where can I buy it?')).toBe('求链接');
  // Parentheses dropped, commas split.
  expect(zhFor('rant')).toBe('吐槽');
  expect(zhFor('roast')).toBe('吐槽');
  expect(zhFor('personal shopper')).toBe('代购');
});

test('left out: one-word interface words, terms not in Chinese, and a phrase already taken', () => {
  for (const en of ['like', 'save', 'follow', 'post', 'comments']) expect(zhFor(en)).toBeUndefined();
  expect(zhFor('GOAT')).toBeUndefined(); // yyds
  expect(zhFor('city stroll')).toBe('城市漫步'); // not citywalk
  expect(zhFor('Xiaohongshu user')).toBe('小红薯'); // the first of 小红薯, 红薯
  const english = writingEntries(BUILTIN_TERMS).map((e) => e.en.toLowerCase());
  expect(new Set(english).size).toBe(english.length);
});

test("the reader's own terms count, even one-word platform ones", () => {
  const own: GlossaryTerm = { term: '蹲蹲', pinyin: '', literal: '', meaning: 'waiting', explanation: '', category: 'platform', example: { zh: '', en: '' }, custom: true };
  expect(zhFor('waiting', [own])).toBe('蹲蹲');
});
