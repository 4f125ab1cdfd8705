// Host access to the image CDN: an optional permission (asked on first use, not at install), which text
// in images needs (the worker fetches the note image: a page's copy cannot be read). One place for the
// check and the request: the options page's section, the popup's setting and the worker use it.
import { browser } from 'wxt/browser';
import { IMAGE_CDN_MATCHES } from '../sites/xiaohongshu/hosts';

export interface ImageAccess {
  /** Whether the reader granted it (false where the permissions API fails). */
  has(): Promise<boolean>;
  /** Ask for it: only in a user gesture (a click) does the browser ask the reader. */
  request(): Promise<boolean>;
}

export const imageAccess: ImageAccess = {
  has: () => browser.permissions.contains({ origins: IMAGE_CDN_MATCHES }).catch(() => false),
  request: () => browser.permissions.request({ origins: IMAGE_CDN_MATCHES }),
};
