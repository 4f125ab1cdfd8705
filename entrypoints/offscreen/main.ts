// The offscreen document (Chrome): recognises the text in an image the worker fetched. It runs
// onnxruntime-web here, off the page's main thread and off the worker's (a recognition takes seconds).
import { fromBase64, isOcrRequest, type OcrAnswer } from '../../lib/messaging/ocr';
import { failureKindOf } from '../../lib/ocr/errors';
import { recogniseFile } from '../../lib/ocr/recogniser';
import { OCR_ASSET_DIR } from '../../lib/ocr/ort-assets';

const assetUrl = (file: string) => browser.runtime.getURL(`/${OCR_ASSET_DIR}/${file}` as '/');

browser.runtime.onMessage.addListener((message: unknown, sender) => {
  // Only the worker (or another page of ours), never a content script (whose sender is the page's URL).
  if (sender.id !== browser.runtime.id || !sender.url?.startsWith(browser.runtime.getURL('/')) || !isOcrRequest(message)) return undefined;
  return recogniseFile(new Blob([fromBase64(message.image) as Uint8Array<ArrayBuffer>]), assetUrl).then(
    (value): OcrAnswer => ({ ok: true, value }),
    (error: unknown): OcrAnswer => ({ ok: false, kind: failureKindOf(error), error: String(error instanceof Error ? error.message : error) }),
  );
});
