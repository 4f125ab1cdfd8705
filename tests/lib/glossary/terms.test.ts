// @vitest-environment node
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { expect, test } from 'vitest';
import { BUILTIN_TERMS, GLOSSARY_VERSION } from '../../../lib/glossary/terms';
import { TERM_CATEGORIES } from '../../../lib/glossary/types';
import { generatedSource, PINYIN_OVERRIDES, pinyinFor } from '../../../scripts/glossary-pinyin';

const HAN = /[\u3400-\u9fff]/g;

test('at least 150 terms, every field filled, every category used, no duplicates', () => {
  expect(BUILTIN_TERMS.length).toBeGreaterThanOrEqual(150);
  for (const t of BUILTIN_TERMS) {
    for (const field of [t.term, t.literal, t.meaning, t.explanation, t.example.zh, t.example.en]) expect(field.trim(), t.term).not.toBe('');
  }
  expect(new Set(BUILTIN_TERMS.map((t) => t.category))).toEqual(new Set(TERM_CATEGORIES));
  expect(new Set(BUILTIN_TERMS.map((t) => t.term)).size).toBe(BUILTIN_TERMS.length);
  expect(GLOSSARY_VERSION).toMatch(/^g[0-9a-z]+$/);
});

test('pinyin: one syllable per Han character, tone marks, and the file is what the script makes', async () => {
  for (const t of BUILTIN_TERMS) {
    const han = t.term.match(HAN)?.length ?? 0;
    expect(t.pinyin ? t.pinyin.split(' ').length : 0, t.term).toBe(han);
    if (han) expect(t.pinyin, t.term).toMatch(/[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ]/);
  }
  const file = readFileSync(resolve(import.meta.dirname, '../../../lib/glossary/pinyin.generated.ts'), 'utf8');
  expect(file).toBe(await generatedSource());
});

test('hand-checked readings win over the library where a character has several', () => {
  expect(pinyinFor('种草')).toBe('zhòng cǎo');
  expect(pinyinFor('长草')).toBe('zhǎng cǎo');
  expect(pinyinFor('干货')).toBe('gān huò');
  expect(Object.keys(PINYIN_OVERRIDES).every((term) => BUILTIN_TERMS.some((t) => t.term === term))).toBe(true);
});
