// Where the site lives. The manifest (wxt.config.ts) and the content script both read this.
export const SITE_HOSTS = ['www.xiaohongshu.com', 'www.rednote.com'] as const;
export const SITE_MATCHES = SITE_HOSTS.map((host) => `https://${host}/*`);

/** The image CDN of note images (sns-webpic-qc.xhscdn.com, ci.xhscdn.com, …): text in images fetches from here only. */
export const IMAGE_CDN_SUFFIX = '.xhscdn.com';
export const IMAGE_CDN_MATCHES = [`https://*${IMAGE_CDN_SUFFIX}/*`];

/** An https URL on the image CDN: the only images the worker fetches for text in images. */
export function isNoteImageUrl(url: string): boolean {
  try {
    const u = new URL(url);
    return u.protocol === 'https:' && u.hostname.endsWith(IMAGE_CDN_SUFFIX) && !u.username && !u.password;
  } catch {
    return false;
  }
}
