// Bytes as text for runtime messages (JSON only): the image handed to the offscreen document, and the
// English drawn over an image handed to the page as a data URL.

/** What an overlay's address starts with (lib/ocr/overlay.ts): the page takes nothing else as one. */
export const OVERLAY_URL_PREFIX = 'data:image/png;base64,';

/** Bytes as base64, in chunks (a spread of a large array overflows the stack). */
export function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

export const fromBase64 = (text: string): Uint8Array => Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
