import { expect, test } from 'vitest';
import { joinPieces, splitText, utf8Bytes } from '../../../lib/translate/split';

test('utf8Bytes counts like TextEncoder', () => {
  for (const text of ['abc', '你好', '😂x', 'é', '']) expect(utf8Bytes(text)).toBe(new TextEncoder().encode(text).length);
});

test('short texts stay whole', () => {
  expect(splitText('你好。再见。', 100)).toEqual(['你好。再见。']);
});

test('long texts are cut at sentence ends, then clauses, then anywhere, and lose nothing', () => {
  const text = '第一句话。第二句话！第三句，还有逗号，很长很长很长很长很长很长很长。';
  const pieces = splitText(text, 20);
  expect(pieces.join('')).toBe(text);
  expect(pieces.every((p) => utf8Bytes(p) <= 20)).toBe(true);
  expect(pieces[0]).toBe('第一句话。');
  const unbroken = '长'.repeat(50);
  expect(splitText(unbroken, 30).join('')).toBe(unbroken);
});

test('translated pieces are joined with a space where needed', () => {
  expect(joinPieces(['First sentence.', 'Second.'])).toBe('First sentence. Second.');
  expect(joinPieces(['a ', 'b'])).toBe('a b');
});

test('a 200,000-character text of ！ (or with no mark at all) is split in linear time', () => {
  // Each piece used to be measured again with every character added: 58 s for the first, a page's choice.
  for (const text of ['！'.repeat(200_000), '长'.repeat(200_000), '，'.repeat(200_000)]) {
    const started = performance.now();
    const pieces = splitText(text, 128 * 1024);
    expect(performance.now() - started).toBeLessThan(1_000);
    expect(pieces.join('')).toBe(text);
    expect(pieces.every((p) => utf8Bytes(p) <= 128 * 1024)).toBe(true);
    expect(pieces).toHaveLength(5); // 600,000 bytes in pieces of at most 131,072
  }
});
