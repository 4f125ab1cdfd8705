// onnxruntime's backend in the built extension: the offscreen document (opened here as a tab, the worker's
// request sent from another page of ours, as the bench does) is cross-origin isolated, so recognition
// runs on WebAssembly threads; the text read is the text drawn.
import { afterAll, beforeAll, expect, test } from 'vitest';
import { describeBackend, threadCount } from '../../lib/ocr/backend';
import { launchWithExtension, type LaunchedBrowser } from '../support/browser';
import { charAccuracy } from '../support/char-accuracy';
import { drawScenes, groundTruth, SCENES } from '../support/ocr-images';

const SCENE = SCENES.find((s) => s.name === 'price-list')!;

interface Answer {
  ok: boolean;
  value?: { lines: Array<{ text: string }> };
  error?: string;
}

async function recogniseIn(browser: LaunchedBrowser) {
  const image = (await drawScenes(await browser.context.newPage(), [SCENE])).get(SCENE.name)!.split(',')[1]!;
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

let browser: LaunchedBrowser;
beforeAll(async () => {
  browser = await launchWithExtension({});
});
afterAll(() => browser?.close());

test('without a WebGPU adapter: WebAssembly on one thread per core (the document is cross-origin isolated), the text drawn read whole', async () => {
  const { answer, isolated, cores, backend } = await recogniseIn(browser);
  expect(answer.error).toBeUndefined();
  expect(isolated).toBe(true);
  expect(backend).toBe(describeBackend({ name: 'wasm', threads: threadCount(true, cores) }));
  expect(charAccuracy(groundTruth(SCENE), answer.value!.lines.map((l) => l.text)).accuracy).toBeGreaterThanOrEqual(0.95);
});
