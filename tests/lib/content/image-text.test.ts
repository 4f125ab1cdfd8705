// @vitest-environment jsdom
// Text in images on the page: one ask of the worker per image, asked again while the translator says when
// (then every line shown), a refusal said on the control (the picture shown as it is there), nothing more
// once switched off; and the layer: its states and labels, the worker's picture laid under the control and
// hidden for "Show original", a waiting label held back unless a click asked, only PNG data URLs taken.
import { afterEach, describe, expect, test, vi } from 'vitest';
import { createImageTextOnPage, untranslatedNote, type ImageTextDeps } from '../../../lib/content/image-text';
import type { ErrorKind } from '../../../lib/core/errors';
import type { ImageAnswer, ImageText } from '../../../lib/messaging/ocr';
import { decodeOverlay, mountImageLayer, WAIT_LABEL_MS, type LayerLine, type LayerState } from '../../../lib/render/image-layer';
import { PNG_URL, useImagePage } from '../../support/image-load';

/** The reader's clicks on each image's control (the layer takes only trusted clicks, which jsdom cannot make); the states layers were mounted in. */
const { clicks, mounted } = vi.hoisted(() => ({ clicks: new Map<HTMLImageElement, () => void>(), mounted: [] as Array<string | undefined> }));
vi.mock('../../../lib/render/image-layer', async (original) => (await import('../../support/image-load')).recordingLayer(await original(), clicks, mounted));

const CDN = 'https://sns-webpic-qc.xhscdn.com/202611';
const TEXT: ImageText = {
  width: 1_000,
  height: 1_000,
  lines: [
    { text: '周末打卡', box: { x: 100, y: 100, width: 400, height: 50 }, vertical: false, confidence: 0.99 },
    { text: '人均五十', box: { x: 100, y: 600, width: 400, height: 50 }, vertical: false, confidence: 0.99 },
  ],
};
const ENGLISH = ['Weekend check-in', 'Under fifty a head'];
const answer = (english: Array<string | null>, more: { retryAt?: number; untranslated?: ErrorKind } = {}): ImageAnswer => ({ ok: true, text: TEXT, english, overlay: PNG_URL, ...more });

const page = useImagePage();
afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
  clicks.clear();
  mounted.length = 0;
});

describe('untranslatedNote', () => {
  test('every line with English: nothing to say', () => {
    expect(untranslatedNote({ ok: true, text: TEXT, english: ENGLISH, overlay: PNG_URL })).toBeUndefined();
  });
  // Changed on purpose: `refused` became `untranslated` (the kind), worded as the error line words it, naming the translator.
  test('why lines are untranslated, worded by kind and translator, with "click to retry"; a line not answered: not yet', () => {
    const some = (untranslated: ErrorKind) => ({ ok: true as const, text: TEXT, english: [ENGLISH[0]!, null], overlay: PNG_URL, untranslated });
    expect(untranslatedNote(some('paused'))).toBe('Not translated: paused: unusual amount of text on this page — click to retry');
    expect(untranslatedNote(some('no-provider'))).toBe('Not translated: no translator set up — click to retry');
    expect(untranslatedNote(some('auth'))).toBe('Not translated: DeepL key refused — click to retry');
    expect(untranslatedNote(some('auth'), 'chat')).toBe('Not translated: chat model key refused — click to retry');
    expect(untranslatedNote({ ok: true, text: TEXT, english: [null, null], overlay: null })).toBe('Not translated yet — click to retry');
  });
  test('lines the translator will answer (retryAt): nothing to say yet, whatever the kind', () => {
    expect(untranslatedNote({ ok: true, text: TEXT, english: [ENGLISH[0]!, null], overlay: PNG_URL, retryAt: Date.now() + 1_000, untranslated: 'paused' })).toBeUndefined();
  });
});

/** A note's carousel as the browser lays it out: the slider 300 px wide, the first slide in it, the others to its right. */
function carousel(count: number) {
  const slider = document.body.appendChild(document.createElement('div'));
  slider.className = 'note-slider';
  slider.getBoundingClientRect = () => new DOMRect(0, 0, 300, 400);
  return Array.from({ length: count }, (_, i) => {
    const slide = slider.appendChild(document.createElement('div'));
    slide.className = `swiper-slide${i === 0 ? ' swiper-slide-active' : ''}`;
    slide.setAttribute('data-swiper-slide-index', String(i));
    const img = slide.appendChild(document.createElement('img'));
    img.src = `${CDN}/slide-${i}`;
    img.getBoundingClientRect = () => new DOMRect(300 * i, 0, 300, 400);
    return img;
  });
}

