// @vitest-environment jsdom
// Text in images without host access to the image CDN, on the page: the reader's click asks the worker to
// open the page that grants it, and the control says what came of that.
import { afterEach, beforeEach, expect, test, vi } from 'vitest';
import { ACCESS_ASKED_LABEL, createImageTextOnPage, FAILURE_LABEL } from '../../../lib/content/image-text';
import type { SegmentResult } from '../../../lib/messaging/contract';
import type { ImageAccessOpened, ImageAnswer, ImageText } from '../../../lib/messaging/ocr';

/** The reader's clicks on each image's control (the layer takes only trusted clicks, which jsdom cannot make). */
const clicks = new Map<HTMLImageElement, () => void>();
vi.mock('../../../lib/render/image-layer', async (original) => {
  const layer = await original<typeof import('../../../lib/render/image-layer')>();
  return {
    ...layer,
    mountImageLayer: (image: HTMLImageElement, onControl: () => void, initial?: Parameters<typeof layer.mountImageLayer>[2]) => {
      clicks.set(image, onControl);
      return layer.mountImageLayer(image, onControl, initial);
    },
  };
});

const CDN = 'https://sns-webpic-qc.xhscdn.com/202611';
const TEXT: ImageText = { width: 100, height: 100, lines: [{ text: '周末打卡', box: { x: 1, y: 2, width: 30, height: 10 }, vertical: false, confidence: 0.99 }] };
const rect = (left: number) => () => new DOMRect(left, 0, 300, 400);

beforeEach(() => {
  globalThis.ResizeObserver = class {
    observe() {}
    unobserve() {}
    disconnect() {}
  } as unknown as typeof ResizeObserver;
  Object.defineProperty(document, 'visibilityState', { value: 'visible', configurable: true });
});
afterEach(() => {
  document.body.replaceChildren();
  clicks.clear();
});

/** A note's carousel of two slides, the first on screen. */
function carousel() {
  const slider = document.body.appendChild(document.createElement('div'));
  slider.className = 'note-slider';
  slider.getBoundingClientRect = rect(0);
  return [0, 1].map((i) => {
    const slide = slider.appendChild(document.createElement('div'));
    slide.className = `swiper-slide${i === 0 ? ' swiper-slide-active' : ''}`;
    slide.setAttribute('data-swiper-slide-index', String(i));
    const img = slide.appendChild(document.createElement('img'));
    img.src = `${CDN}/slide-${i}`;
    img.getBoundingClientRect = rect(300 * i);
    return img;
  });
}

function start(opened: ImageAccessOpened) {
  let granted = false;
  const recognise = vi.fn(async (_url: string): Promise<ImageAnswer> => (granted ? { ok: true, text: TEXT } : { ok: false, kind: 'access' }));
  const translate = vi.fn(async (segments: { id: string }[]): Promise<SegmentResult[]> => segments.map((s) => ({ id: s.id, ok: true, text: 'Weekend', fromCache: false })));
  const openImageAccess = vi.fn(async () => opened);
  const page = createImageTextOnPage({ doc: document, recognise, translate, openImageAccess });
  return { page, recognise, openImageAccess, grant: () => void (granted = true) };
}

const label = (page: ReturnType<typeof createImageTextOnPage>) => page.describe(false)[0]?.label;

test('clicked without access: the page that asks for it opened, the control says so; not opened, it says to click again', async () => {
  for (const [opened, said] of [
    [{ ok: true }, ACCESS_ASKED_LABEL],
    [{ ok: false, reason: 'not-opened' }, FAILURE_LABEL.access],
  ] as const) {
    const { page, openImageAccess } = start(opened);
    const [image] = carousel();
    page.setEnabled(true);
    image!.dispatchEvent(new Event('pointerover', { bubbles: true }));
    clicks.get(image!)!();
    await vi.waitFor(() => expect(label(page)).toBe(said));
    expect(openImageAccess).toHaveBeenCalledTimes(1);
    page.stop();
    document.body.replaceChildren();
  }
});

test('clicked, and the worker says access was granted meanwhile: the image is read now', async () => {
  const { page, recognise, grant } = start({ ok: false, reason: 'granted' });
  const [image] = carousel();
  page.setEnabled(true);
  image!.dispatchEvent(new Event('pointerover', { bubbles: true }));
  grant();
  recognise.mockResolvedValueOnce({ ok: false, kind: 'access' }); // the first ask, before the grant
  clicks.get(image!)!();
  await vi.waitFor(() => expect(page.describe(false)[0]?.lines.map((l) => l.text)).toEqual(['Weekend']));
});
