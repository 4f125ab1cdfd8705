// @vitest-environment jsdom
// Text in images on the page, against a hostile page: a page script cannot drive recognition. Images a reader
// cannot see are never read without a click; a page swapping slides and srcs in a loop gets one read
// per slide change, the next slide read ahead once; everything of ours ends with the run's signal.
// And the control says why an image has no English from the worker's kind of failure.
import { afterEach, beforeEach, expect, test, vi } from 'vitest';
import { createImageTextOnPage } from '../../../lib/content/image-text';
import type { ReaderGestures } from '../../../lib/content/reader-gesture';
import type { ImageAnswer, ImageText } from '../../../lib/messaging/ocr';
import { PNG_URL, useImagePage } from '../../support/image-load';

const CDN = 'https://sns-webpic-qc.xhscdn.com/202611';
const TEXT: ImageText = { width: 100, height: 100, lines: [{ text: '周末打卡', box: { x: 1, y: 2, width: 30, height: 10 }, vertical: false, confidence: 0.99 }] };
/** The worker's answer: the line, its English, that English drawn. */
const ANSWER: ImageAnswer = { ok: true, text: TEXT, english: ['Weekend'], overlay: PNG_URL };
const rect = (left: number, width: number, height: number) => () => new DOMRect(left, 0, width, height);

useImagePage();
let resizeObservers = 0;
beforeEach(() => {
  vi.useFakeTimers();
  resizeObservers = 0;
  // Counted here: every observer of ours ends with its layer.
  globalThis.ResizeObserver = class {
    constructor() {
      resizeObservers++;
    }
    observe() {}
    unobserve() {}
    disconnect() {
      resizeObservers--;
    }
  } as unknown as typeof ResizeObserver;
});
afterEach(() => vi.useRealTimers());

/** A note's carousel laid out as in the browser: the slider 300 px wide, the active slide in it, the others to its right (clipped). */
function carousel(count: number) {
  const slider = document.body.appendChild(document.createElement('div'));
  slider.className = 'note-slider';
  slider.getBoundingClientRect = rect(0, 300, 400);
  const images = Array.from({ length: count }, (_, i) => {
    const slide = slider.appendChild(document.createElement('div'));
    slide.className = `swiper-slide${i === 0 ? ' swiper-slide-active' : ''}`;
    slide.setAttribute('data-swiper-slide-index', String(i));
    const img = slide.appendChild(document.createElement('img'));
    img.src = `${CDN}/slide-${i}`;
    return img;
  });
  const slideTo = (n: number) => {
    images.forEach((img, i) => {
      img.parentElement!.classList.toggle('swiper-slide-active', i === n);
      img.getBoundingClientRect = rect(300 * (i - n), 300, 400);
    });
  };
  slideTo(0);
  return { slider, images, slideTo };
}

const NO_GESTURE: ReaderGestures = { take: () => false };
const GESTURE_EACH_TIME: ReaderGestures = { take: () => true };

/** `gestures`: the reader's, faked (jsdom makes no trusted event); by default none, as from a page script. */
function start(answer: ImageAnswer = ANSWER, gestures: ReaderGestures = NO_GESTURE) {
  const recognise = vi.fn(async (_url: string) => answer);
  const openImageAccess = vi.fn();
  const run = new AbortController();
  const page = createImageTextOnPage({ doc: document, recognise, openImageAccess, signal: run.signal, gestures });
  return { recognise, page, run, openImageAccess };
}

test('an invisible image planted as the open note\'s slide is never read; a visible one is, once', async () => {
  const { recognise, page } = start();
  // The page plants a hidden carousel (no size) first in the document, with a new URL every second.
  const planted = document.body.appendChild(document.createElement('div'));
  planted.className = 'note-slider';
  planted.innerHTML = '<div class="swiper-slide swiper-slide-active" data-swiper-slide-index="0"><img></div>';
  const hidden = planted.querySelector('img')!;
  page.setEnabled(true, true);
  for (let i = 0; i < 30; i++) {
    hidden.src = `${CDN}/hidden-${i}`;
    await vi.advanceTimersByTimeAsync(1_000);
  }
  expect(recognise).not.toHaveBeenCalled();
  planted.remove();
  carousel(3);
  await vi.advanceTimersByTimeAsync(1_000);
  expect(recognise.mock.calls.map(([url]) => url)).toEqual([`${CDN}/slide-0`]);
  page.stop();
});

