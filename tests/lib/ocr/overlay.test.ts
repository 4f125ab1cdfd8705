// The English of an image's lines drawn in the worker: each line's English fitted to its box (one row, or
// wrapped when that gives clearly larger letters; a column wraps to more rows; never below a floor; no row
// wider than its box), drawn on a dark box over the Chinese, and the picture made a PNG data URL no larger
// than MAX_OVERLAY_SIDE on its longer side.
import { describe, expect, test, vi } from 'vitest';
import { OVERLAY_URL_PREFIX } from '../../../lib/ocr/base64';
import { coverBox } from '../../../lib/ocr/cover-box';
import { drawOverlay, fitText, MAX_OVERLAY_SIDE, renderOverlay, type CanvasMaker, type OverlayContext, type OverlayLine } from '../../../lib/ocr/overlay';

/** Every character 55 px wide at 100 px (a space too): a font measured without a canvas. */
const CHAR = 55;
const measure = (text: string) => text.length * CHAR;
/** The width a box leaves its English (the code's share of it less a margin). */
const inner = (width: number) => width * 0.94 - 4;
const rowWidth = (row: string, px: number) => (measure(row) * px) / 100;

describe('fitText', () => {
  test('one row when the English fits it: as large as the box\'s height allows', () => {
    const fit = fitText(measure, 'Weekend check-in', 1_000, 60, false);
    expect(fit.rows).toEqual(['Weekend check-in']);
    expect(fit.px).toBe(37); // 62 % of the height
  });

  test('a long English in a wide short box wraps only when its letters get at least 25 % larger', () => {
    // Two rows of 20 % larger letters (31 px against 25.8 px on one row): not worth a wrap.
    const near = fitText(measure, 'aaaa bbbb', 140, 100, false);
    expect(near.rows).toEqual(['aaaa bbbb']);
    expect(near.px).toBe(25);
    // 56 % larger: wrapped.
    const far = fitText(measure, 'aaaa bbbb', 110, 100, false);
    expect(far.rows).toEqual(['aaaa', 'bbbb']);
    expect(far.px).toBe(31);
  });

  test('a column (the recogniser says vertical) wraps to more rows than a line across may', () => {
    const text = 'Weekend check-in at the old town';
    const column = fitText(measure, text, 60, 600, true);
    expect(column.rows.length).toBeGreaterThan(3);
    expect(column.rows.join(' ')).toBe(text);
    const across = fitText(measure, text, 60, 600, false);
    expect(across.rows.length).toBeLessThanOrEqual(3);
    expect(column.px).toBeGreaterThan(across.px);
  });

  test('never below the smallest size, however small the box', () => {
    expect(fitText(measure, 'Under fifty yuan a head for the whole family', 20, 10, false).px).toBe(9);
    expect(fitText(measure, 'Hi', 2, 2, false).px).toBe(9);
  });

  test('every row fits its box\'s inner width at the size chosen; the words kept in order', () => {
    const texts = ['Tasty', 'Weekend check-in', 'Under fifty yuan a head', 'A walk along the river after dinner with friends'];
    const boxes = [
      [300, 60],
      [600, 80],
      [200, 200],
      [120, 500],
      [900, 40],
      [400, 150],
    ] as const;
    let checked = 0;
    for (const text of texts)
      for (const [width, height] of boxes) {
        const fit = fitText(measure, text, width, height, height > width * 1.5); // a tall box read as a column
        expect(fit.rows.join(' ')).toBe(text);
        if (fit.px === 9) continue; // the floor may leave a row too wide (drawn narrowed: see drawOverlay)
        checked++;
        for (const row of fit.rows) expect(rowWidth(row, fit.px)).toBeLessThanOrEqual(inner(width));
      }
    expect(checked).toBeGreaterThan(15);
  });
});

/** A 2D context that records what is drawn, with the state set at each call. */
function recordingContext() {
  const calls: Array<{ op: string; args: unknown[]; font: string; fillStyle: unknown; textAlign: string; textBaseline: string }> = [];
  const ctx = {
    font: '',
    fillStyle: '' as unknown,
    textAlign: 'start',
    textBaseline: 'alphabetic',
    measureText: (text: string) => {
      expect(ctx.font).toMatch(/ 100px /); // measured at the size fits are found from
      return { width: measure(text) } as TextMetrics;
    },
  } as unknown as OverlayContext & { font: string; fillStyle: unknown; textAlign: string; textBaseline: string };
  for (const op of ['scale', 'beginPath', 'roundRect', 'fill', 'fillText'] as const)
    (ctx as unknown as Record<string, unknown>)[op] = (...args: unknown[]) => void calls.push({ op, args, font: ctx.font, fillStyle: ctx.fillStyle, textAlign: ctx.textAlign, textBaseline: ctx.textBaseline });
  return { ctx, calls };
}

const LINES: OverlayLine[] = [
  { box: { x: 100, y: 200, width: 600, height: 60 }, vertical: false, english: 'Weekend check-in' },
  { box: { x: 50, y: 900, width: 200, height: 200 }, vertical: false, english: 'Under fifty yuan a head' },
];

