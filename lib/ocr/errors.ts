// Why an image's text could not be read, as a kind (what the page says to the reader depends on it;
// the message is for the worker's log).

export type ImageFailureKind =
  /** This browser has no offscreen documents (Firefox): text in images is not available. */
  | 'no-offscreen'
  /** This Chrome has no WebAssembly JSPI, which the runtime needs (Chrome before 137). */
  | 'old-chrome'
  /** The reader has not granted host access to the image CDN (asked on first use, not at install). */
  | 'access'
  /** The image could not be fetched (refused, too large, timed out). */
  | 'fetch'
  /** The file is not an image this browser can decode, or is larger than a note image. */
  | 'decode'
  /** The recogniser failed. */
  | 'recognise'
  /** This tab has an image being read, or asked for more images than a reader turns to in a minute. */
  | 'busy'
  | 'limit';

export class ImageError extends Error {
  constructor(
    readonly kind: ImageFailureKind,
    message: string,
  ) {
    super(message);
  }
}

export const failureKindOf = (error: unknown): ImageFailureKind => (error instanceof ImageError ? error.kind : 'recognise');
