// Where a recognised line's English is drawn: its detected box, a little larger so the outlines and
// shadows drawn round the letters are covered too, inside the picture. One place for the worker, which
// draws it, and the page, which says where it is (tests, the reader's assistive technology).
export interface PixelBox {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** The share of the line's shorter side added round it. */
const PAD = 0.12;

export function coverBox(box: PixelBox, imageWidth: number, imageHeight: number): PixelBox {
  const pad = PAD * Math.min(box.width, box.height);
  const x = Math.max(0, box.x - pad);
  const y = Math.max(0, box.y - pad);
  return { x, y, width: Math.min(imageWidth, box.x + box.width + pad) - x, height: Math.min(imageHeight, box.y + box.height + pad) - y };
}

/** The same box in percent of the picture (the page's picture is drawn at any size). */
export function percentBox(box: PixelBox, imageWidth: number, imageHeight: number) {
  return { left: (100 * box.x) / imageWidth, top: (100 * box.y) / imageHeight, width: (100 * box.width) / imageWidth, height: (100 * box.height) / imageHeight };
}
