// Texts larger than one request allows are cut at sentence ends (then clause marks, then anywhere),
// translated in pieces and joined back.

// One mark behind each cut: a `+` here made every position rescan the run of marks before it (quadratic).
const SENTENCE_END = /(?<=[。！？!?…\n])/u;
const CLAUSE_END = /(?<=[，,；;、：:])/u;

export function utf8Bytes(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}

/** Pieces of at most maxBytes (UTF-8) whose concatenation is the text. */
export function splitText(text: string, maxBytes: number): string[] {
  if (utf8Bytes(text) <= maxBytes) return [text];
  const pieces: string[] = [];
  for (const part of pack(text.split(SENTENCE_END), maxBytes)) {
    if (utf8Bytes(part) <= maxBytes) pieces.push(part);
    else for (const clause of pack(part.split(CLAUSE_END), maxBytes)) pieces.push(...(utf8Bytes(clause) <= maxBytes ? [clause] : hardCut(clause, maxBytes)));
  }
  return pieces;
}

/** Greedily join consecutive parts while they fit; each part measured once (linear, however many parts). */
function pack(parts: Iterable<string>, maxBytes: number): string[] {
  const out: string[] = [];
  let current = '';
  let bytes = 0;
  for (const part of parts) {
    const size = utf8Bytes(part);
    if (current && bytes + size > maxBytes) {
      out.push(current);
      current = '';
      bytes = 0;
    }
    current += part;
    bytes += size;
  }
  if (current) out.push(current);
  return out;
}

/** Cut anywhere between characters (never inside a surrogate pair). */
const hardCut = (text: string, maxBytes: number) => pack(text, maxBytes);

/** Join translated pieces: Latin-script translations need a space where the Chinese needed none. */
export function joinPieces(pieces: readonly string[]): string {
  return pieces.reduce((all, piece) => (!all ? piece : /\s$/.test(all) || /^\s/.test(piece) ? all + piece : `${all} ${piece}`), '');
}
