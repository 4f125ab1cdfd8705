// @vitest-environment jsdom
// Text in images on the page: the lines' English asked for again while the worker works on them, a
// refusal said on the control (the picture shown as it is there), and the layer's states and lines.
import { afterEach, expect, test, vi } from 'vitest';
import { translateLineTexts } from '../../../lib/content/image-text';
import type { SegmentResult } from '../../../lib/messaging/contract';
import { mountImageLayer, WAIT_LABEL_MS, type LayerLine } from '../../../lib/render/image-layer';

const line = (source: string): LayerLine => ({ source, text: null, vertical: false, box: { left: 10, top: 10, width: 50, height: 5 } });
const ok = (id: string, text: string): SegmentResult => ({ id, ok: true, text, fromCache: false });
const later = (id: string): SegmentResult => ({ id, ok: false, error: { kind: 'rate-limited', retryAt: Date.now() + 1_000 } });
const refused = (id: string): SegmentResult => ({ id, ok: false, error: { kind: 'no-provider' } });

test('lines the worker is still working on are asked for again, when it says; only those', async () => {
  const lines = [line('周末打卡'), line('人均五十')];
  const translate = vi.fn().mockResolvedValueOnce([ok('0', 'Weekend check-in'), later('1')]).mockResolvedValueOnce([ok('1', 'Under fifty a head')]);
  const wait = vi.fn(async (_ms: number) => {});
  const progress = vi.fn();
  expect(await translateLineTexts(lines, translate, { live: () => true, wait, progress })).toBeUndefined();
  expect(lines.map((l) => l.text)).toEqual(['Weekend check-in', 'Under fifty a head']);
  expect(translate.mock.calls[1]![0]).toEqual([{ id: '1', text: '人均五十' }]);
  expect(wait).toHaveBeenCalledTimes(1);
  expect(wait.mock.calls[0]![0]).toBeGreaterThanOrEqual(1_000);
  expect(progress).toHaveBeenCalledTimes(2);
});

test('a line the translator refuses stays untranslated (the picture shows there) and the control says why', async () => {
  const lines = [line('周末打卡'), line('人均五十')];
  const translate = vi.fn().mockResolvedValue([ok('0', 'Weekend check-in'), refused('1')]);
  const note = await translateLineTexts(lines, translate, { live: () => true, wait: async () => {}, progress: () => {} });
  expect(note).toMatch(/no translator available/);
  expect(lines[1]!.text).toBeNull();
  expect(translate).toHaveBeenCalledTimes(1);
});

test('switched off meanwhile: nothing more is asked', async () => {
  let live = true;
  const translate = vi.fn(async (): Promise<SegmentResult[]> => ((live = false), [later('0')]));
  await translateLineTexts([line('周末打卡')], translate, { live: () => live, wait: async () => {}, progress: () => {} });
  expect(translate).toHaveBeenCalledTimes(1);
});

/** A slide holding an image, in a document with a ResizeObserver (jsdom has none; the layer only needs it to exist). */
function slideWithImage() {
  globalThis.ResizeObserver ??= class {
    observe() {}
    disconnect() {}
    unobserve() {}
  };
  const slide = document.body.appendChild(document.createElement('div'));
  return { slide, image: slide.appendChild(document.createElement('img')) };
}

afterEach(() => document.body.replaceChildren());

test('the layer: its control says each state, draws only lines with English, hides them for the original', () => {
  const { slide, image } = slideWithImage();
  const layer = mountImageLayer(image, () => {});
  expect(image.nextElementSibling?.getAttribute('data-rnl')).toBe('image-layer');
  expect(layer.describe().label).toBe('Translate image');
  vi.useFakeTimers();
  layer.set({ kind: 'busy', label: 'Reading the text in the image…' });
  vi.advanceTimersByTime(WAIT_LABEL_MS);
  expect(layer.describe().label).toBe('Reading the text in the image…');
  const lines = [line('周末打卡'), line('人均五十')];
  layer.set({ kind: 'shown', lines, original: false });
  expect(layer.describe()).toMatchObject({ label: 'Reading the text in the image…', lines: [] });
  vi.advanceTimersByTime(WAIT_LABEL_MS);
  expect(layer.describe()).toMatchObject({ label: 'Translating…', lines: [] });
  vi.useRealTimers();
  lines[0]!.text = 'Weekend check-in';
  layer.set({ kind: 'shown', lines, original: false, note: 'Not translated: no translator available — click to retry' });
  expect(layer.describe()).toMatchObject({ label: 'Not translated: no translator available — click to retry', lines: [{ text: 'Weekend check-in', source: '周末打卡' }] });
  lines[1]!.text = 'Under fifty a head';
  layer.set({ kind: 'shown', lines, original: false });
  expect(layer.describe().label).toBe('Show original');
  expect(layer.describe().lines).toHaveLength(2);
  layer.set({ kind: 'shown', lines, original: true });
  expect(layer.describe()).toMatchObject({ label: 'Show English', lines: [] });
  layer.set({ kind: 'failed', label: 'Couldn’t load this image — click to retry' });
  expect(layer.describe().label).toBe('Couldn’t load this image — click to retry');
  layer.remove();
  expect(slide.children).toHaveLength(1);
});