test('a page swapping slides and the next slide\'s src in a loop (each after a gesture): each slide read once, the next read ahead once', async () => {
  const { recognise, page } = start(ANSWER, GESTURE_EACH_TIME);
  const { images, slideTo } = carousel(3);
  page.setEnabled(true, true);
  await vi.advanceTimersByTimeAsync(0);
  for (let i = 0; i < 50; i++) {
    slideTo(i % 2);
    images[2]!.src = `${CDN}/swapped-${i}`;
    await vi.advanceTimersByTimeAsync(0);
  }
  await vi.advanceTimersByTimeAsync(1_000);
  const urls = recognise.mock.calls.map(([url]) => url);
  expect(new Set(urls).size).toBe(urls.length); // no URL asked twice
  expect(urls.length).toBeLessThanOrEqual(3); // slide 0, slide 1 (read ahead, then shown), slide 2 read ahead once
  page.stop();
});

test('the active class moved by the page onto a slide the reader cannot see: nothing read', async () => {
  const { recognise, page } = start();
  const { images } = carousel(4);
  page.setEnabled(true, true);
  await vi.advanceTimersByTimeAsync(0);
  expect(recognise).toHaveBeenCalledTimes(1);
  for (let i = 0; i < 20; i++) {
    images.forEach((img, j) => img.parentElement!.classList.toggle('swiper-slide-active', j === 2 + (i % 2))); // layout unchanged: slides 2, 3 clipped off
    await vi.advanceTimersByTimeAsync(0);
  }
  expect(recognise).toHaveBeenCalledTimes(1);
  page.stop();
});

test('a slide marked current before it has slid into view is translated once it is there', async () => {
  const { recognise, page } = start();
  const { images } = carousel(3);
  page.setEnabled(true, true);
  await vi.advanceTimersByTimeAsync(0);
  images.forEach((img, j) => img.parentElement!.classList.toggle('swiper-slide-active', j === 1)); // Swiper: class first, then the slide
  await vi.advanceTimersByTimeAsync(100);
  images.forEach((img, j) => (img.getBoundingClientRect = rect(300 * (j - 1), 300, 400)));
  await vi.advanceTimersByTimeAsync(450); // before the once-a-second look for an opened note: the carousel's own look
  expect(recognise.mock.calls.map(([url]) => url).slice(0, 2)).toEqual([`${CDN}/slide-0`, `${CDN}/slide-1`]);
  page.stop();
});

test('a loop clone\'s slide index is compared, never built into a selector; the slide found must be a note image', async () => {
  const { recognise, page } = start();
  const { slider, images, slideTo } = carousel(2);
  const index = '1"], img[src*="evil';
  images[1]!.parentElement!.setAttribute('data-swiper-slide-index', index);
  const clone = slider.appendChild(images[1]!.parentElement!.cloneNode(true) as HTMLElement);
  clone.classList.add('swiper-slide-duplicate');
  const cloneImage = clone.querySelector('img')!;
  cloneImage.src = `${CDN}/clone-of-1`; // told apart here (Swiper's clones show the same URL)
  page.setEnabled(true, true);
  await vi.advanceTimersByTimeAsync(0);
  // Swiper shows the clone: its real slide is the one translated.
  images.forEach((img) => img.parentElement!.classList.remove('swiper-slide-active'));
  slideTo(-1);
  cloneImage.getBoundingClientRect = rect(0, 300, 400);
  clone.classList.add('swiper-slide-active');
  await vi.advanceTimersByTimeAsync(0);
  expect(recognise.mock.calls.slice(0, 2).map(([url]) => url)).toEqual([`${CDN}/slide-0`, `${CDN}/slide-1`]); // then the slide after it read ahead
  expect(page.describe(false)).toHaveLength(2);
  page.stop();
});

