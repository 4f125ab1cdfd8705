// Where the site lives. The manifest (wxt.config.ts) and the content script both read this.
export const SITE_HOSTS = ['www.xiaohongshu.com', 'www.rednote.com'] as const;
export const SITE_MATCHES = SITE_HOSTS.map((host) => `https://${host}/*`);
