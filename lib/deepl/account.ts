// Which DeepL account a key belongs to, without keeping the key: a glossary lives in one account,
// so what was made with one key is recorded with this fingerprint, never with the key itself.

/** The first 64 bits of the key's SHA-256, in hex: tells keys apart, cannot be turned back into one. */
export async function accountOf(key: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(key.trim()));
  return [...new Uint8Array(digest).slice(0, 8)].map((b) => b.toString(16).padStart(2, '0')).join('');
}