test('layers of images the page removed are freed; the run\'s end ends every layer, observer and look', async () => {
  const { recognise, page, run } = start();
  const { slider } = carousel(2);
  page.setEnabled(true, true);
  await vi.advanceTimersByTimeAsync(0);
  expect(page.describe(false)).toHaveLength(1);
  expect(resizeObservers).toBe(1);
  slider.remove(); // the note closed
  await vi.advanceTimersByTimeAsync(1_000);
  expect(resizeObservers).toBe(0);
  const again = carousel(2);
  await vi.advanceTimersByTimeAsync(1_000);
  expect(resizeObservers).toBe(1);
  const calls = recognise.mock.calls.length;
  run.abort();
  expect(resizeObservers).toBe(0);
  again.slideTo(1);
  await vi.advanceTimersByTimeAsync(5_000);
  expect(recognise).toHaveBeenCalledTimes(calls);
  expect(page.describe(false)).toHaveLength(0);
});

test('the control says why an image has no English from the kind the worker answers, never from its message', async () => {
  const labels: string[] = [];
  for (const kind of ['no-offscreen', 'old-chrome', 'fetch', 'busy', 'recognise'] as const) {
    const { page } = start({ ok: false, kind });
    const { slider } = carousel(1);
    page.setEnabled(true, true);
    await vi.advanceTimersByTimeAsync(0);
    labels.push(page.describe(false)[0]!.label);
    page.stop();
    slider.remove();
  }
  expect(labels).toEqual(['Text in images needs Chrome', 'Text in images needs Chrome 137 or newer', 'Couldn’t load this image — click to retry', 'Another image is being read — click to retry', 'Couldn’t read this image — click to retry']);
});

test('no access to the image CDN yet: the image says what to do; without the reader\'s click no page of ours opens', async () => {
  const { page, openImageAccess } = start({ ok: false, kind: 'access' });
  carousel(2);
  page.setEnabled(true, true);
  await vi.advanceTimersByTimeAsync(2_000);
  expect(page.describe(false)[0]!.label).toBe('Allow RedNote Lens to load images — click');
  expect(openImageAccess).not.toHaveBeenCalled();
  page.stop();
});

test('a slide read ahead (the reader slid) is drawn from the answer read ahead when shown: the worker asked once per image', async () => {
  const { recognise, page } = start(ANSWER, GESTURE_EACH_TIME);
  const { slideTo } = carousel(3);
  page.setEnabled(true, true);
  await vi.advanceTimersByTimeAsync(0);
  slideTo(1);
  await vi.advanceTimersByTimeAsync(0);
  slideTo(2);
  await vi.advanceTimersByTimeAsync(0);
  expect(recognise.mock.calls.map(([url]) => url)).toEqual([`${CDN}/slide-0`, `${CDN}/slide-1`, `${CDN}/slide-2`]);
  expect(page.describe(false).map((l) => l.lines.map((line) => line.text))).toEqual([['Weekend'], ['Weekend'], ['Weekend']]);
  page.stop();
});

