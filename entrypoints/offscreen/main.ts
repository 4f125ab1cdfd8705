// The offscreen document (Chrome): recognises the text in an image the worker fetched. It runs
// onnxruntime-web here, off the page's main thread and off the worker's (a recognition takes seconds).
import { isOcrRequest, type OcrAnswer } from '../../lib/messaging/ocr';
import { fromBase64 } from '../../lib/ocr/base64';
import { describeBackend } from '../../lib/ocr/backend';
import { failureKindOf } from '../../lib/ocr/errors';
import { backendInUse, recogniseFile } from '../../lib/ocr/recogniser';
import { OCR_ASSET_DIR } from '../../lib/ocr/ort-assets';

const assetUrl = (file: string) => browser.runtime.getURL(`/${OCR_ASSET_DIR}/${file}` as '/');

browser.runtime.onMessage.addListener((message: unknown, sender) => {
  // Only the worker (or another page of ours), never a content script (whose sender is the page's URL).
  if (sender.id !== browser.runtime.id || !sender.url?.startsWith(browser.runtime.getURL('/')) || !isOcrRequest(message)) return undefined;
  return recogniseFile(new Blob([fromBase64(message.image) as Uint8Array<ArrayBuffer>]), assetUrl).then(
    async (value): Promise<OcrAnswer> => {
      // Which backend runs, on the document's root: for the bench and the tests (nothing else reads it).
      const backend = await backendInUse();
      if (backend) document.documentElement.dataset.ocrBackend = describeBackend(backend);
      return { ok: true, value };
    },
    (error: unknown): OcrAnswer => ({ ok: false, kind: failureKindOf(error), error: String(error instanceof Error ? error.message : error) }),
  );
});