/** The page's part with `recognise` as the worker (`more`: the reader's gestures faked, the translator…); the first slide's layer described. */
function start(recognise: (url: string) => Promise<ImageAnswer>, more: Partial<ImageTextDeps> = {}) {
  const worker = vi.fn(recognise);
  const page = createImageTextOnPage({ doc: document, recognise: worker, ...more });
  const first = () => page.describe(false).find((l) => l.src === `${CDN}/slide-0`);
  return { page, worker, first };
}

describe('one ask of the worker per image, through createImageTextOnPage', () => {
  test('lines the translator will answer later: the image asked again once the wait is over, then every line shown', async () => {
    vi.useFakeTimers();
    const { page, worker, first } = start(async () => (worker.mock.calls.length === 1 ? answer([ENGLISH[0]!, null], { retryAt: Date.now() + 3_000 }) : answer(ENGLISH)));
    carousel(1);
    page.setEnabled(true, true);
    await vi.advanceTimersByTimeAsync(WAIT_LABEL_MS);
    expect(first()).toMatchObject({ state: 'shown', label: 'Translating…', lines: [{ text: ENGLISH[0], source: '周末打卡' }] });
    await vi.advanceTimersByTimeAsync(2_700);
    expect(worker).toHaveBeenCalledTimes(1); // not before the translator said
    await vi.advanceTimersByTimeAsync(500);
    expect(worker).toHaveBeenCalledTimes(2);
    expect(worker.mock.calls[1]![0]).toBe(`${CDN}/slide-0`);
    expect(first()).toMatchObject({ label: 'Show original', lines: ENGLISH.map((text) => ({ text })) });
    await vi.advanceTimersByTimeAsync(10_000);
    expect(worker).toHaveBeenCalledTimes(2);
    page.stop();
  });

  test('without a click, a layer is mounted only with something to show, or once the wait is worth saying', async () => {
    vi.useFakeTimers();
    const replies: Array<(a: ImageAnswer) => void> = [];
    const { page, worker, first } = start(() => new Promise((resolve) => replies.push(resolve)));
    carousel(1);
    page.setEnabled(true, true);
    await vi.advanceTimersByTimeAsync(WAIT_LABEL_MS - 1);
    expect(worker).toHaveBeenCalledTimes(1);
    expect(page.describe(false)).toHaveLength(0); // a quick answer: nothing of ours before it
    replies[0]!(answer(ENGLISH));
    await vi.advanceTimersByTimeAsync(0);
    expect(first()).toMatchObject({ state: 'shown', label: 'Show original' });
    expect(mounted).toEqual(['shown']); // mounted showing it: no frame of a waiting state
    await vi.advanceTimersByTimeAsync(WAIT_LABEL_MS);
    expect(mounted).toEqual(['shown']);
    page.stop();
    document.body.replaceChildren();
    mounted.length = 0;
    // A slow answer: the wait said once it lasts WAIT_LABEL_MS, then the English in the same layer.
    const slow = start(() => new Promise((resolve) => replies.push(resolve)));
    carousel(1);
    slow.page.setEnabled(true, true);
    await vi.advanceTimersByTimeAsync(WAIT_LABEL_MS);
    expect(slow.first()).toMatchObject({ state: 'busy', label: 'Reading the text in the image…' });
    replies[1]!(answer(ENGLISH));
    await vi.advanceTimersByTimeAsync(0);
    expect(slow.first()).toMatchObject({ state: 'shown', label: 'Show original' });
    expect(mounted).toEqual(['busy']);
    slow.page.stop();
  });

  test('each line placed where the worker found it, padded to cover its outlines (coverBox), in the picture as drawn', async () => {
    vi.useFakeTimers();
    const { page } = start(async () => answer(ENGLISH));
    carousel(1);
    // The layer's box (a div of ours): the picture drawn 500 px square at (10, 20).
    vi.spyOn(HTMLDivElement.prototype, 'getBoundingClientRect').mockReturnValue(new DOMRect(10, 20, 500, 500));
    page.setEnabled(true, true);
    await vi.advanceTimersByTimeAsync(0);
    const scaled = (b: { x: number; y: number; width: number; height: number }) => ({ x: 10 + b.x / 2, y: 20 + b.y / 2, width: b.width / 2, height: b.height / 2 });
    const [layer] = page.describe(); // measured
    // 12 % of each line's 50 px height added round it: 6 px.
    const expected = [scaled({ x: 94, y: 94, width: 412, height: 62 }), scaled({ x: 94, y: 594, width: 412, height: 62 })];
    layer!.lines.forEach((l, i) => {
      for (const key of ['x', 'y', 'width', 'height'] as const) expect(l.rect[key]).toBeCloseTo(expected[i]![key], 6);
    });
    expect(layer!.lines).toHaveLength(2);
    expect(layer!.overlay).toMatchObject({ shown: true, alt: ENGLISH.join('\n') });
    page.stop();
  });

  test('a translator that keeps saying later: asked a few times, then the control says so', async () => {
    vi.useFakeTimers();
    const { page, worker, first } = start(async () => answer([null, null], { retryAt: Date.now() + 1_000 }));
    carousel(1);
    page.setEnabled(true, true);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(worker).toHaveBeenCalledTimes(6);
    expect(first()?.label).toBe('Not translated yet — click to retry');
    page.stop();
  });

  test('an ask again that fails: the lines stay as they were and the control says a click asks again (not "Translating…" for good)', async () => {
    vi.useFakeTimers();
    const { page, worker, first } = start(async () => (worker.mock.calls.length === 1 ? answer([ENGLISH[0]!, null], { retryAt: Date.now() + 1_000 }) : { ok: false, kind: 'recognise' }));
    carousel(1);
    page.setEnabled(true, true);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(worker).toHaveBeenCalledTimes(2);
    expect(first()).toMatchObject({ label: 'Not translated yet — click to retry', lines: [{ text: ENGLISH[0] }] });
    page.stop();
  });

  test('"Show original" chosen while lines wait stays chosen when the asks run out', async () => {
    vi.useFakeTimers();
    const { page, worker, first } = start(async () => answer([ENGLISH[0]!, null], { retryAt: Date.now() + 1_000 }));
    const [image] = carousel(1);
    page.setEnabled(true, true);
    await vi.advanceTimersByTimeAsync(0);
    clicks.get(image!)!(); // the reader's click on the control: the picture as it is
    expect(first()?.label).toBe('Show English');
    await vi.advanceTimersByTimeAsync(60_000);
    expect(worker).toHaveBeenCalledTimes(6);
    expect(first()).toMatchObject({ label: 'Show English', lines: [] });
    page.stop();
  });

  // Changed on purpose: the worker says why (`untranslated: 'no-provider'`), worded as translator-words words it.
  test('a line not translated (no translator set up): the control says why, the other line shown, nothing more asked', async () => {
    vi.useFakeTimers();
    const { page, worker, first } = start(async () => answer([ENGLISH[0]!, null], { untranslated: 'no-provider' }));
    carousel(1);
    page.setEnabled(true, true);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(first()).toMatchObject({ state: 'shown', label: 'Not translated: no translator set up — click to retry', lines: [{ text: ENGLISH[0] }] });
    expect(worker).toHaveBeenCalledTimes(1);
    page.stop();
  });

  test('switched off while waiting to ask again: nothing more asked, nothing drawn', async () => {
    vi.useFakeTimers();
    const { page, worker } = start(async () => answer([ENGLISH[0]!, null], { retryAt: Date.now() + 1_000 }));
    const [image] = carousel(1);
    page.setEnabled(true, true);
    await vi.advanceTimersByTimeAsync(0);
    expect(page.describe(false)).toHaveLength(1);
    page.setEnabled(false);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(worker).toHaveBeenCalledTimes(1);
    expect(page.describe(false)).toHaveLength(0);
    expect(image!.parentElement!.children).toHaveLength(1); // no layer of ours left
  });

  test('switched off while the first answer comes: nothing drawn, nothing asked again', async () => {
    vi.useFakeTimers();
    let answerNow: (a: ImageAnswer) => void = () => {};
    const { page, worker } = start(() => new Promise((resolve) => (answerNow = resolve)));
    const [image] = carousel(1);
    page.setEnabled(true, true);
    await vi.advanceTimersByTimeAsync(0);
    expect(worker).toHaveBeenCalledTimes(1);
    page.setEnabled(false);
    answerNow(answer([ENGLISH[0]!, null], { retryAt: Date.now() + 1_000 }));
    await vi.advanceTimersByTimeAsync(10_000);
    expect(worker).toHaveBeenCalledTimes(1);
    expect(page.describe(false)).toHaveLength(0);
    expect(image!.parentElement!.children).toHaveLength(1);
  });

  test('the reader\'s click: the wait said at once; "Show original" kept when the image is asked again; the next slide read ahead', async () => {
    vi.useFakeTimers();
    let reply: (a: ImageAnswer) => void = () => {};
    const { page, worker, first } = start((url) => (url.endsWith('slide-0') ? new Promise((resolve) => (reply = resolve)) : Promise.resolve(answer(ENGLISH))));
    const [image] = carousel(2);
    page.setEnabled(true);
    image!.dispatchEvent(new Event('pointerover', { bubbles: true }));
    expect(first()?.label).toBe('Translate image');
    clicks.get(image!)!();
    expect(first()?.label).toBe('Reading the text in the image…'); // in the click's own task
    await vi.advanceTimersByTimeAsync(0);
    expect(worker).toHaveBeenCalledTimes(1);
    reply(answer([ENGLISH[0]!, null], { retryAt: Date.now() + 1_000 }));
    await vi.advanceTimersByTimeAsync(0);
    expect(first()).toMatchObject({ state: 'shown', lines: [{ text: ENGLISH[0] }] });
    // The slide after it read ahead at once: it does not wait for the line the translator answers later.
    expect(worker.mock.calls.map(([url]) => url)).toEqual([`${CDN}/slide-0`, `${CDN}/slide-1`]);
    clicks.get(image!)!(); // "Show original"
    expect(first()).toMatchObject({ label: 'Show English', lines: [] });
    worker.mockImplementation(async () => answer(ENGLISH));
    await vi.advanceTimersByTimeAsync(1_100);
    expect(worker.mock.calls.filter(([url]) => url.endsWith('slide-0'))).toHaveLength(2);
    expect(worker.mock.calls.filter(([url]) => url.endsWith('slide-1'))).toHaveLength(1);
    expect(first()).toMatchObject({ label: 'Show English', lines: [] });
    clicks.get(image!)!();
    expect(first()).toMatchObject({ label: 'Show original', lines: ENGLISH.map((text) => ({ text })) });
    // Its English whole: the slide after it read ahead, ready to show as it comes in.
    expect(page.progress()).toEqual({ layers: 1, english: [`${CDN}/slide-0`], ready: [`${CDN}/slide-1`] });
    page.stop();
  });
});

