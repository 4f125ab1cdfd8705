// The pure parts of text in images: DB boxes from a probability map, CTC decoding, reading order,
// cutting a vertical column into characters, the detection input's size, and the bench's accuracy.
import { describe, expect, test } from 'vitest';
import { boxesFromProbabilityMap, DEFAULT_BOX_OPTIONS } from '../../../lib/ocr/boxes';
import { characterCells } from '../../../lib/ocr/column';
import { MAX_BOXES, MAX_IMAGE_PIXELS, recogniseImage, type OcrRuntime } from '../../../lib/ocr/index';
import { ctcGreedyDecode, parseDictionary } from '../../../lib/ocr/ctc';
import { inReadingOrder } from '../../../lib/ocr/reading-order';
import { detectionSize } from '../../../lib/ocr/tensor';
import { charAccuracy } from '../../support/char-accuracy';

function mapWith(width: number, height: number, rects: Array<[number, number, number, number, number]>): Float32Array {
  const map = new Float32Array(width * height);
  for (const [x, y, w, h, p] of rects) for (let j = y; j < y + h; j++) for (let i = x; i < x + w; i++) map[j * width + i] = p;
  return map;
}

describe('boxes from the detection map', () => {
  test('each region above the threshold is a box, grown by the unclip distance', () => {
    const boxes = boxesFromProbabilityMap(mapWith(100, 60, [[10, 10, 40, 10, 0.9], [10, 40, 20, 8, 0.8]]), 100, 60);
    expect(boxes).toHaveLength(2);
    // 40×10 region: grow = 40·10·1.5 / (2·50) = 6
    expect(boxes[0]).toMatchObject({ x: 4, y: 4, width: 52, height: 22 });
    expect(boxes[0]!.score).toBeCloseTo(0.9);
  });

  test('faint regions (mean under the box threshold) and specks are dropped', () => {
    const map = mapWith(100, 60, [[10, 10, 40, 10, 0.45], [70, 40, 2, 2, 0.99]]);
    expect(boxesFromProbabilityMap(map, 100, 60)).toEqual([]);
    expect(boxesFromProbabilityMap(map, 100, 60, { ...DEFAULT_BOX_OPTIONS, boxThreshold: 0.4 })).toHaveLength(1);
  });

  test('boxes stay inside the map', () => {
    const [box] = boxesFromProbabilityMap(mapWith(50, 20, [[0, 0, 50, 6, 0.9]]), 50, 20);
    expect(box).toMatchObject({ x: 0, y: 0, width: 50 });
    expect(box!.y + box!.height).toBeLessThanOrEqual(20);
  });
});

describe('CTC greedy decoding', () => {
  const dictionary = ['上', '海', '咖'];
  /** One row per step: the class that wins it. */
  const steps = (winners: number[], classes = 5) => {
    const probs = new Float32Array(winners.length * classes).fill(0.01);
    winners.forEach((c, t) => (probs[t * classes + c] = 0.9));
    return ctcGreedyDecode(probs, winners.length, classes, dictionary);
  };

  test('repeats fold, blanks separate, class i is dictionary[i − 1], the last class a space', () => {
    expect(steps([1, 1, 0, 1, 2, 2, 0, 4, 3]).text).toBe('上上海 咖');
    expect(steps([1, 1, 0, 1, 2, 2, 0, 4, 3]).confidence).toBeCloseTo(0.9);
  });

  test('all blank reads nothing', () => {
    expect(steps([0, 0, 0])).toEqual({ text: '', confidence: 0 });
  });

  test('the dictionary file: one character a line, the final newline not a character', () => {
    expect(parseDictionary('上\r\n海\n \n')).toEqual(['上', '海', ' ']);
  });
});

describe('reading order', () => {
  const line = (x: number, y: number, width = 100, height = 30) => ({ x, y, width, height });
  test('rows top to bottom, a row left to right (a price beside its item)', () => {
    const item = line(100, 400);
    const price = line(700, 404);
    const title = line(300, 200);
    expect(inReadingOrder([price, item, title])).toEqual([title, item, price]);
  });

  test('vertical columns side by side: right to left', () => {
    const right = line(700, 200, 90, 700);
    const left = line(520, 205, 90, 700);
    expect(inReadingOrder([left, right])).toEqual([right, left]);
  });
});

describe('a vertical column cut into characters', () => {
  const profile = (rows: string) => Float32Array.from([...rows], (c) => (c === '#' ? 1 : 0));
  test('runs of ink rows, joined while the cell is no taller than the column is wide', () => {
    // three characters 5 rows tall in a column 5 wide; the second (like 三) has gaps of its own
    expect(characterCells(profile('..#####..#.#.#..#####..'), 5)).toEqual([[2, 7], [9, 14], [16, 21]]);
  });
});

test('the detection input: longer side at most 960, both sides multiples of 32', () => {
  expect(detectionSize(1080, 1440)).toEqual({ width: 736, height: 960 });
  expect(detectionSize(300, 200)).toEqual({ width: 288, height: 192 });
});

describe('character accuracy (the bench)', () => {
  test('edit distance over the truth, whitespace dropped, full-width folded', () => {
    expect(charAccuracy(['上海咖啡'], ['上海 咖啡']).accuracy).toBe(1);
    expect(charAccuracy(['28元：'], ['28元:']).accuracy).toBe(1);
    expect(charAccuracy(['上海咖啡'], ['上海啡']).accuracy).toBe(0.75);
    // lines out of order cost
    expect(charAccuracy(['上海', '咖啡'], ['咖啡', '上海']).accuracy).toBeLessThan(1);
  });
  test('no truth: perfect only when nothing was read', () => {
    expect(charAccuracy([], []).accuracy).toBe(1);
    expect(charAccuracy([], ['木']).accuracy).toBe(0);
  });
});

describe('an image cannot make recognition run without end', () => {
  // A map with a 4×4 region every 6 pixels: 40 × 40 = 1,600 boxes, far more than a note image has.
  const size = 240;
  const map = mapWith(size, size, Array.from({ length: 1_600 }, (_, i): [number, number, number, number, number] => [(i % 40) * 6, Math.floor(i / 40) * 6, 4, 4, 0.9]));
  const runtime = (): OcrRuntime & { recognitions: number } => {
    const rt = {
      recognitions: 0,
      dictionary: ['字'],
      pixels: (_region: unknown, dw: number, dh: number) => new Uint8ClampedArray(dw * dh * 4),
      columnAsLine: (_region: unknown, dh: number) => ({ rgba: new Uint8ClampedArray(dh * dh * 4), width: dh }),
      run: async (model: 'det' | 'rec') => {
        if (model === 'det') return { data: map, dims: [1, 1, size, size] as const };
        rt.recognitions++;
        return { data: new Float32Array([0, 1]), dims: [1, 1, 2] as const };
      },
    };
    return rt;
  };

  test('boxes read per image are capped', async () => {
    const rt = runtime();
    await recogniseImage(rt, size, size);
    expect(rt.recognitions).toBe(MAX_BOXES);
  });

  test('an image of more pixels than a note image is refused before any model runs', async () => {
    const rt = runtime();
    const side = Math.ceil(Math.sqrt(MAX_IMAGE_PIXELS)) + 1;
    await expect(recogniseImage(rt, side, side)).rejects.toThrow(/image decode/);
    expect(rt.recognitions).toBe(0);
  });
});
