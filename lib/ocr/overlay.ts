// The English of an image's lines, drawn in the worker: one transparent picture the size of the image,
// each line's English on a dark box over where its Chinese is. The page shows it as one image of its own
// over the note's (lib/render/image-layer.ts): its text is shaped, fitted and painted here, not on the
// page's main thread, and it scales with the picture as the picture's own pixels do.
import { OVERLAY_URL_PREFIX, toBase64 } from './base64';
import { coverBox, type PixelBox } from './cover-box';

const OVERLAY_FONT = 'system-ui, -apple-system, "Segoe UI", sans-serif';
const WEIGHT = 600;
/** The size text is measured at; a fitted size is found from the width there. */
const MEASURE_PX = 100;
const LINE_HEIGHT = 1.15;
/** The English covers a line's box: its height is the box's less a margin. */
const HEIGHT_SHARE = 0.72;
const ONE_ROW_SHARE = 0.62;
const WIDTH_SHARE = 0.94;
/** Rows a horizontal line's English may wrap to; a vertical line's (a narrow column) may take more. */
const MAX_ROWS = 3;
/** How much larger wrapped letters must be than one row's to be worth the wrap. */
const WRAP_GAIN = 1.25;
const MAX_ROWS_VERTICAL = 12;
/** Smallest size drawn, in the image's pixels (a note image is about 1,080 wide, shown at about half). */
const MIN_PX = 9;
/** The overlay's longer side at most (a taller picture is drawn smaller and scaled up with the page's). */
export const MAX_OVERLAY_SIDE = 1_080;

export interface OverlayLine {
  box: PixelBox;
  /** The recogniser's: a column of characters read top to bottom. */
  vertical: boolean;
  english: string;
}

interface Fitted {
  px: number;
  rows: string[];
}

/** Width of `text` at MEASURE_PX in the overlay's font. */
export type Measure = (text: string) => number;

/**
 * The largest size at which `text` fits a box `width` × `height`, on one row or wrapped on a few
 * (whichever gives the larger letters: English is wider than the Chinese it replaces).
 */
export function fitText(measure: Measure, text: string, width: number, height: number, vertical: boolean): Fitted {
  const words = text.split(/\s+/).filter(Boolean);
  const innerWidth = Math.max(1, width * WIDTH_SHARE - 4);
  const space = measure(' ');
  const widths = words.map(measure);
  const total = widths.reduce((a, b) => a + b, 0) + space * Math.max(0, words.length - 1);
  let best: Fitted = { px: 0, rows: [words.join(' ')] };
  const most = Math.min(words.length, vertical ? MAX_ROWS_VERTICAL : MAX_ROWS);
  for (let n = 1; n <= Math.max(1, most); n++) {
    const rows = wrap(words, widths, space, total / n);
    const widest = Math.max(...rows.map((r) => r.width));
    // One row may fill more of its box's height than several with the space between them.
    const tall = rows.length === 1 ? height * ONE_ROW_SHARE : (height * HEIGHT_SHARE) / (rows.length * LINE_HEIGHT);
    const px = Math.min(tall, (MEASURE_PX * innerWidth) / Math.max(1, widest));
    // More rows only for clearly larger letters: lines of one picture look alike where they can.
    if (px > best.px * (best.rows.length < rows.length && best.px ? WRAP_GAIN : 1)) best = { px, rows: rows.map((r) => r.text) };
  }
  return { px: Math.max(MIN_PX, Math.floor(best.px)), rows: best.rows };
}

/** Words in rows of about `target` width each (a word wider than that has a row of its own). */
function wrap(words: string[], widths: number[], space: number, target: number) {
  const rows: Array<{ text: string; width: number }> = [];
  let row: string[] = [];
  let width = 0;
  words.forEach((word, i) => {
    const next = row.length ? width + space + widths[i]! : widths[i]!;
    // A row closes once it passes the target by more than half of this word.
    if (row.length && next - target > widths[i]! / 2) {
      rows.push({ text: row.join(' '), width });
      row = [word];
      width = widths[i]!;
    } else {
      row.push(word);
      width = next;
    }
  });
  if (row.length || !rows.length) rows.push({ text: row.join(' '), width });
  return rows;
}

/** What drawing needs of a 2D context (an OffscreenCanvas's in the worker; a recording fake in tests). */
export type OverlayContext = Pick<OffscreenCanvasRenderingContext2D, 'font' | 'fillStyle' | 'textAlign' | 'textBaseline' | 'beginPath' | 'roundRect' | 'fill' | 'fillText' | 'measureText' | 'scale'>;

/** Draws each line's box and English on `ctx`, a canvas the picture's size times `scale`. */
export function drawOverlay(ctx: OverlayContext, lines: OverlayLine[], imageWidth: number, imageHeight: number, scale: number) {
  ctx.scale(scale, scale);
  ctx.font = `${WEIGHT} ${MEASURE_PX}px ${OVERLAY_FONT}`;
  const widths = new Map<string, number>();
  const measure: Measure = (text) => {
    let w = widths.get(text);
    if (w === undefined) widths.set(text, (w = ctx.measureText(text).width));
    return w;
  };
  const fitted = lines.map((line) => {
    const box = coverBox(line.box, imageWidth, imageHeight);
    return { box, fit: fitText(measure, line.english, box.width, box.height, line.vertical) };
  });
  ctx.fillStyle = '#181818';
  for (const { box } of fitted) {
    ctx.beginPath();
    ctx.roundRect(box.x, box.y, box.width, box.height, Math.min(8, Math.min(box.width, box.height) * 0.12));
    ctx.fill();
  }
  ctx.fillStyle = '#fff';
  ctx.textAlign = 'center';
  ctx.textBaseline = 'middle';
  for (const { box, fit } of fitted) {
    ctx.font = `${WEIGHT} ${fit.px}px ${OVERLAY_FONT}`;
    const step = fit.px * LINE_HEIGHT;
    const top = box.y + box.height / 2 - (step * (fit.rows.length - 1)) / 2;
    // maxWidth: a row the size floor left too wide is narrowed, never drawn past its box.
    fit.rows.forEach((row, i) => ctx.fillText(row, box.x + box.width / 2, top + i * step, Math.max(1, box.width * WIDTH_SHARE - 4)));
  }
}

/** Makes a canvas (the worker's OffscreenCanvas). */
export type CanvasMaker = (width: number, height: number) => { getContext(kind: '2d'): OverlayContext | null; convertToBlob(options: { type: string }): Promise<Blob> };

/** The overlay as a PNG data URL, or null with nothing to draw. */
export async function renderOverlay(makeCanvas: CanvasMaker, lines: OverlayLine[], imageWidth: number, imageHeight: number): Promise<string | null> {
  if (!lines.length || !imageWidth || !imageHeight) return null;
  const scale = Math.min(1, MAX_OVERLAY_SIDE / Math.max(imageWidth, imageHeight));
  const canvas = makeCanvas(Math.max(1, Math.round(imageWidth * scale)), Math.max(1, Math.round(imageHeight * scale)));
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('No 2D canvas to draw the English of an image on.');
  drawOverlay(ctx, lines, imageWidth, imageHeight, scale);
  const png = await canvas.convertToBlob({ type: 'image/png' });
  return `${OVERLAY_URL_PREFIX}${toBase64(new Uint8Array(await png.arrayBuffer()))}`;
}

/** The worker's canvas maker. */
export const offscreenCanvas: CanvasMaker = (width, height) => new OffscreenCanvas(width, height) as unknown as ReturnType<CanvasMaker>;