describe('after the review: read-ahead when off, one ask at a time, asking again from a picture, why lines are untranslated', () => {
  const slides = (worker: { mock: { calls: Array<[string]> } }) => worker.mock.calls.map(([url]) => url.slice(CDN.length + 1));

  test('switched off between the reader\'s click and its answer: the next slide is not read ahead', async () => {
    vi.useFakeTimers();
    let reply: (a: ImageAnswer) => void = () => {};
    const { page, worker } = start((url) => (url.endsWith('slide-0') ? new Promise((resolve) => (reply = resolve)) : Promise.resolve(answer(ENGLISH))), { gestures: { take: () => true } });
    const [image] = carousel(2);
    page.setEnabled(true);
    image!.dispatchEvent(new Event('pointerover', { bubbles: true }));
    clicks.get(image!)!();
    await vi.advanceTimersByTimeAsync(0);
    page.setEnabled(false);
    reply(answer(ENGLISH));
    await vi.advanceTimersByTimeAsync(5_000);
    expect(slides(worker)).toEqual(['slide-0']);
  });

  test('switched off between the reader\'s slide change and its answer: the slide after it is not read ahead', async () => {
    vi.useFakeTimers();
    let reply: (a: ImageAnswer) => void = () => {};
    let gesture = false; // the reader's gesture, taken once
    const { page, worker } = start((url) => (url.endsWith('slide-1') ? new Promise((resolve) => (reply = resolve)) : Promise.resolve(answer(ENGLISH))), { gestures: { take: () => gesture && !(gesture = false) } });
    const images = carousel(3);
    page.setEnabled(true, true);
    await vi.advanceTimersByTimeAsync(0);
    expect(slides(worker)).toEqual(['slide-0']);
    // The reader slides on, a gesture of theirs just before.
    gesture = true;
    images.forEach((img, i) => {
      img.parentElement!.classList.toggle('swiper-slide-active', i === 1);
      img.getBoundingClientRect = () => new DOMRect(300 * (i - 1), 0, 300, 400);
    });
    await vi.advanceTimersByTimeAsync(0);
    expect(slides(worker)).toEqual(['slide-0', 'slide-1']);
    expect(gesture).toBe(false); // taken by the slide change
    page.setEnabled(false);
    reply(answer(ENGLISH));
    await vi.advanceTimersByTimeAsync(5_000);
    expect(slides(worker)).toEqual(['slide-0', 'slide-1']);
  });

  test('(the same slide change left on: the slide after it read ahead once shown)', async () => {
    vi.useFakeTimers();
    let gesture = false;
    const { page, worker } = start(async () => answer(ENGLISH), { gestures: { take: () => gesture && !(gesture = false) } });
    const images = carousel(3);
    page.setEnabled(true, true);
    await vi.advanceTimersByTimeAsync(0);
    gesture = true;
    images.forEach((img, i) => {
      img.parentElement!.classList.toggle('swiper-slide-active', i === 1);
      img.getBoundingClientRect = () => new DOMRect(300 * (i - 1), 0, 300, 400);
    });
    await vi.advanceTimersByTimeAsync(5_000);
    expect(slides(worker)).toEqual(['slide-0', 'slide-1', 'slide-2']);
    page.stop();
  });

  test('an image being asked for is not asked again by the next look for an opened note (an answer slower than a second)', async () => {
    vi.useFakeTimers();
    let reply: (a: ImageAnswer) => void = () => {};
    const { page, worker, first } = start(() => new Promise((resolve) => (reply = resolve)), { gestures: { take: () => false } });
    carousel(1);
    page.setEnabled(true, true);
    await vi.advanceTimersByTimeAsync(5_500); // five more looks, the layer mounted (waiting) meanwhile
    expect(slides(worker)).toEqual(['slide-0']);
    reply(answer(ENGLISH));
    await vi.advanceTimersByTimeAsync(2_000);
    expect(slides(worker)).toEqual(['slide-0']);
    expect(first()).toMatchObject({ state: 'shown', label: 'Show original' });
    page.stop();
  });

  test('a slide the reader comes back to while it is being asked for (before its layer shows the wait) is not asked again', async () => {
    vi.useFakeTimers();
    const replies: Array<(a: ImageAnswer) => void> = [];
    const { page, worker } = start((url) => (url.endsWith('slide-1') ? new Promise((resolve) => replies.push(resolve)) : Promise.resolve(answer(ENGLISH))), { gestures: { take: () => false } });
    const images = carousel(2);
    const slideTo = (n: number) =>
      images.forEach((img, i) => {
        img.parentElement!.classList.toggle('swiper-slide-active', i === n);
        img.getBoundingClientRect = () => new DOMRect(300 * (i - n), 0, 300, 400);
      });
    page.setEnabled(true, true);
    await vi.advanceTimersByTimeAsync(0);
    for (const n of [1, 0, 1]) {
      slideTo(n);
      await vi.advanceTimersByTimeAsync(10); // well within WAIT_LABEL_MS
    }
    replies.forEach((reply) => reply(answer(ENGLISH)));
    await vi.advanceTimersByTimeAsync(0);
    replies.forEach((reply) => reply(answer(ENGLISH)));
    await vi.advanceTimersByTimeAsync(2_000);
    expect(slides(worker)).toEqual(['slide-0', 'slide-1']);
    page.stop();
  });

  test('the wait said by a control the pointer mounted meanwhile (there before the deferred mount)', async () => {
    vi.useFakeTimers();
    let reply: (a: ImageAnswer) => void = () => {};
    const { page, first } = start(() => new Promise((resolve) => (reply = resolve)), { gestures: { take: () => false } });
    const [image] = carousel(1);
    page.setEnabled(true, true);
    await vi.advanceTimersByTimeAsync(0);
    image!.dispatchEvent(new Event('pointerover', { bubbles: true }));
    await vi.advanceTimersByTimeAsync(WAIT_LABEL_MS * 2);
    expect(first()).toMatchObject({ state: 'busy', label: 'Reading the text in the image…' });
    reply(answer(ENGLISH));
    await vi.advanceTimersByTimeAsync(0);
    expect(first()).toMatchObject({ state: 'shown', label: 'Show original' });
    page.stop();
  });

  test('a click on "…click to retry": the picture stays, the control says "Translating…" at once; a second click meanwhile asks nothing', async () => {
    vi.useFakeTimers();
    const replies: Array<(a: ImageAnswer) => void> = [];
    const { page, worker, first } = start(() => new Promise((resolve) => replies.push(resolve)), { gestures: { take: () => false } });
    const [image] = carousel(1);
    page.setEnabled(true, true);
    await vi.advanceTimersByTimeAsync(0);
    replies[0]!(answer([ENGLISH[0]!, null], { untranslated: 'no-provider' }));
    await vi.advanceTimersByTimeAsync(0);
    expect(first()).toMatchObject({ label: 'Not translated: no translator set up — click to retry', lines: [{ text: ENGLISH[0] }], overlay: { shown: true } });
    clicks.get(image!)!();
    expect(first()).toMatchObject({ state: 'shown', label: 'Translating…', lines: [{ text: ENGLISH[0] }], overlay: { shown: true } }); // in the click's own task
    await vi.advanceTimersByTimeAsync(0);
    expect(worker).toHaveBeenCalledTimes(2);
    clicks.get(image!)!(); // meanwhile: nothing
    await vi.advanceTimersByTimeAsync(WAIT_LABEL_MS * 2);
    expect(worker).toHaveBeenCalledTimes(2);
    expect(first()).toMatchObject({ state: 'shown', label: 'Translating…', overlay: { shown: true } });
    replies[1]!(answer(ENGLISH));
    await vi.advanceTimersByTimeAsync(0);
    expect(first()).toMatchObject({ label: 'Show original', lines: ENGLISH.map((text) => ({ text })) });
    await vi.advanceTimersByTimeAsync(2_000);
    expect(worker).toHaveBeenCalledTimes(2); // (asks go one at a time: a second one would come now)
    page.stop();
  });

  test('why lines are untranslated, on the control: paused, no translator, a key refused naming the translator chosen', async () => {
    vi.useFakeTimers();
    const labels: string[] = [];
    for (const [untranslated, translator] of [
      ['paused', 'deepl'],
      ['no-provider', 'deepl'],
      ['auth', 'chat'],
    ] as const) {
      const { page, first } = start(async () => answer([ENGLISH[0]!, null], { untranslated }), { translator: () => translator, gestures: { take: () => false } });
      carousel(1);
      page.setEnabled(true, true);
      await vi.advanceTimersByTimeAsync(0);
      labels.push(first()!.label);
      page.stop();
      document.body.replaceChildren();
    }
    expect(labels).toEqual([
      'Not translated: paused: unusual amount of text on this page — click to retry',
      'Not translated: no translator set up — click to retry',
      'Not translated: chat model key refused — click to retry',
    ]);
  });

  test('an image with no text: its English counted whole in progress (nothing to wait for)', async () => {
    vi.useFakeTimers();
    const { page, first } = start(async () => ({ ok: true, text: { width: 100, height: 100, lines: [] }, english: [], overlay: null }), { gestures: { take: () => false } });
    carousel(1);
    page.setEnabled(true, true);
    await vi.advanceTimersByTimeAsync(0);
    expect(first()).toMatchObject({ state: 'shown', label: 'No text found' });
    expect(page.progress()).toEqual({ layers: 1, english: [`${CDN}/slide-0`], ready: [] });
    page.stop();
  });

  test('English to draw but no picture of it (the drawing failed): said, a click asks again; lines that read the same need none', async () => {
    vi.useFakeTimers();
    const { page, worker, first } = start(async () => ({ ...answer(ENGLISH), overlay: null }), { gestures: { take: () => false } });
    const [image] = carousel(1);
    page.setEnabled(true, true);
    await vi.advanceTimersByTimeAsync(0);
    expect(first()).toMatchObject({ state: 'shown', label: 'Couldn’t draw the English — click to retry', overlay: null });
    clicks.get(image!)!();
    await vi.advanceTimersByTimeAsync(0);
    expect(worker).toHaveBeenCalledTimes(2);
    page.stop();
    document.body.replaceChildren();
    // Every line's English its own text (a brand, a price): nothing to draw, nothing to say.
    const same = start(async () => ({ ...answer(TEXT.lines.map((l) => l.text)), overlay: null }), { gestures: { take: () => false } });
    carousel(1);
    same.page.setEnabled(true, true);
    await vi.advanceTimersByTimeAsync(0);
    expect(same.first()).toMatchObject({ state: 'shown', label: 'Show original', overlay: null });
    same.page.stop();
  });
});

