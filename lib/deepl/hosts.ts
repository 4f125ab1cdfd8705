// DeepL's two API hosts: the only servers the extension talks to (manifest host_permissions).
export const DEEPL_FREE_URL = 'https://api-free.deepl.com';
export const DEEPL_PRO_URL = 'https://api.deepl.com';
export const DEEPL_HOST_PERMISSIONS = [`${DEEPL_FREE_URL}/*`, `${DEEPL_PRO_URL}/*`];

/** Keys ending in ':fx' belong to the Free plan and its endpoint (as DeepL's own clients decide). */
export const isFreeKey = (key: string) => key.trim().endsWith(':fx');

/** The server for a key: a DeepL-compatible proxy if one is set, else the key's free or pro host. */
export function deeplBaseUrl(key: string, override = ''): string {
  if (override.trim()) return override.trim().replace(/\/+$/, '');
  return isFreeKey(key) ? DEEPL_FREE_URL : DEEPL_PRO_URL;
}

/** The origins of match patterns ('https://api.deepl.com/*' → 'https://api.deepl.com'). */
export function originsOf(patterns: readonly string[]): string[] {
  return patterns.flatMap((p) => {
    try {
      return [new URL(p.replace(/\*$/, '')).origin];
    } catch {
      return [];
    }
  });
}

export type ServerCheck = { ok: true; url: string } | { ok: false; message: string };

/**
 * A DeepL-compatible server the reader typed, checked: https (the key travels in every request), and
 * an origin this build may reach (its host permissions and its CSP's connect-src list the same
 * origins; a proxy's origin is added at build time). '' means DeepL's own host for the key.
 */
export function checkServerUrl(input: string, allowedOrigins: readonly string[]): ServerCheck {
  const text = input.trim();
  if (!text) return { ok: true, url: '' };
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return { ok: false, message: 'That is not a URL.' };
  }
  if (url.protocol !== 'https:') return { ok: false, message: 'The server must use https: the key is sent with every request.' };
  if (url.username || url.password || url.search || url.hash) return { ok: false, message: 'Give the server’s address alone, without a user name, query or fragment.' };
  if (!allowedOrigins.includes(url.origin)) {
    return { ok: false, message: `${url.origin} is not among the servers this build may reach (${allowedOrigins.join(', ')}). A proxy’s origin is added when the extension is built (see the README).` };
  }
  return { ok: true, url: `${url.origin}${url.pathname}`.replace(/\/+$/, '') };
}
