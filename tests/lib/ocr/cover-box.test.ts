// Where a line's English is drawn: its detected box padded by a share of its shorter side (the letters'
// outlines and shadows covered too), kept inside the picture; and that box in percent of the picture.
import { expect, test } from 'vitest';
import { coverBox, percentBox } from '../../../lib/ocr/cover-box';

test('a box padded on every side by 12 % of its shorter side', () => {
  expect(coverBox({ x: 100, y: 200, width: 300, height: 50 }, 1_000, 1_000)).toEqual({ x: 94, y: 194, width: 312, height: 62 });
  // A column: its width is the shorter side.
  expect(coverBox({ x: 500, y: 100, width: 50, height: 400 }, 1_000, 1_000)).toEqual({ x: 494, y: 94, width: 62, height: 412 });
});

test('kept inside the picture at each edge', () => {
  // Top left: starts at 0, ends where the padding ends.
  expect(coverBox({ x: 2, y: 1, width: 100, height: 50 }, 1_000, 1_000)).toEqual({ x: 0, y: 0, width: 108, height: 57 });
  // Bottom right: ends at the picture's edge.
  const box = coverBox({ x: 950, y: 980, width: 50, height: 20 }, 1_000, 1_000);
  expect(box.x).toBeCloseTo(947.6);
  expect(box.y).toBeCloseTo(977.6);
  expect(box.x + box.width).toBe(1_000);
  expect(box.y + box.height).toBe(1_000);
});

test('percentBox: the box in percent of the picture', () => {
  expect(percentBox({ x: 108, y: 144, width: 540, height: 72 }, 1_080, 1_440)).toEqual({ left: 10, top: 10, width: 50, height: 5 });
  expect(percentBox({ x: 0, y: 0, width: 1_080, height: 1_440 }, 1_080, 1_440)).toEqual({ left: 0, top: 0, width: 100, height: 100 });
});
