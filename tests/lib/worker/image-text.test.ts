// Text in images, the worker's part: only the image CDN, the cache per URL, one recognition per URL
// at a time, failures not cached; the offscreen document made once, and its absence (Firefox) said.
import 'fake-indexeddb/auto';
import { describe, expect, test, vi } from 'vitest';
import { openImageTextCache } from '../../../lib/cache/image-text-cache';
import { MAX_IMAGE_BYTES, type ImageText } from '../../../lib/messaging/ocr';
import { fromBase64, toBase64 } from '../../../lib/ocr/base64';
import { IMAGE_ANSWERS_PER_MINUTE, IMAGE_RECOGNITIONS_PER_MINUTE } from '../../../lib/messaging/limits';
import { createImageText, IMAGE_TRANSLATION_WAIT_MS, lazyImageText } from '../../../lib/worker/image-text';
import type { Segment, SegmentResult } from '../../../lib/messaging/contract';
import type { OverlayLine } from '../../../lib/ocr/overlay';
import { createOffscreenRecogniser, fetchImage, NO_OFFSCREEN } from '../../../lib/worker/offscreen';

const URL_1 = 'https://sns-webpic-qc.xhscdn.com/202611/abc!nd_dft_wlteh_webp_3';
const TEXT: ImageText = { width: 1080, height: 1440, lines: [{ text: '周末打卡', box: { x: 1, y: 2, width: 3, height: 4 }, vertical: false, confidence: 0.99 }] };
const OVERLAY = 'data:image/png;base64,AAAA';
/** An engine that translates every line, and a drawing that answers one picture for any line. */
const english = () => ({
  translate: vi.fn(async (segments: Segment[], _tab: number): Promise<SegmentResult[]> => segments.map((s) => ({ id: s.id, ok: true, text: `EN ${s.text}`, fromCache: false }))),
  render: vi.fn(async (lines: OverlayLine[], _width: number, _height: number) => (lines.length ? OVERLAY : null)),
});
const ANSWER = { ok: true, text: TEXT, english: ['EN 周末打卡'], overlay: OVERLAY };

