// onnxruntime's backend in the built extension: the offscreen document (opened here as a tab, the worker's
// request sent from another page of ours, as the bench does) is cross-origin isolated, so recognition
// runs on WebAssembly threads without a WebGPU adapter, and on WebGPU with one (SwiftShader's, software);
// either way the text read is the text drawn.
import { afterEach, expect, test } from 'vitest';
import { describeBackend, threadCount } from '../../lib/ocr/backend';
import { launchWithExtension, WEBGPU_SWITCHES, type LaunchedBrowser } from '../support/browser';
import { charAccuracy } from '../support/char-accuracy';
import { drawScenes, groundTruth, SCENES, type Scene } from '../support/ocr-images';

const PRICE_LIST = SCENES.find((s) => s.name === 'price-list')!;
const COVER = SCENES.find((s) => s.name === 'cover-serif')!;

interface Answer {
  ok: boolean;
  value?: { lines: Array<{ text: string }> };
  error?: string;
}

/** The scene drawn, scaled (SwiftShader's WebGPU runs on the CPU: a smaller image keeps the test short), and recognised. */
async function recogniseIn(browser: LaunchedBrowser, scene: Scene, scale = 1) {
  const drawn = await browser.context.newPage();
  const image = await drawn.evaluate(
    async ({ url, scale }) => {
      const bitmap = await createImageBitmap(await (await fetch(url)).blob());
      const canvas = new OffscreenCanvas(Math.round(bitmap.width * scale), Math.round(bitmap.height * scale));
      canvas.getContext('2d')!.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
      const bytes = new Uint8Array(await (await canvas.convertToBlob({ type: 'image/jpeg', quality: 0.92 })).arrayBuffer());
      return btoa(Array.from(bytes, (b) => String.fromCharCode(b)).join(''));
    },
    { url: (await drawScenes(drawn, [scene])).get(scene.name)!, scale },
  );
  const recogniser = await browser.context.newPage();
  await recogniser.goto(`chrome-extension://${browser.extensionId}/offscreen.html`);
  const sender = await browser.context.newPage();
  await sender.goto(`chrome-extension://${browser.extensionId}/popup.html`);
  const answer = await sender.evaluate(
    (image) => (globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<unknown> } } }).chrome.runtime.sendMessage({ target: 'rnl-offscreen', type: 'ocr-image', image }) as Promise<Answer>,
    image,
  );
  const page = await recogniser.evaluate(() => ({ isolated: crossOriginIsolated, cores: navigator.hardwareConcurrency, backend: document.documentElement.dataset.ocrBackend }));
  return { answer, ...page };
}

let browser: LaunchedBrowser | undefined;
afterEach(() => browser?.close());

test('without a WebGPU adapter: WebAssembly on one thread per core (the document is cross-origin isolated), the text drawn read whole', async () => {
  browser = await launchWithExtension({});
  const { answer, isolated, cores, backend } = await recogniseIn(browser, PRICE_LIST);
  expect(answer.error).toBeUndefined();
  expect(isolated).toBe(true);
  expect(backend).toBe(describeBackend({ name: 'wasm', threads: threadCount(true, cores) }));
  expect(charAccuracy(groundTruth(PRICE_LIST), answer.value!.lines.map((l) => l.text)).accuracy).toBeGreaterThanOrEqual(0.95);
});

// SwiftShader compiles and runs every WebGPU kernel on the CPU: about two minutes for one small image, too
// long for `npm test` on two cores. `npm run test:webgpu` runs it; the choice and its fallback are unit-tested
// (tests/lib/ocr/backend.test.ts).
test.runIf(process.env.RNL_E2E_WEBGPU === '1')('with a WebGPU adapter: WebGPU, the same text read', async () => {
  browser = await launchWithExtension({ args: WEBGPU_SWITCHES });
  const { answer, cores, backend } = await recogniseIn(browser, COVER, 0.5);
  expect(answer.error).toBeUndefined();
  expect(backend).toBe(describeBackend({ name: 'webgpu', threads: threadCount(true, cores) }));
  expect(answer.value!.lines.map((l) => l.text)).toEqual(groundTruth(COVER));
}, 300_000);
