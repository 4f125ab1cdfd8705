import { expect, test } from 'vitest';
import { createTermMatcher } from '../../../lib/glossary/match';
import { BUILTIN_TERMS } from '../../../lib/glossary/terms';

const matcher = createTermMatcher(BUILTIN_TERMS);
const found = (text: string) => matcher.find(text).map((m) => m.term);

test('longest first, leftmost, no overlaps, without word boundaries', () => {
  expect(found('宝子们快来看这个种草清单')).toEqual(['宝子们', '种草清单']);
  expect(found('被种草了')).toEqual(['种草']);
  expect(found('小红书号是多少')).toEqual(['小红书号']);
});

test('Latin terms only as whole words, any case', () => {
  expect(found('这家火锅真的YYDS！')).toEqual(['yyds']);
  expect(found('今天有点emo')).toEqual(['emo']);
  expect(found('a demo of lemon')).toEqual([]);
  expect(found('city不city啊')).toEqual(['city不city']);
});

test('positions point at the text', () => {
  const text = '姐妹们冲！';
  const [first, second] = matcher.find(text);
  expect(text.slice(first!.start, first!.end)).toBe('姐妹们');
  expect(text.slice(second!.start, second!.end)).toBe('冲');
});

test('positions are the page text’s own, even where lower-casing changes length (İ → i̇)', () => {
  const text = 'İİİİ 种草 YYDS';
  const matches = matcher.find(text);
  expect(matches.map((m) => text.slice(m.start, m.end))).toEqual(['种草', 'YYDS']);
  expect(matches.map((m) => m.term)).toEqual(['种草', 'yyds']);
});
