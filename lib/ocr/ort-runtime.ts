// The OcrRuntime of an extension page: onnxruntime-web on WebGPU where the browser gives an adapter,
// else on WebAssembly (SIMD; threads where the page is cross-origin isolated, see wxt.config.ts), and an
// OffscreenCanvas to scale and crop with. The models and the runtime are files of the extension (copied
// from node_modules at build time, see lib/ocr/build-files.ts), fetched the first time an image is recognised.
import * as ort from 'onnxruntime-web/jspi';
import { openOnBestBackend, threadCount, type Backend, type BackendName } from './backend';
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

/** `webgpuFailed`: WebGPU failed while running before, so WebAssembly only (the reason kept). */
export async function loadModels(assetUrl: (file: string) => string, webgpuFailed?: string): Promise<LoadedModels> {
  ort.env.wasm.wasmPaths = { mjs: assetUrl(ORT_RUNTIME.mjs), wasm: assetUrl(ORT_RUNTIME.wasm) };
  const threads = threadCount(globalThis.crossOriginIsolated, navigator.hardwareConcurrency);
  ort.env.wasm.numThreads = threads;
  // One model after the other: onnxruntime's WebGPU backend opens one session at a time.
  const open = async (name: BackendName) => {
    const options: ort.InferenceSession.SessionOptions = { executionProviders: [name], graphOptimizationLevel: 'all' };
    const det = await ort.InferenceSession.create(assetUrl(OCR_ASSETS.det), options);
    try {
      return { det, rec: await ort.InferenceSession.create(assetUrl(OCR_ASSETS.rec), options) };
    } catch (error) {
      void det.release().catch(() => {}); // its memory (on the GPU too) given back before WebAssembly is tried
      throw error;
    }
  };
  const [chosen, dictionary] = await Promise.all([openOnBestBackend(webgpuFailed === undefined && (await hasGpuAdapter()), open), fetch(assetUrl(OCR_ASSETS.dictionary)).then((r) => r.text())]);
  const failed = chosen.webgpuFailed ?? webgpuFailed;
  if (failed) console.warn(`WebGPU failed (${failed}); recognising on WebAssembly.`);
  const backend: Backend = { name: chosen.name, threads, ...(failed ? { webgpuFailed: failed } : {}) };
  return { ...chosen.opened, dictionary: parseDictionary(dictionary), backend };
}

/** Their memory (on the GPU too) given back. */
export const releaseModels = (models: LoadedModels) => Promise.all([models.det.release(), models.rec.release()]);

/** Whether the browser gives a WebGPU adapter (none: no navigator.gpu, or no GPU it can use). */
async function hasGpuAdapter(): Promise<boolean> {
  const gpu = (navigator as { gpu?: { requestAdapter(): Promise<unknown> } }).gpu;
  return Boolean(await gpu?.requestAdapter().catch(() => null));
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