describe('the worker recognises note images', () => {
  test('only https images on the image CDN', async () => {
    const recognise = vi.fn(async () => TEXT);
    const images = createImageText({ ...english(), cache: await openImageTextCache({ indexedDB: false }), recognise });
    for (const url of ['https://evil.example/a.jpg', 'http://sns-webpic-qc.xhscdn.com/a', 'https://xhscdn.com.evil.example/a', 'chrome-extension://x/ocr/a', 'data:image/png;base64,AA']) {
      await expect(images.recognise(url)).rejects.toThrow(/Not a note image/);
    }
    expect(recognise).not.toHaveBeenCalled();
  });

  test('without host access to the image CDN (optional, not granted yet): the page is told so, nothing is fetched or counted; cached text still answers', async () => {
    const recognise = vi.fn(async () => TEXT);
    let granted = false;
    const cache = await openImageTextCache({ indexedDB: false });
    await cache.set(`${URL_1}-cached`, TEXT);
    const images = createImageText({ ...english(), cache, recognise, hasAccess: async () => granted });
    const ask = (url: string) => images.handlers['recognise-image']({ type: 'recognise-image', url }, { id: 'x', tab: { id: 1 } });
    for (let i = 0; i < IMAGE_RECOGNITIONS_PER_MINUTE + 1; i++) expect(await ask(`${URL_1}-${i}`)).toEqual({ ok: false, kind: 'access' });
    expect(recognise).not.toHaveBeenCalled();
    expect(await ask(`${URL_1}-cached`)).toEqual(ANSWER);
    granted = true;
    // Two asks at once for one image: one recognition (the access check leaves no gap between the look at running jobs and the new one's entry).
    const [a, b] = await Promise.all([ask(`${URL_1}-0`), ask(`${URL_1}-0`)]);
    expect([a, b]).toEqual([ANSWER, ANSWER]);
    expect(recognise).toHaveBeenCalledTimes(1);
  });

  test('one recognition per URL, cached across worker restarts (IndexedDB); a failure is not cached', async () => {
    const recognise = vi.fn(async () => TEXT);
    const cache = await openImageTextCache({ dbName: 'image-text-test' });
    const images = createImageText({ ...english(), cache, recognise });
    const [a, b] = await Promise.all([images.recognise(URL_1), images.recognise(URL_1)]);
    expect(a).toEqual(TEXT);
    expect(b).toEqual(TEXT);
    expect(recognise).toHaveBeenCalledTimes(1);
    // a new worker: the memory is gone, the disk answers
    const again = createImageText({ ...english(), cache: await openImageTextCache({ dbName: 'image-text-test' }), recognise });
    expect(await again.recognise(URL_1)).toEqual(TEXT);
    expect(recognise).toHaveBeenCalledTimes(1);

    const failing = vi.fn().mockRejectedValueOnce(new Error('image fetch: HTTP 404')).mockResolvedValueOnce(TEXT);
    const other = createImageText({ ...english(), cache: await openImageTextCache({ indexedDB: false }), recognise: failing });
    const url = `${URL_1}-2`;
    await expect(other.recognise(url)).rejects.toThrow('HTTP 404');
    expect(await other.recognise(url)).toEqual(TEXT);
  });

  test('a page cannot drive recognition: per tab one image at a time and a few new images a minute; the cache answers freely', async () => {
    let clock = 0;
    const pending: Array<() => void> = [];
    const recognise = vi.fn(() => new Promise<ImageText>((resolve) => pending.push(() => resolve(TEXT))));
    const images = createImageText({ ...english(), cache: await openImageTextCache({ indexedDB: false }), recognise, now: () => clock });
    const ask = (url: string, tab: number) => images.handlers['recognise-image']({ type: 'recognise-image', url }, { id: 'x', tab: { id: tab } });
    const first = ask(`${URL_1}-a`, 1);
    expect(await ask(`${URL_1}-b`, 1)).toEqual({ ok: false, kind: 'busy' }); // a second image while one is read
    const otherTab = ask(`${URL_1}-b`, 2); // another tab is not held up
    await vi.waitFor(() => expect(recognise).toHaveBeenCalledTimes(2));
    pending.splice(0).forEach((resolve) => resolve());
    await Promise.all([first, otherTab]);
    // A loop of new URLs, each waited for: IMAGE_RECOGNITIONS_PER_MINUTE in a minute, no more.
    let refused = 0;
    for (let i = 0; i < 100; i++) {
      const job = ask(`${URL_1}-loop-${i}`, 1).then((answer) => void (refused += Number(!answer.ok && answer.kind === 'limit')));
      await vi.waitFor(() => expect(pending.length + refused).toBeGreaterThan(0));
      pending.splice(0).forEach((resolve) => resolve());
      await job;
    }
    expect(recognise).toHaveBeenCalledTimes(2 + IMAGE_RECOGNITIONS_PER_MINUTE - 1);
    expect(await ask(`${URL_1}-a`, 1)).toEqual(ANSWER); // recognised before: from the cache
    clock += 60_000;
    const later = ask(`${URL_1}-later`, 1);
    await vi.waitFor(() => expect(pending).toHaveLength(1));
    pending.splice(0).forEach((resolve) => resolve());
    expect(await later).toEqual(ANSWER);
  });

  test('a recognition under way when the cache is cleared does not put its text back', async () => {
    let finish: (() => void) | undefined;
    const recognise = vi.fn(async () => TEXT).mockImplementationOnce(() => new Promise<ImageText>((resolve) => (finish = () => resolve(TEXT))));
    const images = createImageText({ ...english(), cache: await openImageTextCache({ indexedDB: false }), recognise });
    const job = images.recognise(URL_1);
    await vi.waitFor(() => expect(finish).toBeDefined());
    await images.clear();
    finish!();
    await job;
    await images.recognise(URL_1);
    expect(recognise).toHaveBeenCalledTimes(2);
  });

  test('the image cache is opened on the first image (or clear), not before: no other message waits for it', async () => {
    const recognise = vi.fn(async () => TEXT);
    const open = vi.fn(async () => createImageText({ ...english(), cache: await openImageTextCache({ indexedDB: false }), recognise }));
    const images = lazyImageText(open);
    expect(open).not.toHaveBeenCalled();
    const ask = () => images.handlers['recognise-image']({ type: 'recognise-image', url: URL_1 }, { id: 'x', tab: { id: 1 } });
    expect(await ask()).toEqual(ANSWER);
    await images.clear();
    expect(await ask()).toEqual(ANSWER);
    expect(open).toHaveBeenCalledTimes(1);
    expect(recognise).toHaveBeenCalledTimes(2);
  });

  test('clearing forgets recognised images', async () => {
    const recognise = vi.fn(async () => TEXT);
    const images = createImageText({ ...english(), cache: await openImageTextCache({ dbName: 'image-text-clear' }), recognise });
    await images.recognise(URL_1);
    await images.clear();
    await images.recognise(URL_1);
    expect(recognise).toHaveBeenCalledTimes(2);
  });
});

