// Where text in images is recognised in Chrome: an offscreen document of ours (onnxruntime-web needs a
// document's APIs and takes seconds per image, so it runs there, off the worker's thread), made on
// first use. Firefox has no offscreen documents: there the feature says it is not available.
import { MAX_IMAGE_BYTES, toBase64, type ImageText, type OcrRequest } from '../messaging/ocr';

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

/** The image file at `url` (the worker's host access to the image CDN; a page's canvas would be tainted). */
export async function fetchImage(url: string, fetcher: typeof fetch = fetch): Promise<Uint8Array> {
  let response: Response;
  try {
    response = await fetcher(url, { credentials: 'omit' });
  } catch (error) {
    throw new Error(`image fetch: ${String((error as Error)?.message ?? error)}`);
  }
  if (!response.ok) throw new Error(`image fetch: HTTP ${response.status}`);
  const bytes = new Uint8Array(await response.arrayBuffer());
  if (bytes.length > MAX_IMAGE_BYTES) throw new Error(`image fetch: ${bytes.length} bytes, more than a note image`);
  return bytes;
}

export function createOffscreenRecogniser(chrome: ChromeLike, fetcher: typeof fetch = (...args) => fetch(...args), idleMs = OFFSCREEN_IDLE_MS) {
  let creating: Promise<void> | undefined;
  let closing: Promise<void> | undefined;
  let running = 0;
  let idle: ReturnType<typeof setTimeout> | undefined;
  const ensureDocument = async () => {
    const offscreen = chrome.offscreen;
    if (!offscreen) throw new Error(NO_OFFSCREEN);
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
  return async function recognise(url: string): Promise<ImageText> {
    clearTimeout(idle); // an image arriving just before the close keeps the document
    running++;
    try {
      const [bytes] = await Promise.all([fetchImage(url, fetcher), ensureDocument()]);
      const request: OcrRequest = { target: 'rnl-offscreen', type: 'recognise-image', image: toBase64(bytes) };
      const answer = (await chrome.runtime.sendMessage(request)) as { ok: true; value: ImageText } | { ok: false; error: string } | undefined;
      if (!answer) throw new Error('The recogniser did not answer.');
      if (!answer.ok) throw new Error(answer.error);
      return answer.value;
    } finally {
      running--;
      closeWhenIdle();
    }
  };
}