describe('drawOverlay', () => {
  test('the scale first; every dark box before any text; each line\'s English centred in its cover box, at its fitted size', () => {
    const { ctx, calls } = recordingContext();
    drawOverlay(ctx, LINES, 1_080, 1_440, 0.75);
    expect(calls[0]).toMatchObject({ op: 'scale', args: [0.75, 0.75] });
    const ops = calls.map((c) => c.op);
    expect(ops.lastIndexOf('fill')).toBeLessThan(ops.indexOf('fillText'));
    const boxes = calls.filter((c) => c.op === 'roundRect').map((c) => c.args.slice(0, 4));
    const covers = LINES.map((l) => coverBox(l.box, 1_080, 1_440));
    expect(boxes).toEqual(covers.map((b) => [b.x, b.y, b.width, b.height]));
    expect(calls.filter((c) => c.op === 'fill')).toHaveLength(2);
    const texts = calls.filter((c) => c.op === 'fillText');
    LINES.forEach((line, i) => {
      const box = covers[i]!;
      const fit = fitText(measure, line.english, box.width, box.height, line.vertical);
      const rows = texts.filter((t) => fit.rows.includes(t.args[0] as string));
      expect(rows.map((t) => t.args[0])).toEqual(fit.rows);
      for (const row of rows) {
        expect(row).toMatchObject({ textAlign: 'center', textBaseline: 'middle' });
        expect(row.font).toContain(`${fit.px}px`);
        expect(row.fillStyle).not.toBe(calls.find((c) => c.op === 'fill')!.fillStyle); // light on dark
        expect(row.args[1]).toBeCloseTo(box.x + box.width / 2);
        expect(row.args[3]).toBeLessThanOrEqual(inner(box.width)); // never drawn past its box
      }
      const ys = rows.map((t) => t.args[2] as number);
      expect((Math.min(...ys) + Math.max(...ys)) / 2).toBeCloseTo(box.y + box.height / 2);
    });
    expect(texts.length).toBeGreaterThan(2); // the second line wrapped: rows centred together
  });
});

describe('drawOverlay and the recogniser\'s vertical', () => {
  test('a line\'s rows fitted as the recogniser read it (a column or across), not guessed from its box\'s shape', () => {
    const box = { x: 100, y: 100, width: 60, height: 600 };
    const english = 'Weekend check-in at the old town';
    const rowsDrawn = (vertical: boolean) => {
      const { ctx, calls } = recordingContext();
      drawOverlay(ctx, [{ box, vertical, english }], 1_080, 1_440, 1);
      return calls.filter((c) => c.op === 'fillText').map((c) => c.args[0]);
    };
    const cover = coverBox(box, 1_080, 1_440);
    expect(rowsDrawn(true)).toEqual(fitText(measure, english, cover.width, cover.height, true).rows);
    expect(rowsDrawn(false)).toEqual(fitText(measure, english, cover.width, cover.height, false).rows);
    expect(rowsDrawn(true)).not.toEqual(rowsDrawn(false));
  });
});

describe('renderOverlay', () => {
  const maker = () => {
    const made: Array<{ width: number; height: number; ctx: ReturnType<typeof recordingContext> }> = [];
    const makeCanvas: CanvasMaker = (width, height) => {
      const ctx = recordingContext();
      made.push({ width, height, ctx });
      return { getContext: () => ctx.ctx, convertToBlob: async () => new Blob([new Uint8Array([0x89, 0x50, 0x4e, 0x47, 1, 2, 3])]) };
    };
    return { made, makeCanvas: vi.fn(makeCanvas) };
  };

  test('no line to draw: null, no canvas made', async () => {
    const { makeCanvas } = maker();
    expect(await renderOverlay(makeCanvas, [], 1_080, 1_440)).toBeNull();
    expect(makeCanvas).not.toHaveBeenCalled();
  });

  test('a PNG data URL of the canvas\'s bytes', async () => {
    const { makeCanvas } = maker();
    const url = await renderOverlay(makeCanvas, LINES, 1_080, 1_440);
    expect(url).toBe(`${OVERLAY_URL_PREFIX}${btoa(String.fromCharCode(0x89, 0x50, 0x4e, 0x47, 1, 2, 3))}`);
  });

  test('the canvas the image\'s size, at most MAX_OVERLAY_SIDE on its longer side, the drawing scaled to it', async () => {
    const { made, makeCanvas } = maker();
    await renderOverlay(makeCanvas, LINES, 1_080, 1_440);
    await renderOverlay(makeCanvas, LINES, 3_000, 1_500);
    await renderOverlay(makeCanvas, LINES, 500, 400);
    expect(made.map(({ width, height }) => [width, height])).toEqual([
      [810, MAX_OVERLAY_SIDE],
      [MAX_OVERLAY_SIDE, 540],
      [500, 400],
    ]);
    expect(made.map((m) => m.ctx.calls[0]!.args)).toEqual([
      [0.75, 0.75],
      [0.36, 0.36],
      [1, 1],
    ]);
  });

  test('no 2D context: an error (the worker answers a failed reading)', async () => {
    await expect(renderOverlay(() => ({ getContext: () => null, convertToBlob: async () => new Blob() }), LINES, 100, 100)).rejects.toThrow(/2D canvas/);
  });
});
