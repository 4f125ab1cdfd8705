// Find glossary terms in page text: longest first, leftmost, no overlaps. Chinese has no spaces, so
// a trie walked from every position; Latin terms ('emo', 'yyds') match only as whole words.

export interface TermMatch {
  start: number;
  end: number;
  term: string;
}

interface Node {
  next: Map<string, Node>;
  term?: string;
}

const LATIN = /[a-z0-9]/i;

/**
 * One UTF-16 unit, case-folded without changing the text's length: 'İ'.toLowerCase() is two units,
 * and match positions must stay positions in the page's own text.
 */
function fold(unit: string): string {
  const lower = unit.toLowerCase();
  return lower.length === 1 ? lower : unit;
}

export function createTermMatcher(terms: ReadonlyArray<{ term: string }>) {
  const root: Node = { next: new Map() };
  for (const { term } of terms) {
    if (!term) continue;
    let node = root;
    for (let k = 0; k < term.length; k++) {
      const char = fold(term[k]!);
      let child = node.next.get(char);
      if (!child) node.next.set(char, (child = { next: new Map() }));
      node = child;
    }
    node.term = term;
  }

  const wordEdge = (text: string, at: number) => at < 0 || at >= text.length || !LATIN.test(text[at]!);

  return {
    find(text: string): TermMatch[] {
      const matches: TermMatch[] = [];
      // Folded unit by unit: same length as the text, so positions are the text's own.
      let lower = '';
      for (let k = 0; k < text.length; k++) lower += fold(text[k]!);
      let i = 0;
      while (i < lower.length) {
        let node: Node | undefined = root;
        let best: TermMatch | undefined;
        for (let j = i; j < lower.length; j++) {
          node = node.next.get(lower[j]!);
          if (!node) break;
          if (node.term) {
            // A term that begins or ends with a Latin letter must not be part of a longer word.
            const latinStart = LATIN.test(lower[i]!);
            const latinEnd = LATIN.test(lower[j]!);
            if ((!latinStart || wordEdge(lower, i - 1)) && (!latinEnd || wordEdge(lower, j + 1))) best = { start: i, end: j + 1, term: node.term };
          }
        }
        if (best) {
          matches.push(best);
          i = best.end;
        } else i++;
      }
      return matches;
    },
  };
}

export type TermMatcher = ReturnType<typeof createTermMatcher>;