/** A slide holding an image; `root()`: the layer's closed shadow root, seen by the test only. */
function slideWithImage() {
  let root: ShadowRoot | undefined;
  const attach = HTMLElement.prototype.attachShadow;
  vi.spyOn(HTMLElement.prototype, 'attachShadow').mockImplementation(function (this: HTMLElement, init: ShadowRootInit) {
    return (root = attach.call(this, init));
  });
  const slide = document.body.appendChild(document.createElement('div'));
  return { slide, image: slide.appendChild(document.createElement('img')), root: () => root! };
}

const line = (source: string, text: string | null = null): LayerLine => ({ source, text, box: { left: 10, top: 20, width: 50, height: 5 } });
/** An overlay as the page makes it from the worker's picture. */
const overlayOf = async (alt: string) => (await decodeOverlay(document, PNG_URL, alt))!;

describe('the layer', () => {
  test('its control says each state; the lines listed only with the picture shown, none for the original', async () => {
    const { slide, image } = slideWithImage();
    const layer = mountImageLayer(image, () => {});
    expect(image.nextElementSibling?.getAttribute('data-rnl')).toBe('image-layer');
    expect(layer.describe().label).toBe('Translate image');
    const overlay = await overlayOf('Weekend check-in');
    vi.useFakeTimers();
    layer.set({ kind: 'busy', label: 'Reading the text in the image…' });
    vi.advanceTimersByTime(WAIT_LABEL_MS);
    expect(layer.describe().label).toBe('Reading the text in the image…');
    const waiting = [line('周末打卡'), line('人均五十')];
    layer.set({ kind: 'shown', lines: waiting, overlay: null, original: false });
    vi.advanceTimersByTime(WAIT_LABEL_MS);
    expect(layer.describe()).toMatchObject({ label: 'Translating…', lines: [], overlay: null });
    vi.useRealTimers();
    const some = [line('周末打卡', 'Weekend check-in'), line('人均五十')];
    layer.set({ kind: 'shown', lines: some, overlay, original: false, note: 'Not translated: no translator available — click to retry' });
    expect(layer.describe()).toMatchObject({ label: 'Not translated: no translator available — click to retry', lines: [{ text: 'Weekend check-in', source: '周末打卡' }], overlay: { shown: true, alt: 'Weekend check-in' } });
    const all = [line('周末打卡', 'Weekend check-in'), line('人均五十', 'Under fifty a head')];
    layer.set({ kind: 'shown', lines: all, overlay, original: false });
    expect(layer.describe().label).toBe('Show original');
    // A note is said whenever set, every line translated or not (an image asked again from its picture).
    layer.set({ kind: 'shown', lines: all, overlay, original: false, note: 'Translating…' });
    expect(layer.describe()).toMatchObject({ label: 'Translating…', overlay: { shown: true } });
    layer.set({ kind: 'shown', lines: all, overlay: null, original: false, note: 'Couldn’t draw the English — click to retry' });
    expect(layer.describe().label).toBe('Couldn’t draw the English — click to retry');
    layer.set({ kind: 'shown', lines: all, overlay, original: false });
    expect(layer.describe().lines).toHaveLength(2);
    layer.set({ kind: 'shown', lines: all, overlay, original: true });
    expect(layer.describe()).toMatchObject({ label: 'Show English', lines: [], overlay: { shown: false } });
    layer.set({ kind: 'shown', lines: [], overlay: null, original: false });
    expect(layer.describe().label).toBe('No text found');
    layer.set({ kind: 'failed', label: 'Couldn’t load this image — click to retry' });
    expect(layer.describe()).toMatchObject({ label: 'Couldn’t load this image — click to retry', overlay: null });
    layer.remove();
    expect(slide.children).toHaveLength(1);
  });

  test('the worker\'s picture laid under the control, hidden (not removed) for "Show original", taken out when the state has none', async () => {
    const { image, root } = slideWithImage();
    const layer = mountImageLayer(image, () => {});
    const control = root().querySelector('button')!;
    const overlay = await overlayOf('Weekend check-in');
    const lines = [line('周末打卡', 'Weekend check-in')];
    layer.set({ kind: 'shown', lines, overlay, original: false });
    expect(overlay.parentElement).toBe(control.parentElement);
    expect(overlay.nextElementSibling).toBe(control); // under it: the control stays on top
    expect(getComputedStyle(overlay).visibility).toBe('visible');
    layer.set({ kind: 'shown', lines, overlay, original: true });
    expect(overlay.isConnected).toBe(true);
    expect(getComputedStyle(overlay).visibility).toBe('hidden');
    layer.set({ kind: 'shown', lines, overlay, original: false });
    expect(getComputedStyle(overlay).visibility).toBe('visible');
    // A new picture replaces it; a state without one leaves none.
    const next = await overlayOf('Weekend check-in\nUnder fifty a head');
    layer.set({ kind: 'shown', lines, overlay: next, original: false });
    expect(overlay.isConnected).toBe(false);
    expect(root().querySelectorAll('.overlay')).toHaveLength(1);
    layer.set({ kind: 'failed', label: 'Couldn’t read this image — click to retry' });
    expect(root().querySelectorAll('.overlay')).toHaveLength(0);
    layer.remove();
  });

  test('a wait shorter than WAIT_LABEL_MS (an image read ahead or cached) is never said, unless a click asked: then at once', async () => {
    vi.useFakeTimers();
    const { image } = slideWithImage();
    const busy: LayerState = { kind: 'busy', label: 'Reading the text in the image…' };
    const overlay = await overlayOf('Weekend check-in');
    const layer = mountImageLayer(image, () => {});
    const seen = [layer.describe().label];
    layer.set(busy);
    seen.push(layer.describe().label);
    vi.advanceTimersByTime(WAIT_LABEL_MS / 2);
    layer.set({ kind: 'shown', lines: [line('周末打卡')], overlay: null, original: false });
    seen.push(layer.describe().label);
    vi.advanceTimersByTime(WAIT_LABEL_MS / 3);
    layer.set({ kind: 'shown', lines: [line('周末打卡', 'Weekend check-in')], overlay, original: false });
    seen.push(layer.describe().label);
    vi.advanceTimersByTime(WAIT_LABEL_MS * 2);
    seen.push(layer.describe().label);
    expect(seen).toEqual(['Translate image', 'Translate image', 'Translate image', 'Show original', 'Show original']);
    layer.remove();
    // A click's wait (sayNow): said in the click's own task.
    const clicked = mountImageLayer(image, () => {});
    clicked.set(busy, true);
    expect(clicked.describe().label).toBe('Reading the text in the image…');
    clicked.remove();
    // A slide translated without a click: mounted waiting, its control shows nothing until the wait is said.
    const next = mountImageLayer(image, () => {}, busy);
    expect(next.describe().label).toBe('');
    vi.advanceTimersByTime(WAIT_LABEL_MS - 1);
    expect(next.describe().label).toBe('');
    vi.advanceTimersByTime(1);
    expect(next.describe().label).toBe('Reading the text in the image…');
    next.remove();
  });

  test('a pointer\'s press on the control does not take focus; only a trusted click reaches the page\'s part', () => {
    const { image, root } = slideWithImage();
    const onControl = vi.fn();
    const layer = mountImageLayer(image, onControl);
    const control = root().querySelector('button')!;
    const press = new MouseEvent('mousedown', { bubbles: true, cancelable: true, composed: true });
    control.dispatchEvent(press);
    expect(press.defaultPrevented).toBe(true);
    const click = new MouseEvent('click', { bubbles: true, cancelable: true, composed: true });
    const onPage = vi.fn();
    image.parentElement!.addEventListener('click', onPage);
    control.dispatchEvent(click);
    expect(click.defaultPrevented).toBe(true);
    expect(onPage).not.toHaveBeenCalled(); // the carousel never sees it
    expect(onControl).not.toHaveBeenCalled(); // a script's click
    layer.remove();
  });

  test('describe(): each line\'s rect its box in the picture\'s rect', async () => {
    const { image } = slideWithImage();
    const layer = mountImageLayer(image, () => {});
    layer.host.getBoundingClientRect = () => new DOMRect(100, 50, 400, 300);
    const overlay = await overlayOf('Weekend check-in');
    layer.set({ kind: 'shown', lines: [line('周末打卡', 'Weekend check-in'), { source: '人均五十', text: 'Under fifty a head', box: { left: 0, top: 90, width: 100, height: 10 } }], overlay, original: false });
    const described = layer.describe();
    expect(described.picture).toEqual({ x: 100, y: 50, width: 400, height: 300 });
    expect(described.lines).toEqual([
      { text: 'Weekend check-in', source: '周末打卡', rect: { x: 140, y: 110, width: 200, height: 15 } },
      { text: 'Under fifty a head', source: '人均五十', rect: { x: 100, y: 320, width: 400, height: 30 } },
    ]);
    expect(described.overlay).toMatchObject({ shown: true, alt: 'Weekend check-in', chars: PNG_URL.length });
    // measure: false reads no layout.
    expect(layer.describe(false).lines[0]!.rect).toEqual({ x: 0, y: 0, width: 0, height: 0 });
    layer.remove();
  });

  test('placed over the picture as it is mounted; a resize moves the layer only (the picture fills it)', async () => {
    let onResize = () => {};
    globalThis.ResizeObserver = class {
      constructor(fn: () => void) {
        onResize = fn;
      }
      observe() {}
      disconnect() {}
      unobserve() {}
    } as unknown as typeof ResizeObserver;
    const { image } = slideWithImage();
    Object.defineProperties(image, { naturalWidth: { value: 1080 }, naturalHeight: { value: 1440 } });
    const sized = (width: number) => Object.defineProperties(image, { offsetWidth: { value: width, configurable: true }, offsetHeight: { value: (width * 4) / 3, configurable: true } });
    sized(600);
    const layer = mountImageLayer(image, () => {});
    expect(layer.host.style.width).toBe('600px');
    expect(layer.host.style.height).toBe('800px');
    const overlay = await overlayOf('Weekend check-in');
    layer.set({ kind: 'shown', lines: [line('周末打卡', 'Weekend check-in')], overlay, original: false });
    sized(300);
    onResize();
    expect(layer.host.style.width).toBe('300px');
    expect(overlay.style.cssText).toBe(''); // sized by the layer's style, not written per resize
    layer.remove();
  });
});

