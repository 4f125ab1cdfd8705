// Where the build puts the model files (under the extension's root) and their names.
export const OCR_ASSET_DIR = 'ocr';
export const OCR_ASSETS = {
  det: 'ch_PP-OCRv4_det_infer.onnx',
  rec: 'ch_PP-OCRv4_rec_infer.onnx',
  dictionary: 'ppocr_keys_v1.txt',
} as const;
