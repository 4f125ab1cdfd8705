// Where the build puts the model files and onnxruntime's WebAssembly runtime (under the extension's root) and their names.
export const OCR_ASSET_DIR = 'ocr';
export const OCR_ASSETS = {
  det: 'ch_PP-OCRv4_det_infer.onnx',
  rec: 'ch_PP-OCRv4_rec_infer.onnx',
  dictionary: 'ppocr_keys_v1.txt',
} as const;
/**
 * onnxruntime-web's WebAssembly runtime, copied as files (not bundled): its threads are workers started
 * from the .mjs's own URL, which a bundle inlining it would not have. Its JSPI build (16.8 MB) runs both
 * the WebGPU backend and the WebAssembly one, no slower warm on the CPU than the WebAssembly-only build (14.2 MB);
 * the other WebGPU builds are 26.8 MB (asyncify) and 28.3 MB (JSEP). JSPI needs Chrome 137 (checked before
 * the runtime loads: requireJspi, lib/ocr/backend.ts).
 */
export const ORT_RUNTIME = {
  mjs: 'ort-wasm-simd-threaded.jspi.mjs',
  wasm: 'ort-wasm-simd-threaded.jspi.wasm',
} as const;