describe('the answer: the lines\' English from the translator, drawn as one picture', () => {
  const THREE: ImageText = {
    width: 1080,
    height: 1440,
    lines: ['周末打卡', '人均五十', '好吃'].map((text, i) => ({ text, box: { x: 10, y: 100 * (i + 1), width: 300, height: 60 }, vertical: false, confidence: 0.99 })),
  };
  const ok = (id: string, text: string): SegmentResult => ({ id, ok: true, text, fromCache: false });
  const later = (id: string, retryAt: number): SegmentResult => ({ id, ok: false, error: { kind: 'rate-limited', retryAt } });
  const refusedLine = (id: string): SegmentResult => ({ id, ok: false, error: { kind: 'no-provider' } });
  /** The worker with THREE recognised, `results` as the translator's answer. */
  const answerWith = async (text: ImageText, results: (segments: Segment[]) => SegmentResult[] | Promise<SegmentResult[]>, render = vi.fn(async (lines: OverlayLine[], _w: number, _h: number): Promise<string | null> => (lines.length ? OVERLAY : null))) => {
    const translate = vi.fn(async (segments: Segment[], _tab: number) => results(segments));
    const images = createImageText({ cache: await openImageTextCache({ indexedDB: false }), recognise: async () => text, translate, render, now: () => 1_000_000 });
    const answer = await images.handlers['recognise-image']({ type: 'recognise-image', url: URL_1 }, { id: 'x', tab: { id: 7 } });
    return { answer, translate, render };
  };

  /** One worker (the clock settable) with `text` recognised: `ask(tab)` asks it for URL_1. */
  const workerWith = async (text: ImageText, results: (segments: Segment[]) => SegmentResult[] | Promise<SegmentResult[]>, render = vi.fn(async (lines: OverlayLine[], _w: number, _h: number): Promise<string | null> => (lines.length ? OVERLAY : null))) => {
    const clock = { now: 1_000_000 };
    const translate = vi.fn(async (segments: Segment[], _tab: number) => results(segments));
    const images = createImageText({ cache: await openImageTextCache({ indexedDB: false }), recognise: async () => text, translate, render, now: () => clock.now });
    const ask = (tab = 7) => images.handlers['recognise-image']({ type: 'recognise-image', url: URL_1 }, { id: 'x', tab: { id: tab } });
    return { images, ask, translate, render, clock };
  };

  test('each line\'s English from the result with its id, whatever the order; asked in the tab\'s name', async () => {
    const { answer, translate } = await answerWith(THREE, () => [ok('2', 'Tasty'), ok('0', 'Weekend check-in'), ok('1', 'Under fifty a head'), ok('9', 'not a line')]);
    expect(answer).toEqual({ ok: true, text: THREE, english: ['Weekend check-in', 'Under fifty a head', 'Tasty'], overlay: OVERLAY });
    expect(translate).toHaveBeenCalledTimes(1);
    expect(translate.mock.calls[0]).toEqual([[{ id: '0', text: '周末打卡' }, { id: '1', text: '人均五十' }, { id: '2', text: '好吃' }], 7]);
  });

  test('lines the translator will answer later: retryAt is the latest of theirs, their English null; no refusal', async () => {
    const { answer } = await answerWith(THREE, () => [ok('0', 'Weekend check-in'), later('1', 1_003_000), later('2', 1_008_000)]);
    expect(answer).toEqual({ ok: true, text: THREE, english: ['Weekend check-in', null, null], overlay: OVERLAY, retryAt: 1_008_000 });
  });

  // Changed on purpose: `refused: true` became `untranslated` (the first line's kind), so the page says why.
  test('a line the translator will not translate (no retryAt, a kind it does not retry): untranslated with its kind, its English null; the others drawn', async () => {
    const { answer } = await answerWith(THREE, () => [ok('0', 'Weekend check-in'), refusedLine('1'), ok('2', 'Tasty')]);
    expect(answer).toEqual({ ok: true, text: THREE, english: ['Weekend check-in', null, 'Tasty'], overlay: OVERLAY, untranslated: 'no-provider' });
    const paused = await answerWith(THREE, () => [ok('0', 'Weekend check-in'), { id: '1', ok: false, error: { kind: 'paused' } }, refusedLine('2')]);
    expect(paused.answer).toEqual({ ok: true, text: THREE, english: ['Weekend check-in', null, null], overlay: OVERLAY, untranslated: 'paused' });
  });

  test('a line still in the translator\'s hands with no time said (a retried kind, no retryAt): asked again in 1 s, not untranslated', async () => {
    const { answer } = await answerWith(THREE, () => [ok('0', 'Weekend check-in'), { id: '1', ok: false, error: { kind: 'network' } }, ok('2', 'Tasty')]);
    expect(answer).toEqual({ ok: true, text: THREE, english: ['Weekend check-in', null, 'Tasty'], overlay: OVERLAY, retryAt: 1_001_000 });
  });

  // Changed on purpose: asked again in 1 s (was 250 ms).
  test('lines with no result at all (or a translator that throws): asked again in 1 s', async () => {
    const { answer } = await answerWith(THREE, () => [ok('0', 'Weekend check-in')]);
    expect(answer).toMatchObject({ ok: true, english: ['Weekend check-in', null, null], retryAt: 1_001_000 });
    expect(answer).not.toHaveProperty('untranslated');
    const thrown = await answerWith(THREE, () => Promise.reject(new Error('worker restarting')));
    expect(thrown.answer).toEqual({ ok: true, text: THREE, english: [null, null, null], overlay: null, retryAt: 1_001_000 });
    // A later retryAt the translator gave stays the one said.
    const both = await answerWith(THREE, () => [later('0', 1_009_000)]);
    expect(both.answer).toMatchObject({ retryAt: 1_009_000 });
  });

  test('the drawing gets only the lines with English, their boxes in the image\'s pixels, and the image\'s size', async () => {
    const { answer, render } = await answerWith(THREE, () => [ok('0', 'Weekend check-in'), later('1', 1_003_000), ok('2', 'Tasty')]);
    expect(render).toHaveBeenCalledTimes(1);
    expect(render.mock.calls[0]).toEqual([
      [
        { box: THREE.lines[0]!.box, vertical: false, english: 'Weekend check-in' },
        { box: THREE.lines[2]!.box, vertical: false, english: 'Tasty' },
      ],
      1080,
      1440,
    ]);
    expect(answer).toMatchObject({ overlay: OVERLAY });
  });

  // Changed on purpose: a failed drawing no longer fails the reading: the lines and English go, undrawn (the page says so).
  test('the overlay is the drawing\'s; a drawing that fails answers the lines with overlay null, and the next ask draws again', async () => {
    const drawn = await answerWith(THREE, (segments) => segments.map((s) => ok(s.id, 'x')), vi.fn(async (): Promise<string | null> => 'data:image/png;base64,DRAWN'));
    expect(drawn.answer).toMatchObject({ ok: true, overlay: 'data:image/png;base64,DRAWN' });
    const render = vi.fn(async (): Promise<string | null> => Promise.reject(new Error('No 2D canvas at chrome-extension://id')));
    const { ask } = await workerWith(THREE, (segments) => segments.map((s) => ok(s.id, 'x')), render);
    expect(await ask()).toStrictEqual({ ok: true, text: THREE, english: ['x', 'x', 'x'], overlay: null });
    render.mockResolvedValueOnce('data:image/png;base64,DRAWN');
    expect(await ask()).toMatchObject({ ok: true, overlay: 'data:image/png;base64,DRAWN' }); // the failure not kept
    expect(render).toHaveBeenCalledTimes(2);
  });

  test('the same image asked again and again: drawn once (the drawing kept), until its English changes', async () => {
    let english = 'x';
    const { ask, render } = await workerWith(THREE, (segments) => segments.map((s) => ok(s.id, english)));
    for (let i = 0; i < 5; i++) expect(await ask()).toMatchObject({ ok: true, overlay: OVERLAY });
    expect(render).toHaveBeenCalledTimes(1);
    english = 'y';
    await ask();
    expect(render).toHaveBeenCalledTimes(2);
  });

  test('a line whose English is its own text (a price, a brand) is not drawn; a column passed on as the recogniser read it', async () => {
    const mixed: ImageText = { ...THREE, lines: [{ ...THREE.lines[0]!, text: 'Lululemon' }, { ...THREE.lines[1]!, vertical: true }, THREE.lines[2]!] };
    const { answer, render } = await answerWith(mixed, () => [ok('0', 'Lululemon'), ok('1', 'Under fifty a head'), ok('2', 'Tasty')]);
    expect(answer).toMatchObject({ ok: true, english: ['Lululemon', 'Under fifty a head', 'Tasty'] });
    expect(render.mock.calls[0]![0]).toEqual([
      { box: mixed.lines[1]!.box, vertical: true, english: 'Under fifty a head' },
      { box: mixed.lines[2]!.box, vertical: false, english: 'Tasty' },
    ]);
  });

  test('a translation that never settles: the answer goes after IMAGE_TRANSLATION_WAIT_MS, every line null, asked again soon', async () => {
    vi.useFakeTimers();
    try {
      const { ask, render } = await workerWith(THREE, () => new Promise<SegmentResult[]>(() => {}));
      let answered: unknown;
      void ask().then((a) => (answered = a));
      await vi.advanceTimersByTimeAsync(IMAGE_TRANSLATION_WAIT_MS - 1);
      expect(answered).toBeUndefined();
      await vi.advanceTimersByTimeAsync(1);
      expect(answered).toStrictEqual({ ok: true, text: THREE, english: [null, null, null], overlay: null, retryAt: 1_001_000 });
      expect(render.mock.calls[0]![0]).toEqual([]);
    } finally {
      vi.useRealTimers();
    }
  });

  test('answers counted per tab: past IMAGE_ANSWERS_PER_MINUTE a minute, the limit (cached or not); another tab answered; a minute later answered again', async () => {
    const { ask, clock } = await workerWith(THREE, (segments) => segments.map((s) => ok(s.id, 'x')));
    for (let i = 0; i < IMAGE_ANSWERS_PER_MINUTE; i++) expect(await ask()).toMatchObject({ ok: true });
    expect(await ask()).toStrictEqual({ ok: false, kind: 'limit' });
    expect(await ask(8)).toMatchObject({ ok: true });
    clock.now += 60_000;
    expect(await ask()).toMatchObject({ ok: true });
  });

  test('an image with no lines: no translator asked; nothing drawn', async () => {
    const empty: ImageText = { width: 1080, height: 1440, lines: [] };
    const { answer, translate, render } = await answerWith(empty, () => []);
    expect(translate).not.toHaveBeenCalled();
    expect(render.mock.calls[0]).toEqual([[], 1080, 1440]);
    expect(answer).toStrictEqual({ ok: true, text: empty, english: [], overlay: null });
  });
});

