// On-device recognition of Chinese text in an image: PaddleOCR's PP-OCRv4 detection and recognition
// models, with their pre- and post-processing written here (see ARCHITECTURE.md, "Text in images").
// The model runner is injected, so this module has no runtime of its own and is tested in Node.
import { boxesFromProbabilityMap, isVertical, scaleBox, type Box } from './boxes';
import { ctcGreedyDecode } from './ctc';
import { ImageError } from './errors';
import { inReadingOrder } from './reading-order';
import { detectionSize, detectionTensor, recognitionTensor } from './tensor';

export interface RecognisedLine {
  text: string;
  /** In the image's own pixels. */
  box: { x: number; y: number; width: number; height: number };
  vertical: boolean;
  confidence: number;
}

/** The text recognised in one image: its size, and its lines in reading order. */
export interface ImageText {
  width: number;
  height: number;
  lines: RecognisedLine[];
}

/** What recognition needs from where it runs: the models, and a canvas to scale and crop with. */
export interface OcrRuntime {
  /** Runs a model on a [1, 3, h, w] input; gives its first output and that output's shape. */
  run(model: 'det' | 'rec', input: Float32Array, shape: readonly number[]): Promise<{ data: Float32Array; dims: readonly number[] }>;
  /** The RGBA pixels of the region (sx, sy, sw, sh) of the image, drawn at dw × dh. */
  pixels(region: { sx: number; sy: number; sw: number; sh: number }, dw: number, dh: number): Uint8ClampedArray;
  /** The image stacked from square cells of a vertical column laid side by side, at `dh` high. */
  columnAsLine(region: { sx: number; sy: number; sw: number; sh: number }, dh: number): { rgba: Uint8ClampedArray; width: number };
  dictionary: readonly string[];
}

const REC_HEIGHT = 48;
/** Decoded images larger than this are not read (a note image is about 1.5 megapixels; a long one 15). */
export const MAX_IMAGE_PIXELS = 40_000_000;
/** Text boxes read in one image at most, the largest first: each costs a model run (a page of text has a few dozen). */
export const MAX_BOXES = 150;
/** Lines recognised with less confidence than this are not shown: a texture read as text. */
const MIN_CONFIDENCE = 0.6;

export async function recogniseImage(runtime: OcrRuntime, width: number, height: number): Promise<RecognisedLine[]> {
  if (width * height > MAX_IMAGE_PIXELS) throw new ImageError('decode', `image decode: ${width} × ${height} pixels, more than a note image`);
  const size = detectionSize(width, height);
  const detInput = detectionTensor(runtime.pixels({ sx: 0, sy: 0, sw: width, sh: height }, size.width, size.height), size.width, size.height);
  const det = await runtime.run('det', detInput, [1, 3, size.height, size.width]);
  const mapH = det.dims.at(-2)!;
  const mapW = det.dims.at(-1)!;
  const boxes = boxesFromProbabilityMap(det.data, mapW, mapH)
    .sort((a, b) => b.width * b.height - a.width * a.height)
    .slice(0, MAX_BOXES)
    .map((b) => scaleBox(b, width / mapW, height / mapH));

  const lines: RecognisedLine[] = [];
  for (const box of boxes) {
    const line = await recogniseBox(runtime, box);
    if (line.text && line.confidence >= MIN_CONFIDENCE) lines.push(line);
  }
  return inReadingOrder(lines.map((l) => ({ ...l, ...l.box }))).map(({ text, box, vertical, confidence }) => ({ text, box, vertical, confidence }));
}

async function recogniseBox(runtime: OcrRuntime, box: Box): Promise<RecognisedLine> {
  const region = { sx: box.x, sy: box.y, sw: box.width, sh: box.height };
  const vertical = isVertical(box);
  let rgba: Uint8ClampedArray;
  let w: number;
  if (vertical) {
    ({ rgba, width: w } = runtime.columnAsLine(region, REC_HEIGHT));
  } else {
    w = Math.max(REC_HEIGHT / 4, Math.round((REC_HEIGHT * box.width) / box.height));
    rgba = runtime.pixels(region, w, REC_HEIGHT);
  }
  const rec = await runtime.run('rec', recognitionTensor(rgba, w, REC_HEIGHT), [1, 3, REC_HEIGHT, w]);
  const [, steps, classes] = rec.dims as [number, number, number];
  const decoded = ctcGreedyDecode(rec.data, steps, classes, runtime.dictionary);
  return {
    text: decoded.text,
    box: { x: Math.round(box.x), y: Math.round(box.y), width: Math.round(box.width), height: Math.round(box.height) },
    vertical,
    confidence: decoded.confidence,
  };
}
