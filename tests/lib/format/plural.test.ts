import { expect, test } from 'vitest';
import { countOf, formatNumber, formatPercent } from '../../../lib/format/plural';

test('counts take the English plural form and group their digits', () => {
  expect(countOf(1, 'text')).toBe('1 text');
  expect(countOf(0, 'text')).toBe('0 texts');
  expect(countOf(12_000, 'term')).toBe('12,000 terms');
  expect(countOf(2, 'reply', 'replies')).toBe('2 replies');
  expect(formatNumber(1_234_567)).toBe('1,234,567');
  expect(formatPercent(0.4237)).toBe('42%');
});