describe('the offscreen document', () => {
  const fakeChrome = (answer: unknown) => {
    let open = false;
    const createDocument = vi.fn(async () => void (open = true));
    const closeDocument = vi.fn(async () => void (open = false));
    return {
      offscreen: { createDocument, closeDocument },
      runtime: { getContexts: vi.fn(async () => (open ? [{}] : [])), sendMessage: vi.fn(async () => answer) },
    };
  };

  const JPEG = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3]);
  const fetcher = vi.fn(async () => new Response(JPEG)) as unknown as typeof fetch;

  test('made once, on first use; the worker fetches the image and hands its bytes over', async () => {
    const chrome = fakeChrome({ ok: true, value: TEXT });
    const recognise = createOffscreenRecogniser(chrome, fetcher);
    expect(chrome.offscreen.createDocument).not.toHaveBeenCalled();
    await Promise.all([recognise(URL_1), recognise(URL_1)]);
    await recognise(URL_1);
    expect(chrome.offscreen.createDocument).toHaveBeenCalledTimes(1);
    expect(fetcher).toHaveBeenCalledWith(URL_1, expect.objectContaining({ credentials: 'omit' }));
    expect(chrome.runtime.sendMessage).toHaveBeenCalledWith({ target: 'rnl-offscreen', type: 'ocr-image', image: toBase64(JPEG) });
    expect(fromBase64(toBase64(JPEG))).toEqual(JPEG);
  });

  test('closed a while after its last image (its memory back), made again for the next', async () => {
    vi.useFakeTimers();
    try {
      const chrome = fakeChrome({ ok: true, value: TEXT });
      const recognise = createOffscreenRecogniser(chrome, fetcher, 60_000);
      await recognise(URL_1);
      await vi.advanceTimersByTimeAsync(59_000);
      // A slow image meanwhile: not closed under it, and the wait starts again after it.
      chrome.runtime.sendMessage.mockImplementationOnce(() => new Promise((resolve) => setTimeout(() => resolve({ ok: true, value: TEXT }), 5_000)));
      const slow = recognise(URL_1);
      await vi.advanceTimersByTimeAsync(5_000);
      await slow;
      await vi.advanceTimersByTimeAsync(59_000);
      expect(chrome.offscreen.closeDocument).not.toHaveBeenCalled();
      await vi.advanceTimersByTimeAsync(2_000);
      expect(chrome.offscreen.closeDocument).toHaveBeenCalledTimes(1);
      await recognise(URL_1);
      expect(chrome.offscreen.createDocument).toHaveBeenCalledTimes(2);
    } finally {
      vi.useRealTimers();
    }
  });

  test('one image at a time in the document; nothing fetched without an offscreen API', async () => {
    const chrome = fakeChrome({ ok: true, value: TEXT });
    let inside = 0;
    let most = 0;
    chrome.runtime.sendMessage.mockImplementation(async () => {
      most = Math.max(most, ++inside);
      await new Promise((resolve) => setTimeout(resolve, 5));
      inside--;
      return { ok: true, value: TEXT };
    });
    const recognise = createOffscreenRecogniser(chrome, fetcher);
    await Promise.all([1, 2, 3, 4].map((i) => recognise(`${URL_1}-${i}`)));
    expect(most).toBe(1);
    const counting = vi.fn(async () => new Response(JPEG)) as unknown as typeof fetch;
    await expect(createOffscreenRecogniser({ runtime: { sendMessage: vi.fn() } }, counting)(URL_1)).rejects.toThrow(NO_OFFSCREEN);
    expect(counting).not.toHaveBeenCalled();
  });

  test('an image larger than a note image is refused as it arrives; a hanging one gives up', async () => {
    const big = new Uint8Array(MAX_IMAGE_BYTES / 4);
    let sent = 0;
    const endless = vi.fn(async () => new Response(new ReadableStream({ pull: (c) => void (sent++, c.enqueue(big)) }))) as unknown as typeof fetch;
    await expect(fetchImage(URL_1, endless)).rejects.toThrow(/more than a note image/);
    expect(sent).toBeLessThan(8);
    const declared = vi.fn(async () => new Response(JPEG, { headers: { 'content-length': String(MAX_IMAGE_BYTES + 1) } })) as unknown as typeof fetch;
    await expect(fetchImage(URL_1, declared)).rejects.toThrow(/more than a note image/);
    const hanging = vi.fn((_: unknown, init?: RequestInit) => new Promise<Response>((_, reject) => init?.signal?.addEventListener('abort', () => reject(init.signal!.reason)))) as unknown as typeof fetch;
    await expect(fetchImage(URL_1, hanging, 20)).rejects.toThrow(/image fetch/);
  });

  test('the page is told why as a kind: fetch, decode, recognise, no offscreen API', async () => {
    const site = { id: 'x', tab: { id: 1 } };
    const answerWith = async (chrome: Parameters<typeof createOffscreenRecogniser>[0], fetching = fetcher) => {
      const images = createImageText({ ...english(), cache: await openImageTextCache({ indexedDB: false }), recognise: createOffscreenRecogniser(chrome, fetching) });
      const answer = await images.handlers['recognise-image']({ type: 'recognise-image', url: URL_1 }, site);
      return answer.ok ? 'ok' : answer.kind;
    };
    const refusing = vi.fn(async () => new Response('no', { status: 403 })) as unknown as typeof fetch;
    expect(await answerWith(fakeChrome({ ok: true, value: TEXT }), refusing)).toBe('fetch');
    expect(await answerWith(fakeChrome({ ok: false, kind: 'decode', error: 'image decode: not an image' }))).toBe('decode');
    expect(await answerWith(fakeChrome({ ok: false, kind: 'recognise', error: 'session failed' }))).toBe('recognise');
    expect(await answerWith(fakeChrome(undefined))).toBe('recognise');
    expect(await answerWith({ runtime: { sendMessage: vi.fn() } })).toBe('no-offscreen');
  });

  test("the words of an error (the offscreen document's, a URL's) never reach the page: a kind only", async () => {
    const secret = 'at chrome-extension://id/ocr/ort.mjs: session failed on https://sns-webpic-qc.xhscdn.com/private';
    const images = createImageText({ ...english(), cache: await openImageTextCache({ indexedDB: false }), recognise: createOffscreenRecogniser(fakeChrome({ ok: false, kind: 'recognise', error: secret }), fetcher) });
    const answer = await images.handlers['recognise-image']({ type: 'recognise-image', url: URL_1 }, { id: 'x', tab: { id: 1 } });
    expect(answer).toStrictEqual({ ok: false, kind: 'recognise' });
    const thrown = createImageText({ ...english(), cache: await openImageTextCache({ indexedDB: false }), recognise: async () => Promise.reject(new Error(secret)) });
    expect(await thrown.handlers['recognise-image']({ type: 'recognise-image', url: URL_1 }, { id: 'x', tab: { id: 1 } })).toStrictEqual({ ok: false, kind: 'recognise' });
  });

  test('a refused fetch, the recogniser’s error, and no offscreen API (Firefox) each say so', async () => {
    const refusing = vi.fn(async () => new Response('no', { status: 403 })) as unknown as typeof fetch;
    await expect(createOffscreenRecogniser(fakeChrome({ ok: true, value: TEXT }), refusing)(URL_1)).rejects.toThrow('image fetch: HTTP 403');
    await expect(createOffscreenRecogniser(fakeChrome({ ok: false, error: 'image decode: not an image' }), fetcher)(URL_1)).rejects.toThrow('image decode');
    await expect(createOffscreenRecogniser({ runtime: { sendMessage: vi.fn() } }, fetcher)(URL_1)).rejects.toThrow(NO_OFFSCREEN);
  });
});
