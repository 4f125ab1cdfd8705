// The recognition model's output, per time step a probability for each class, read greedily:
// the most likely class at each step, repeats folded, the blank (class 0) dropped.

export interface Decoded {
  text: string;
  /** Mean probability of the characters kept (0 when none). */
  confidence: number;
}

/**
 * `probs` is [steps × classes]; class 0 is CTC's blank, class i (1 ≤ i ≤ dictionary.length) is
 * dictionary[i - 1], and the model's last class is a space (PaddleOCR's `use_space_char`).
 */
export function ctcGreedyDecode(probs: Float32Array, steps: number, classes: number, dictionary: readonly string[]): Decoded {
  let text = '';
  let sum = 0;
  let kept = 0;
  let previous = -1;
  for (let t = 0; t < steps; t++) {
    let best = 0;
    let bestP = -Infinity;
    const row = t * classes;
    for (let c = 0; c < classes; c++) {
      const p = probs[row + c]!;
      if (p > bestP) {
        bestP = p;
        best = c;
      }
    }
    if (best !== 0 && best !== previous) {
      text += best <= dictionary.length ? dictionary[best - 1]! : ' ';
      sum += bestP;
      kept++;
    }
    previous = best;
  }
  return { text: text.trim(), confidence: kept ? sum / kept : 0 };
}

/** PaddleOCR's dictionary file: one character a line. */
export function parseDictionary(text: string): string[] {
  const lines = text.replace(/\r/g, '').split('\n');
  return lines.at(-1) === '' ? lines.slice(0, -1) : lines;
}
