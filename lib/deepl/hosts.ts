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
