// Where text in images is recognised in Chrome: an offscreen document of ours (onnxruntime-web needs a
// document's APIs and takes seconds per image, so it runs there, off the worker's thread), made on
// first use. Firefox has no offscreen documents: there the feature says it is not available.
import type { ImageText } from '../messaging/ocr';
import type { OcrRequest } from '../messaging/ocr';

interface OffscreenApi {
  createDocument(options: { url: string; reasons: string[]; justification: string }): Promise<void>;
}
interface ChromeLike {
  offscreen?: OffscreenApi;
  runtime: { getContexts?(filter: { contextTypes: string[] }): Promise<unknown[]>; sendMessage(message: unknown): Promise<unknown> };
}

export const OFFSCREEN_PATH = 'offscreen.html';
export const NO_OFFSCREEN = 'Text in images needs Chrome: this browser has no offscreen documents.';

export function createOffscreenRecogniser(chrome: ChromeLike) {
  let creating: Promise<void> | undefined;
  const ensureDocument = async () => {
    const offscreen = chrome.offscreen;
    if (!offscreen) throw new Error(NO_OFFSCREEN);
    const open = (await chrome.runtime.getContexts?.({ contextTypes: ['OFFSCREEN_DOCUMENT'] })) ?? [];
    if (open.length) return;
    creating ??= offscreen
      .createDocument({ url: OFFSCREEN_PATH, reasons: ['BLOBS'], justification: 'Recognise the text in note images the reader asked to translate (image blobs decoded and read on a canvas).' })
      .finally(() => (creating = undefined));
    await creating;
  };
  return async function recognise(url: string): Promise<ImageText> {
    await ensureDocument();
    const request: OcrRequest = { target: 'rnl-offscreen', type: 'recognise-image', url };
    const answer = (await chrome.runtime.sendMessage(request)) as { ok: true; value: ImageText } | { ok: false; error: string } | undefined;
    if (!answer) throw new Error('The recogniser did not answer.');
    if (!answer.ok) throw new Error(answer.error);
    return answer.value;
  };
}
