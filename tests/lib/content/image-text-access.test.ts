// @vitest-environment jsdom
// Text in images without host access to the image CDN, on the page: the reader's click asks the worker to
// open the page that grants it, and the control says what came of that; once granted (the worker pushes the
// settings), the images that failed for want of it are read without another click.
import { afterEach, expect, test, vi } from 'vitest';
import { ACCESS_ASKED_LABEL, createImageTextOnPage, FAILURE_LABEL } from '../../../lib/content/image-text';
import type { ReaderGestures } from '../../../lib/content/reader-gesture';
import type { ImageAccessOpened, ImageAnswer, ImageText } from '../../../lib/messaging/ocr';
import { PNG_URL, useImagePage } from '../../support/image-load';

/** The reader's clicks on each image's control (the layer takes only trusted clicks, which jsdom cannot make). */
const { clicks } = vi.hoisted(() => ({ clicks: new Map<HTMLImageElement, () => void>() }));
vi.mock('../../../lib/render/image-layer', async (original) => (await import('../../support/image-load')).recordingLayer(await original(), clicks));

const CDN = 'https://sns-webpic-qc.xhscdn.com/202611';
const TEXT: ImageText = { width: 100, height: 100, lines: [{ text: '周末打卡', box: { x: 1, y: 2, width: 30, height: 10 }, vertical: false, confidence: 0.99 }] };
const rect = (left: number) => () => new DOMRect(left, 0, 300, 400);

useImagePage();
afterEach(() => clicks.clear());

/** A note's carousel of three slides, the first on screen. */
function carousel() {
  const slider = document.body.appendChild(document.createElement('div'));
  slider.className = 'note-slider';
  slider.getBoundingClientRect = rect(0);
  const images = [0, 1, 2].map((i) => {
    const slide = slider.appendChild(document.createElement('div'));
    slide.setAttribute('data-swiper-slide-index', String(i));
    const img = slide.appendChild(document.createElement('img'));
    img.src = `${CDN}/slide-${i}`;
    return img;
  });
  const slideTo = (n: number) =>
    images.forEach((img, i) => {
      img.parentElement!.className = `swiper-slide${i === n ? ' swiper-slide-active' : ''}`;
      img.getBoundingClientRect = rect(300 * (i - n));
    });
  slideTo(0);
  return Object.assign(images, { slideTo });
}

/** `gestures`: the reader's, faked (jsdom makes no trusted event); by default every slide change follows one. */
function start(opened: ImageAccessOpened, gestures: ReaderGestures = { take: () => true }) {
  let granted = false;
  const recognise = vi.fn(async (_url: string): Promise<ImageAnswer> => (granted ? { ok: true, text: TEXT, english: ['Weekend'], overlay: PNG_URL } : { ok: false, kind: 'access' }));
  const openImageAccess = vi.fn(async () => opened);
  const page = createImageTextOnPage({ doc: document, recognise, openImageAccess, gestures });
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

test('"translate the images of a note I open" before access was granted: the grant (a settings push) reads the images that failed without a click, and the next is read ahead once one is shown', async () => {
  const { page, recognise, grant } = start({ ok: true });
  const { slideTo } = carousel();
  page.setEnabled(true, true);
  await vi.waitFor(() => expect(label(page)).toBe(FAILURE_LABEL.access));
  // The reader turns to the second slide: it fails alike. Changed on purpose: the third is not read
  // ahead past a slide that failed (read ahead only once the slide on screen is shown).
  slideTo(1);
  await vi.waitFor(() => expect(page.describe(false).map((l) => l.label)).toEqual([FAILURE_LABEL.access, FAILURE_LABEL.access]));
  expect(recognise.mock.calls.map(([url]) => url)).not.toContain(`${CDN}/slide-2`);
  const asks = recognise.mock.calls.length;
  page.retryAccess(); // a push without a grant: asked again, still without access
  await vi.waitFor(() => expect(recognise.mock.calls.length).toBeGreaterThan(asks));
  await vi.waitFor(() => expect(label(page)).toBe(FAILURE_LABEL.access));
  grant();
  page.retryAccess();
  await vi.waitFor(() => expect(page.describe(false).map((l) => l.lines.map((line) => line.text))).toEqual([['Weekend'], ['Weekend']]));
  // Back and forth: the third slide is read ahead again, now that access is there.
  const third = () => recognise.mock.calls.filter(([url]) => url === `${CDN}/slide-2`).length;
  const before = third();
  expect(before).toBe(0);
  slideTo(0);
  await Promise.resolve(); // the carousel's observer sees this slide change before the next
  slideTo(1);
  await vi.waitFor(() => expect(third()).toBe(before + 1));
  page.stop();
});
