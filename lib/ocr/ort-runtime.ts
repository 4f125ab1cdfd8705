// The OcrRuntime of an extension page: onnxruntime-web on WebAssembly (SIMD; threads where the page is
// cross-origin isolated, see wxt.config.ts) and an OffscreenCanvas to scale and crop with.
// The models and the runtime are files of the extension (copied from node_modules at build time, see
// lib/ocr/build-files.ts), fetched the first time an image is recognised.
import * as ort from 'onnxruntime-web/wasm';
import { threadCount, type Backend } from './backend';
import { characterCells, inkExtent, inkProfile } from './column';
import { parseDictionary } from './ctc';
import type { OcrRuntime } from './index';
import { OCR_ASSETS, ORT_RUNTIME } from './ort-assets';

export interface LoadedModels {
  det: ort.InferenceSession;
  rec: ort.InferenceSession;
  dictionary: string[];
  backend: Backend;
}

export async function loadModels(assetUrl: (file: string) => string): Promise<LoadedModels> {
  ort.env.wasm.wasmPaths = { mjs: assetUrl(ORT_RUNTIME.mjs), wasm: assetUrl(ORT_RUNTIME.wasm) };
  const threads = threadCount(globalThis.crossOriginIsolated, navigator.hardwareConcurrency);
  ort.env.wasm.numThreads = threads;
  const options: ort.InferenceSession.SessionOptions = { executionProviders: ['wasm'], graphOptimizationLevel: 'all' };
  const [det, rec, dictionary] = await Promise.all([
    ort.InferenceSession.create(assetUrl(OCR_ASSETS.det), options),
    ort.InferenceSession.create(assetUrl(OCR_ASSETS.rec), options),
    fetch(assetUrl(OCR_ASSETS.dictionary)).then((r) => r.text()),
  ]);
  return { det, rec, dictionary: parseDictionary(dictionary), backend: { name: 'wasm', threads } };
}

/** A runtime over one decoded image. */
export function ortRuntime(models: LoadedModels, image: ImageBitmap): OcrRuntime {
  const draw = (w: number, h: number, paint: (ctx: OffscreenCanvasRenderingContext2D) => void) => {
    const canvas = new OffscreenCanvas(w, h);
    const ctx = canvas.getContext('2d', { willReadFrequently: true })!;
    ctx.imageSmoothingQuality = 'high';
    paint(ctx);
    return ctx.getImageData(0, 0, w, h).data;
  };
  return {
    dictionary: models.dictionary,
    async run(model, input, shape) {
      const session = models[model];
      const feeds = { [session.inputNames[0]!]: new ort.Tensor('float32', input, shape) };
      const out = (await session.run(feeds))[session.outputNames[0]!]!;
      return { data: out.data as Float32Array, dims: out.dims };
    },
    pixels({ sx, sy, sw, sh }, dw, dh) {
      return draw(dw, dh, (ctx) => ctx.drawImage(image, sx, sy, sw, sh, 0, 0, dw, dh));
    },
    columnAsLine({ sx, sy, sw, sh }, dh) {
      // Each character's cell, top to bottom, drawn in a square laid left to right at height dh.
      const w = Math.max(1, Math.round(sw));
      const h = Math.max(1, Math.round(sh));
      const crop = draw(w, h, (ctx) => ctx.drawImage(image, sx, sy, sw, sh, 0, 0, w, h));
      const [left, right] = inkExtent(inkProfile(crop, w, h, true));
      const side = right - left;
      const found = characterCells(inkProfile(crop, w, h), side);
      const cells: Array<[number, number]> = found.length ? found : [[0, h]];
      const pad = side * 0.1;
      const rgba = draw(cells.length * dh, dh, (ctx) => {
        cells.forEach(([top, bottom], i) => {
          const square = Math.max(side, bottom - top) + 2 * pad;
          const cx = sx + (left + right) / 2;
          const cy = sy + (top + bottom) / 2;
          ctx.drawImage(image, cx - square / 2, cy - square / 2, square, square, i * dh, 0, dh, dh);
        });
      });
      return { rgba, width: cells.length * dh };
    },
  };
}
