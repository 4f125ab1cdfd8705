// Texts larger than one request allows are cut at sentence ends (then clause marks, then anywhere),
// translated in pieces and joined back.

const SENTENCE_END = /(?<=[。！？!?…\n]+)/u;
const CLAUSE_END = /(?<=[，,；;、：:]+)/u;

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

/** Greedily join consecutive parts while they fit. */
function pack(parts: string[], maxBytes: number): string[] {
  const out: string[] = [];
  let current = '';
  for (const part of parts) {
    if (current && utf8Bytes(current + part) > maxBytes) {
      out.push(current);
      current = '';
    }
    current += part;
  }
  if (current) out.push(current);
  return out;
}

function hardCut(text: string, maxBytes: number): string[] {
  const out: string[] = [];
  let current = '';
  for (const char of text) {
    if (utf8Bytes(current + char) > maxBytes) {
      out.push(current);
      current = '';
    }
    current += char;
  }
  if (current) out.push(current);
  return out;
}

/** Join translated pieces: Latin-script translations need a space where the Chinese needed none. */
export function joinPieces(pieces: readonly string[]): string {
  return pieces.reduce((all, piece) => (!all ? piece : /\s$/.test(all) || /^\s/.test(piece) ? all + piece : `${all} ${piece}`), '');
}
