// The worker's request to the offscreen document (Chrome), where the text in images is recognised.
// The worker fetches the image (it holds the host access to the image CDN) and hands over its bytes.
import * as v from 'valibot';
import type { ErrorKind } from '../core/errors';
import type { ImageFailureKind } from '../ocr/errors';
import type { ImageText } from '../ocr/index';

export type { ImageFailureKind, ImageText };

/**
 * The worker's answer to recognise-image: the text, its English line by line (null: not translated now)
 * and that English drawn as one picture to lay over the image (null: nothing drawn); or why there is
 * none, as a kind only (the error's words, which may hold a URL or the offscreen document's, stay in the worker).
 * `retryAt`: some lines wait for the translator (ask again then: the text is cached, the English too).
 * `untranslated`: why some lines cannot be translated now (no translator, key refused, this tab paused…).
 */
export type ImageAnswer =
  | { ok: true; text: ImageText; english: Array<string | null>; overlay: string | null; retryAt?: number; untranslated?: ErrorKind }
  | { ok: false; kind: ImageFailureKind };

/** The worker's answer to open-image-access: the options page's section shown, or why not (access already granted: ask again). */
export type ImageAccessOpened = { ok: true } | { ok: false; reason: 'granted' | 'not-opened' };

/** The offscreen document's answer to ocr-image. */
export type OcrAnswer = { ok: true; value: ImageText } | { ok: false; kind: ImageFailureKind; error: string };

/** Encoded image files larger than this are not read (a note image is a few hundred KB). */
export const MAX_IMAGE_BYTES = 12_000_000;

export const OcrRequestSchema = v.object({
  target: v.literal('rnl-offscreen'),
  type: v.literal('ocr-image'),
  /** The image file's bytes, base64 (runtime messages are JSON): the worker fetched it. */
  image: v.pipe(v.string(), v.maxLength(Math.ceil(MAX_IMAGE_BYTES / 3) * 4)),
});
export type OcrRequest = v.InferOutput<typeof OcrRequestSchema>;

export const isOcrRequest = (message: unknown): message is OcrRequest => v.is(OcrRequestSchema, message);