describe('decodeOverlay', () => {
  test('only a PNG data URL is taken: anything else is null, no image made', async () => {
    const made = vi.spyOn(document, 'createElement');
    for (const url of [null, '', 'javascript:alert(1)', 'https://evil.example/overlay.png', 'data:text/html,<script>alert(1)</script>', 'data:image/svg+xml;base64,PHN2Zz4=', 'DATA:IMAGE/PNG;BASE64,iVBORw0KGgo=']) {
      expect(await decodeOverlay(document, url, 'x')).toBeNull();
    }
    expect(made).not.toHaveBeenCalled();
  });

  test('resolved once loaded, as an image of ours: class overlay, the English as its alt, out of the page until shown', async () => {
    page.images().hold(PNG_URL);
    let done: HTMLImageElement | null | undefined;
    const decoding = decodeOverlay(document, PNG_URL, 'Weekend check-in\nUnder fifty a head').then((img) => (done = img));
    for (let i = 0; i < 5; i++) await Promise.resolve();
    expect(done).toBeUndefined(); // not before its load
    expect(page.images().settle(PNG_URL, 'load')).toBe(1);
    const img = (await decoding)!;
    expect(img).toMatchObject({ className: 'overlay', alt: 'Weekend check-in\nUnder fifty a head', src: PNG_URL });
    expect(img.isConnected).toBe(false);
  });

  test('null when the picture does not load', async () => {
    page.images().hold(PNG_URL);
    const decoding = decodeOverlay(document, PNG_URL, 'x');
    page.images().settle(PNG_URL, 'error');
    expect(await decoding).toBeNull();
    expect(await decodeOverlay(document, 'data:image/png;base64,%%%', 'x')).toBeNull(); // not base64: the fake's error
  });
});
