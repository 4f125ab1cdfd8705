// Where text in images is recognised in Chrome: an offscreen document of ours (onnxruntime-web needs a
// document's APIs and takes seconds per image, so it runs there, off the worker's thread), made on
// first use. Firefox has no offscreen documents: there the feature says it is not available.
import { MAX_IMAGE_BYTES, type ImageText, type OcrAnswer, type OcrRequest } from '../messaging/ocr';
import { toBase64 } from '../ocr/base64';
import { ImageError } from '../ocr/errors';

interface OffscreenApi {
  createDocument(options: { url: string; reasons: string[]; justification: string }): Promise<void>;
  closeDocument(): Promise<void>;
}
interface ChromeLike {
  offscreen?: OffscreenApi;
  runtime: { getContexts?(filter: { contextTypes: string[] }): Promise<unknown[]>; sendMessage(message: unknown): Promise<unknown> };
}

export const OFFSCREEN_PATH = 'offscreen.html';
export const NO_OFFSCREEN = 'Text in images needs Chrome: this browser has no offscreen documents.';
/**
 * The document (the models and the runtime's memory: tens of MB) is closed this long after its last image.
 * Best effort: a worker stopped before then leaves it open until the next image's recognition.
 */
export const OFFSCREEN_IDLE_MS = 3 * 60_000;

/** An image that has not arrived in this long is given up (a hanging connection would hold the recogniser). */
export const IMAGE_FETCH_TIMEOUT_MS = 30_000;

/** The image file at `url` (the worker's host access to the image CDN; a page's canvas would be tainted). */
export async function fetchImage(url: string, fetcher: typeof fetch = fetch, timeoutMs = IMAGE_FETCH_TIMEOUT_MS): Promise<Uint8Array> {
  const tooLarge = (bytes: number) => new ImageError('fetch', `image fetch: ${bytes} bytes, more than a note image`);
  try {
    const response = await fetcher(url, { credentials: 'omit', signal: AbortSignal.timeout(timeoutMs) });
    if (!response.ok) throw new ImageError('fetch', `image fetch: HTTP ${response.status}`);
    const declared = Number(response.headers.get('content-length') ?? 0);
    if (declared > MAX_IMAGE_BYTES) throw tooLarge(declared);
    // Read in chunks, stopped at the cap: a body larger than it says is not held whole.
    const chunks: Uint8Array[] = [];
    let length = 0;
    const reader = response.body?.getReader();
    for (let part = await reader?.read(); part && !part.done; part = await reader!.read()) {
      length += part.value.length;
      if (length > MAX_IMAGE_BYTES) {
        void reader!.cancel().catch(() => {});
        throw tooLarge(length);
      }
      chunks.push(part.value);
    }
    const bytes = new Uint8Array(length);
    let at = 0;
    for (const chunk of chunks) {
      bytes.set(chunk, at);
      at += chunk.length;
    }
    return bytes;
  } catch (error) {
    const message = String((error as Error)?.message ?? error);
    throw error instanceof ImageError ? error : new ImageError('fetch', `image fetch: ${message}`);
  }
}

export function createOffscreenRecogniser(chrome: ChromeLike, fetcher: typeof fetch = (...args) => fetch(...args), idleMs = OFFSCREEN_IDLE_MS) {
  let creating: Promise<void> | undefined;
  let closing: Promise<void> | undefined;
  let running = 0;
  let idle: ReturnType<typeof setTimeout> | undefined;
  const ensureDocument = async () => {
    const offscreen = chrome.offscreen;
    if (!offscreen) throw new ImageError('no-offscreen', NO_OFFSCREEN);
    await closing;
    const open = (await chrome.runtime.getContexts?.({ contextTypes: ['OFFSCREEN_DOCUMENT'] })) ?? [];
    if (open.length) return;
    creating ??= offscreen
      .createDocument({ url: OFFSCREEN_PATH, reasons: ['BLOBS'], justification: 'Recognise the text in note images the reader asked to translate (image blobs decoded and read on a canvas).' })
      .finally(() => (creating = undefined));
    await creating;
  };
  const closeWhenIdle = () => {
    clearTimeout(idle);
    if (running) return;
    idle = setTimeout(() => {
      closing = chrome.offscreen
        ?.closeDocument()
        .catch(() => {})
        .finally(() => (closing = undefined));
    }, idleMs);
  };
  /** One image at a time: recognition takes the document's CPU for seconds; more at once only waits longer. */
  let queue: Promise<unknown> = Promise.resolve();
  const recogniseOne = async (url: string): Promise<ImageText> => {
    if (!chrome.offscreen) throw new ImageError('no-offscreen', NO_OFFSCREEN); // nothing fetched for a browser that cannot read it
    clearTimeout(idle); // an image arriving just before the close keeps the document
    running++;
    try {
      const [bytes] = await Promise.all([fetchImage(url, fetcher), ensureDocument()]);
      const request: OcrRequest = { target: 'rnl-offscreen', type: 'ocr-image', image: toBase64(bytes) };
      const answer = (await chrome.runtime.sendMessage(request)) as OcrAnswer | undefined;
      if (!answer) throw new ImageError('recognise', 'The recogniser did not answer.');
      if (!answer.ok) throw new ImageError(answer.kind, answer.error);
      return answer.value;
    } finally {
      running--;
      closeWhenIdle();
    }
  };
  return function recognise(url: string): Promise<ImageText> {
    const job = queue.then(() => recogniseOne(url));
    queue = job.catch(() => {});
    return job;
  };
}
