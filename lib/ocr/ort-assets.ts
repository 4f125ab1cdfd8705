// Where the build puts the model files and onnxruntime's WebAssembly runtime (under the extension's root) and their names.
export const OCR_ASSET_DIR = 'ocr';
export const OCR_ASSETS = {
  det: 'ch_PP-OCRv4_det_infer.onnx',
  rec: 'ch_PP-OCRv4_rec_infer.onnx',
  dictionary: 'ppocr_keys_v1.txt',
} as const;
/**
 * onnxruntime-web's WebAssembly runtime, copied as files (not bundled): its threads are workers started
 * from the .mjs's own URL, which a bundle inlining it would not have.
 */
export const ORT_RUNTIME = {
  mjs: 'ort-wasm-simd-threaded.mjs',
  wasm: 'ort-wasm-simd-threaded.wasm',
} as const;
