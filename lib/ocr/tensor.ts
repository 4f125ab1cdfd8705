// Pixels into the models' input tensors (planar float32, channels first), as PaddleOCR prepares them.

/** Detection: ImageNet mean and deviation per channel, in the order PaddleOCR feeds them (B, G, R). */
const DET_MEAN = [0.485, 0.456, 0.406] as const;
const DET_STD = [0.229, 0.224, 0.225] as const;

/** RGBA pixels of a width×height image → [3, h, w] normalised for the detection model. */
export function detectionTensor(rgba: Uint8ClampedArray, width: number, height: number): Float32Array {
  const plane = width * height;
  const out = new Float32Array(3 * plane);
  for (let i = 0; i < plane; i++) {
    // channel 0 = B, 1 = G, 2 = R (PaddleOCR reads images with OpenCV, in BGR order)
    for (let c = 0; c < 3; c++) out[c * plane + i] = (rgba[i * 4 + (2 - c)]! / 255 - DET_MEAN[c]!) / DET_STD[c]!;
  }
  return out;
}

/** RGBA pixels of a line crop (height 48) → [3, h, w] in [-1, 1] for the recognition model. */
export function recognitionTensor(rgba: Uint8ClampedArray, width: number, height: number): Float32Array {
  const plane = width * height;
  const out = new Float32Array(3 * plane);
  for (let i = 0; i < plane; i++) {
    for (let c = 0; c < 3; c++) out[c * plane + i] = rgba[i * 4 + (2 - c)]! / 127.5 - 1;
  }
  return out;
}

/** The detection input's size: the image scaled so its longer side is at most `limit`, both sides multiples of 32. */
export function detectionSize(width: number, height: number, limit = 960): { width: number; height: number } {
  const scale = Math.min(1, limit / Math.max(width, height));
  const round32 = (n: number) => Math.max(32, Math.round((n * scale) / 32) * 32);
  return { width: round32(width), height: round32(height) };
}
