// The detection model's probability map into text boxes, after PaddleOCR's DB post-processing:
// threshold the map, take each connected region, score it by its mean probability, and grow
// ("unclip") its box by area × ratio / perimeter, as the model was trained to shrink text regions.
// Boxes are axis-aligned: note images carry straight text; a rotated line gets its bounding box.

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
  /** Mean probability over the region. */
  score: number;
}

export interface BoxOptions {
  /** A pixel is text when its probability exceeds this. */
  threshold: number;
  /** A region is kept when its mean probability exceeds this. */
  boxThreshold: number;
  unclipRatio: number;
  /** Regions with a shorter side than this (map pixels) are noise. */
  minSide: number;
}

export const DEFAULT_BOX_OPTIONS: BoxOptions = { threshold: 0.3, boxThreshold: 0.6, unclipRatio: 1.5, minSide: 3 };

/** Boxes in the map's own pixels. `map` is width×height probabilities, row by row. */
export function boxesFromProbabilityMap(map: Float32Array, width: number, height: number, options: BoxOptions = DEFAULT_BOX_OPTIONS): Box[] {
  const seen = new Uint8Array(width * height);
  const stack = new Int32Array(width * height);
  const boxes: Box[] = [];
  for (let start = 0; start < map.length; start++) {
    if (seen[start] || map[start]! <= options.threshold) continue;
    // Flood fill one region (4-connected), keeping its bounds and its probability sum.
    let top = 0;
    stack[top++] = start;
    seen[start] = 1;
    let minX = width, minY = height, maxX = -1, maxY = -1, sum = 0, count = 0;
    while (top > 0) {
      const i = stack[--top]!;
      const x = i % width;
      const y = (i - x) / width;
      sum += map[i]!;
      count++;
      if (x < minX) minX = x;
      if (x > maxX) maxX = x;
      if (y < minY) minY = y;
      if (y > maxY) maxY = y;
      const push = (j: number) => {
        if (!seen[j] && map[j]! > options.threshold) {
          seen[j] = 1;
          stack[top++] = j;
        }
      };
      if (x > 0) push(i - 1);
      if (x < width - 1) push(i + 1);
      if (y > 0) push(i - width);
      if (y < height - 1) push(i + width);
    }
    const w = maxX - minX + 1;
    const h = maxY - minY + 1;
    if (Math.min(w, h) < options.minSide) continue;
    const score = sum / count;
    if (score < options.boxThreshold) continue;
    const grow = (w * h * options.unclipRatio) / (2 * (w + h));
    const x0 = Math.max(0, minX - grow);
    const y0 = Math.max(0, minY - grow);
    const x1 = Math.min(width, maxX + 1 + grow);
    const y1 = Math.min(height, maxY + 1 + grow);
    boxes.push({ x: x0, y: y0, width: x1 - x0, height: y1 - y0, score });
  }
  return boxes;
}

/** A box from map pixels into the image's pixels. */
export function scaleBox(box: Box, sx: number, sy: number): Box {
  return { x: box.x * sx, y: box.y * sy, width: box.width * sx, height: box.height * sy, score: box.score };
}

/** A column of stacked characters rather than a line (its characters are read top to bottom). */
export const isVertical = (box: Pick<Box, 'width' | 'height'>) => box.height >= 1.5 * box.width;
