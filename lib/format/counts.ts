// Counts as the site writes them: 1.2万 = 12,000, 10万+, 10w+, 1.5亿.
const COUNT = /^(\d+(?:\.\d+)?)\s*([万wW亿])?(\+)?$/;
const UNIT: Record<string, number> = { 万: 1e4, w: 1e4, W: 1e4, 亿: 1e8 };
const compact = new Intl.NumberFormat('en', { notation: 'compact', maximumFractionDigits: 1 });

export function parseCount(text: string): number | null {
  const m = COUNT.exec(text.trim());
  if (!m) return null;
  return Math.round(Number(m[1]) * (m[2] ? UNIT[m[2]]! : 1));
}

/** '1.2万' → '12K', '10万+' → '100K+'; null when the text is not a count or reads the same in English. */
export function formatCount(text: string): string | null {
  const m = COUNT.exec(text.trim());
  if (!m || !m[2]) return null;
  return compact.format(parseCount(text)!) + (m[3] ?? '');
}