test('a slide read ahead is shown in the page\'s own callback for its class change (no await); a page marking slides current gets no new ask for it', async () => {
  const { recognise, page } = start(ANSWER, GESTURE_EACH_TIME);
  const { slider, images, slideTo } = carousel(3);
  page.setEnabled(true, true);
  await vi.advanceTimersByTimeAsync(0);
  slideTo(1); // shown: the slide after it read ahead, and ready
  await vi.advanceTimersByTimeAsync(0);
  expect(page.progress().ready).toEqual([`${CDN}/slide-2`]);
  const asked = () => recognise.mock.calls.filter(([url]) => url === `${CDN}/slide-2`).length;
  expect(asked()).toBe(1);
  // An observer made after ours: its callback comes in the same turn, right after our carousel's.
  const seenThen: unknown[] = [];
  const after = new MutationObserver(() => seenThen.push(page.describe(false).find((l) => l.src === `${CDN}/slide-2`)));
  after.observe(slider, { subtree: true, attributes: true, attributeFilter: ['class'] });
  // The page marks the third slide current before it slides in (layout unchanged: it is still off to the side).
  images.forEach((img, j) => img.parentElement!.classList.toggle('swiper-slide-active', j === 2));
  await vi.waitFor(() => expect(seenThen).toHaveLength(1));
  expect(seenThen[0]).toMatchObject({ state: 'shown', label: 'Show original', lines: [{ text: 'Weekend', source: '周末打卡' }], overlay: { shown: true, alt: 'Weekend' } });
  after.disconnect();
  expect(page.progress().ready).toEqual([]);
  // Marked current again and again, then slid in: nothing more asked of the worker for it.
  for (let i = 0; i < 10; i++) {
    images.forEach((img, j) => img.parentElement!.classList.toggle('swiper-slide-active', j === 1 + (i % 2)));
    await vi.advanceTimersByTimeAsync(200);
  }
  slideTo(2);
  await vi.advanceTimersByTimeAsync(2_000);
  expect(asked()).toBe(1);
  expect(page.describe(false).find((l) => l.src === `${CDN}/slide-2`)?.lines.map((l) => l.text)).toEqual(['Weekend']);
  page.stop();
});

/**
 * A page faking slide changes: the active class toggled between two slides the reader can both see, a fresh
 * image planted as the next slide each time. `gestureAt`: the turns just after which the reader made a gesture.
 */
async function fakedSlideChanges(gestureAt: number[]) {
  let armed = false;
  const { recognise, page } = start(ANSWER, { take: () => armed && !(armed = false) });
  const slider = document.body.appendChild(document.createElement('div'));
  slider.className = 'note-slider';
  slider.getBoundingClientRect = rect(0, 300, 400);
  const [a, b] = [0, 1].map((i) => {
    const slide = slider.appendChild(document.createElement('div'));
    slide.className = `swiper-slide${i === 0 ? ' swiper-slide-active' : ''}`;
    slide.setAttribute('data-swiper-slide-index', String(i));
    const img = slide.appendChild(document.createElement('img'));
    img.src = `${CDN}/slide-${i}`;
    img.getBoundingClientRect = rect(150 * i, 150, 400); // both in the slider: the reader sees both
    return slide;
  });
  page.setEnabled(true, true);
  await vi.advanceTimersByTimeAsync(0);
  for (let i = 0; i < 20; i++) {
    const active = i % 2 ? a! : b!;
    const planted = document.createElement('div');
    planted.className = 'swiper-slide';
    planted.setAttribute('data-swiper-slide-index', `planted-${i}`);
    const img = planted.appendChild(document.createElement('img'));
    img.src = `${CDN}/planted-${i}`;
    img.getBoundingClientRect = rect(300, 300, 400);
    active.after(planted);
    armed = gestureAt.includes(i);
    for (const slide of [a!, b!]) slide.classList.toggle('swiper-slide-active', slide === active);
    await vi.advanceTimersByTimeAsync(300);
  }
  await vi.advanceTimersByTimeAsync(2_000);
  page.stop();
  const urls = recognise.mock.calls.map(([url]) => url);
  return { slides: urls.filter((u) => /slide-/.test(u)), planted: urls.filter((u) => /planted-/.test(u)) };
}

test('a page faking slide changes and planting a fresh next slide each time: nothing read ahead without the reader\'s gesture', async () => {
  const { slides, planted } = await fakedSlideChanges([]);
  expect(slides).toEqual([`${CDN}/slide-0`, `${CDN}/slide-1`]); // each slide on screen read once
  expect(planted).toEqual([]);
});

test('a page faking slide changes: one gesture of the reader\'s, at most one slide read ahead', async () => {
  const { planted } = await fakedSlideChanges([5]);
  expect(planted).toEqual([`${CDN}/planted-5`]);
});
