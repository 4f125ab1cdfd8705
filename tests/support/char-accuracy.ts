// Character accuracy of recognised text against the text drawn: 1 − edit distance ÷ length of the
// truth, on the lines joined in reading order (a line out of order costs), with whitespace dropped
// and NFKC folding (full-width and half-width forms of one character count as the same).

const normalise = (lines: readonly string[]) => [...lines.join('').normalize('NFKC').replace(/\s+/g, '')];

export function editDistance(a: readonly string[], b: readonly string[]): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) row[j] = Math.min(previous[j]! + 1, row[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    previous = row;
  }
  return previous[b.length]!;
}

/** Accuracy in [0, 1], and the count of characters compared. With no truth: 1 when nothing was read. */
export function charAccuracy(truth: readonly string[], read: readonly string[]): { accuracy: number; chars: number; errors: number } {
  const t = normalise(truth);
  const r = normalise(read);
  const errors = editDistance(t, r);
  return { accuracy: t.length ? Math.max(0, 1 - errors / t.length) : r.length ? 0 : 1, chars: t.length, errors };
}
