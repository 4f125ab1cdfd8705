// Counts in English words: the plural form chosen by the language's rules, the number grouped.
const rules = new Intl.PluralRules('en');
const numbers = new Intl.NumberFormat('en');
const percents = new Intl.NumberFormat('en', { style: 'percent', maximumFractionDigits: 0 });

/** '1 text', '0 texts', '12,000 texts'; `other` for nouns whose plural is not noun + s. */
export function countOf(n: number, one: string, other = `${one}s`): string {
  return `${numbers.format(n)} ${rules.select(n) === 'one' ? one : other}`;
}

/** 12000 → '12,000'. */
export function formatNumber(n: number): string {
  return numbers.format(n);
}

/** 0.42 → '42%'. */
export function formatPercent(share: number): string {
  return percents.format(share);
}