test('a wait shorter than WAIT_LABEL_MS (an image read ahead or cached) is never said: no frame drawn for it', () => {
  vi.useFakeTimers();
  const { slide, image } = slideWithImage();
  // Clicked: the control keeps what it said until the wait lasts.
  const clicked = mountImageLayer(image, () => {});
  const seen = [clicked.describe().label];
  clicked.set({ kind: 'busy', label: 'Reading the text in the image…' });
  seen.push(clicked.describe().label);
  vi.advanceTimersByTime(WAIT_LABEL_MS / 2);
  const lines = [line('周末打卡')];
  clicked.set({ kind: 'shown', lines, original: false });
  seen.push(clicked.describe().label);
  vi.advanceTimersByTime(WAIT_LABEL_MS / 3);
  lines[0]!.text = 'Weekend check-in';
  clicked.set({ kind: 'shown', lines, original: false });
  seen.push(clicked.describe().label);
  vi.advanceTimersByTime(WAIT_LABEL_MS * 2);
  seen.push(clicked.describe().label);
  expect(seen).toEqual(['Translate image', 'Translate image', 'Translate image', 'Show original', 'Show original']);
  clicked.remove();
  // A slide translated without a click: mounted waiting, its control shows nothing until the wait is said.
  const next = mountImageLayer(image, () => {}, { kind: 'busy', label: 'Reading the text in the image…' });
  expect(next.describe().label).toBe('');
  vi.advanceTimersByTime(WAIT_LABEL_MS);
  expect(next.describe().label).toBe('Reading the text in the image…');
  next.remove();
  vi.useRealTimers();
});

test('a resize writes one transform for the layer\'s lines, none per line (their size fitted once, at the picture\'s own)', () => {
  let onResize = () => {};
  globalThis.ResizeObserver = class {
    constructor(fn: () => void) {
      onResize = fn;
    }
    observe() {}
    disconnect() {}
    unobserve() {}
  } as unknown as typeof ResizeObserver;
  // The closed shadow root, seen by the test only.
  let root: ShadowRoot | undefined;
  const attach = HTMLElement.prototype.attachShadow;
  vi.spyOn(HTMLElement.prototype, 'attachShadow').mockImplementation(function (this: HTMLElement, init: ShadowRootInit) {
    return (root = attach.call(this, init));
  });
  const slide = document.body.appendChild(document.createElement('div'));
  const image = slide.appendChild(document.createElement('img'));
  Object.defineProperties(image, { naturalWidth: { value: 1080 }, naturalHeight: { value: 1440 } });
  const sized = (width: number) => Object.defineProperties(image, { offsetWidth: { value: width, configurable: true }, offsetHeight: { value: (width * 4) / 3, configurable: true } });
  sized(600);
  const layer = mountImageLayer(image, () => {});
  // Placed as it is mounted: the ResizeObserver's first call has nothing to write (no second layout).
  expect(layer.host.style.width).toBe('600px');
  onResize();
  layer.set({ kind: 'shown', lines: [{ ...line('周末打卡'), text: 'Weekend check-in' }, { ...line('人均五十'), text: 'Under fifty a head' }], original: false });
  const drawn = [...root!.querySelectorAll<HTMLElement>('.line')];
  const styles = drawn.map((el) => el.style.cssText);
  const box = root!.querySelector<HTMLElement>('.lines')!;
  expect(box.style.transform).toMatch(/^scale\(0\.5555/);
  sized(300);
  onResize();
  expect(drawn.map((el) => el.style.cssText)).toEqual(styles);
  expect(box.style.transform).toMatch(/^scale\(0\.2777/);
  layer.remove();
});
