import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { backoffDelay, BACKOFF } from '../../../lib/core/retry-policy';
import { TranslationQueue, type QueueState, type Translated } from '../../../lib/translate/queue';
import { RETRYABLE_KINDS, TranslationError } from '../../../lib/core/errors';
import type { TranslationProvider } from '../../../lib/translate/types';

/** A provider that records requests and can be told to fail. */
function fakeProvider(limits = { maxTexts: 50, maxBytes: 128 * 1024 }) {
  const calls: string[][] = [];
  let inFlight = 0;
  /** When each call was sent (fake clock). */
  const sentAt: number[] = [];
  const stats = { maxInFlight: 0, calls, sentAt, failWith: [] as TranslationError[], latencyMs: 10 };
  const provider: TranslationProvider = {
    id: 'fake',
    limits,
    async translate(texts) {
      calls.push([...texts]);
      sentAt.push(Date.now());
      inFlight++;
      stats.maxInFlight = Math.max(stats.maxInFlight, inFlight);
      try {
        await new Promise((r) => setTimeout(r, stats.latencyMs));
        const failure = stats.failWith.shift();
        if (failure) throw failure;
        return texts.map((t) => ({ text: `EN(${t})`, billedCharacters: [...t].length }));
      } finally {
        inFlight--;
      }
    },
  };
  return { provider, stats };
}

/** The text of a translation (what it was made with is the service's concern: service.test.ts). */
const textOf = (translation: Promise<Translated>) => translation.then((t) => t.text);

function queueWith(provider: TranslationProvider | undefined, extra: Partial<ConstructorParameters<typeof TranslationQueue>[0]> = {}) {
  const states: QueueState[] = [];
  // A 30 ms window: the timings below are written for it (the default is chosen by npm run bench).
  const queue = new TranslationQueue({ provider: () => provider, requestOptions: () => ({ target: 'EN-US', source: 'ZH' }), windowMs: 30, random: () => 0.5, onState: (s) => states.push(s), ...extra });
  return { queue, states };
}

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('batching', () => {
  test('texts arriving within the window go out in one request, answers in order', async () => {
    const { provider, stats } = fakeProvider();
    const { queue } = queueWith(provider);
    const a = textOf(queue.translate('一'));
    await vi.advanceTimersByTimeAsync(5);
    const b = textOf(queue.translate('二'));
    const c = textOf(queue.translate('三'));
    await vi.advanceTimersByTimeAsync(100);
    expect(await Promise.all([a, b, c])).toEqual(['EN(一)', 'EN(二)', 'EN(三)']);
    expect(stats.calls).toEqual([['一', '二', '三']]);
  });

  test('preload text waits its longer window; text on screen closes it sooner and takes it along', async () => {
    const { provider, stats } = fakeProvider();
    const { queue } = queueWith(provider, { windowMs: 30, preloadWindowMs: 150 });
    const lazy = [textOf(queue.translate('下', undefined, true)), textOf(queue.translate('面', undefined, true))];
    await vi.advanceTimersByTimeAsync(100);
    expect(stats.calls).toEqual([]);
    const shown = textOf(queue.translate('屏', undefined, false));
    await vi.advanceTimersByTimeAsync(30);
    expect(stats.calls).toEqual([['下', '面', '屏']]);
    await vi.advanceTimersByTimeAsync(20);
    expect(await Promise.all([...lazy, shown])).toEqual(['EN(下)', 'EN(面)', 'EN(屏)']);
    // Alone, preload text goes when its own window closes.
    textOf(queue.translate('后', undefined, true));
    await vi.advanceTimersByTimeAsync(149);
    expect(stats.calls).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(stats.calls).toHaveLength(2);
  });

  test('while a window is open, a request that ends does not send the half-full batch early', async () => {
    const { provider, stats } = fakeProvider();
    stats.latencyMs = 40;
    const { queue } = queueWith(provider, { windowMs: 30, preloadWindowMs: 150 });
    void textOf(queue.translate('一'));
    await vi.advanceTimersByTimeAsync(31); // in flight until 71
    void textOf(queue.translate('二', undefined, true)); // window until 181
    await vi.advanceTimersByTimeAsync(60);
    expect(stats.calls).toEqual([['一']]);
    await vi.advanceTimersByTimeAsync(100);
    expect(stats.calls).toEqual([['一'], ['二']]);
  });

  test('a full batch goes at once, without waiting for the window', async () => {
    const { provider, stats } = fakeProvider();
    const { queue } = queueWith(provider, { windowMs: 10_000 });
    const all = Array.from({ length: 50 }, (_, i) => textOf(queue.translate(`文${i}`)));
    await vi.advanceTimersByTimeAsync(20);
    expect(stats.calls).toHaveLength(1);
    expect(await Promise.all(all)).toHaveLength(50);
  });

  test('batches are limited by count and by bytes', async () => {
    const { provider, stats } = fakeProvider({ maxTexts: 50, maxBytes: 100 * 1024 });
    const { queue } = queueWith(provider);
    const big = Array.from({ length: 7 }, (_, i) => textOf(queue.translate(`${i}${'长'.repeat(10_000)}`))); // ~30 KB each
    await vi.advanceTimersByTimeAsync(1_000);
    await Promise.all(big);
    expect(stats.calls.map((c) => c.length)).toEqual([3, 3, 1]);
  });

  test('the byte limit counts the context as JSON escapes it (a title of quotes doubles in size)', async () => {
    const maxBytes = 10_000;
    const bodies: number[] = [];
    const provider: TranslationProvider = {
      id: 'fake',
      limits: { maxTexts: 50, maxBytes },
      async translate(texts, options) {
        const body = { text: texts, target_lang: options.target, source_lang: options.source, context: options.context, show_billed_characters: true };
        bodies.push(new TextEncoder().encode(JSON.stringify(body)).length);
        return texts.map((t) => ({ text: `EN(${t})` }));
      },
    };
    const { queue } = queueWith(provider);
    const title = '"'.repeat(4_000);
    const texts = Array.from({ length: 10 }, (_, i) => `${i}${'一'.repeat(100)}`);
    const answers = Promise.all(texts.map((t) => textOf(queue.translate(t, title))));
    await vi.advanceTimersByTimeAsync(500);
    expect(await answers).toHaveLength(10);
    expect(Math.max(...bodies)).toBeLessThanOrEqual(maxBytes);
  });

  test('identical texts are sent once and every caller gets the answer', async () => {
    const { provider, stats } = fakeProvider();
    const { queue } = queueWith(provider);
    const first = textOf(queue.translate('好'));
    await vi.advanceTimersByTimeAsync(35); // now in flight
    const second = textOf(queue.translate('好'));
    await vi.advanceTimersByTimeAsync(100);
    expect([await first, await second]).toEqual(['EN(好)', 'EN(好)']);
    expect(stats.calls.flat()).toEqual(['好']);
  });

  test('10,000 segments: requests are the minimum and at most `concurrency` in flight', async () => {
    const { provider, stats } = fakeProvider();
    const { queue } = queueWith(provider, { concurrency: 2 });
    const texts = Array.from({ length: 10_000 }, (_, i) => `段落${i % 4_000}`); // 4,000 unique
    const all = Promise.all(texts.map((t) => textOf(queue.translate(t))));
    await vi.advanceTimersByTimeAsync(10_000);
    const answers = await all;
    expect(answers[4_001]).toBe('EN(段落1)');
    expect(stats.calls).toHaveLength(Math.ceil(4_000 / 50));
    expect(stats.maxInFlight).toBe(2);
  });
});

describe('faults', () => {
  test('429 storm: the queue pauses with growing backoff, sends nothing meanwhile, and loses nothing', async () => {
    const { provider, stats } = fakeProvider();
    const { queue } = queueWith(provider, { concurrency: 2 });
    stats.failWith = Array.from({ length: 4 }, () => new TranslationError('rate-limited', 'slow down'));
    const answers = Promise.all(['一', '二'].map((t) => textOf(queue.translate(t))));
    await vi.advanceTimersByTimeAsync(45); // first attempt fails
    expect(stats.calls).toHaveLength(1);
    expect(queue.state().backoff?.kind).toBe('rate-limited');
    await vi.advanceTimersByTimeAsync(BACKOFF.initialMs - 100);
    expect(stats.calls).toHaveLength(1); // paused: no request storm
    await vi.advanceTimersByTimeAsync(60_000);
    expect(await answers).toEqual(['EN(一)', 'EN(二)']);
    expect(stats.calls).toHaveLength(5);
    expect(stats.maxInFlight).toBe(1);
  });

  test('requests failing together count one backoff step a round: waits of 1 s, 1.6 s, 2.56 s as DeepL advises', async () => {
    const { provider, stats } = fakeProvider();
    const { queue } = queueWith(provider, { concurrency: 2 });
    stats.failWith = Array.from({ length: 6 }, () => new TranslationError('unavailable', 'HTTP 503'));
    // Two contexts: two requests in flight at once, failing together three rounds running.
    const answers = Promise.all([textOf(queue.translate('一', 'note A')), textOf(queue.translate('二', 'note B'))]);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(await answers).toEqual(['EN(一)', 'EN(二)']);
    expect(stats.calls).toHaveLength(8);
    const rounds = [...new Set(stats.sentAt)];
    const waits = rounds.slice(1).map((t, i) => t - rounds[i]! - stats.latencyMs);
    expect(waits).toEqual([1_000, 1_600, 2_560]);
  });

  test('back online: texts waiting out a network backoff go at once; other backoffs are kept', async () => {
    const { provider, stats } = fakeProvider();
    const { queue } = queueWith(provider);
    stats.failWith = [new TranslationError('network', 'offline'), new TranslationError('network', 'offline')];
    const answer = textOf(queue.translate('一'));
    await vi.advanceTimersByTimeAsync(45);
    await vi.advanceTimersByTimeAsync(BACKOFF.initialMs + 100); // second attempt fails too: a longer backoff
    expect(stats.calls).toHaveLength(2);
    queue.connectionBack();
    await vi.advanceTimersByTimeAsync(15);
    expect(await answer).toBe('EN(一)');
    expect(stats.calls).toHaveLength(3);
    stats.failWith = [new TranslationError('rate-limited', 'slow down')];
    void textOf(queue.translate('二'));
    await vi.advanceTimersByTimeAsync(45);
    queue.connectionBack();
    await vi.advanceTimersByTimeAsync(100);
    expect(stats.calls).toHaveLength(4); // a 429 backoff is not cut short
  });

  test('a backoff timer that fires a moment early still sends what waits (no text stranded)', async () => {
    const { provider, stats } = fakeProvider();
    let early = 0;
    // Timers fire 2 ms before the clock says so, as real ones may relative to Date.now().
    const { queue } = queueWith(provider, { now: () => Date.now() + early, setTimer: (fn, ms) => setTimeout(fn, ms) });
    stats.failWith = [new TranslationError('unavailable', 'HTTP 503')];
    const answer = textOf(queue.translate('一'));
    await vi.advanceTimersByTimeAsync(45);
    early = -2;
    await vi.advanceTimersByTimeAsync(BACKOFF.initialMs * 2);
    expect(await answer).toBe('EN(一)');
  });

  test('Retry-After is honoured as a floor', async () => {
    const { provider, stats } = fakeProvider();
    const { queue } = queueWith(provider);
    stats.failWith = [new TranslationError('rate-limited', 'wait', 5_000)];
    const answer = textOf(queue.translate('一'));
    await vi.advanceTimersByTimeAsync(4_900);
    expect(stats.calls).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(200);
    expect(await answer).toBe('EN(一)');
  });

  test('a bad key stops sending, is reported once, keeps texts queued and sends them after resume()', async () => {
    const { provider, stats } = fakeProvider();
    const { queue, states } = queueWith(provider);
    stats.failWith = [new TranslationError('auth', 'bad key')];
    let done = false;
    const answers = Promise.all(['一', '二'].map((t) => textOf(queue.translate(t)))).then((r) => ((done = true), r));
    await vi.advanceTimersByTimeAsync(100);
    textOf(queue.translate('三'));
    await vi.advanceTimersByTimeAsync(10_000);
    expect(stats.calls).toHaveLength(1);
    expect(done).toBe(false);
    expect(queue.state()).toMatchObject({ blocked: { kind: 'auth' }, queued: 3 });
    // Reported once: one transition into the blocked state, however many texts wait.
    expect(states.filter((s, i) => s.blocked && !states[i - 1]?.blocked).length).toBe(1);
    queue.resume();
    await vi.advanceTimersByTimeAsync(100);
    expect(await answers).toEqual(['EN(一)', 'EN(二)']);
    expect(stats.calls.slice(1).flat()).toEqual(['一', '二', '三']);
  });

  test('quota exhausted mid-batch: what was sent is kept, the rest waits', async () => {
    const { provider, stats } = fakeProvider({ maxTexts: 2, maxBytes: 1e6 });
    const { queue } = queueWith(provider, { concurrency: 1 });
    stats.failWith = [undefined as unknown as TranslationError, new TranslationError('quota', 'quota')];
    const answers = ['一', '二', '三', '四'].map((t) => textOf(queue.translate(t)));
    await vi.advanceTimersByTimeAsync(500);
    expect(await answers[0]).toBe('EN(一)');
    expect(queue.state()).toMatchObject({ blocked: { kind: 'quota' }, queued: 2 });
    queue.resume();
    await vi.advanceTimersByTimeAsync(500);
    expect(await Promise.all(answers)).toEqual(['EN(一)', 'EN(二)', 'EN(三)', 'EN(四)']);
  });

  test('on resume only texts a page asked for again while blocked are sent; the others end with the block', async () => {
    const { provider, stats } = fakeProvider();
    const { queue } = queueWith(provider);
    stats.failWith = [new TranslationError('auth', 'bad key')];
    const closedTab = textOf(queue.translate('一')).catch((e: TranslationError) => e.kind);
    const openTab = textOf(queue.translate('二'));
    await vi.advanceTimersByTimeAsync(100);
    expect(queue.state()).toMatchObject({ blocked: { kind: 'auth' }, queued: 2 });
    // The open tab asks again every 20 s for what it still shows; the closed one never does.
    for (let i = 0; i < 3; i++) {
      await vi.advanceTimersByTimeAsync(20_000);
      void textOf(queue.translate('二'));
    }
    queue.resume();
    await vi.advanceTimersByTimeAsync(100);
    expect(stats.calls.slice(1)).toEqual([['二']]);
    expect(await openTab).toBe('EN(二)');
    expect(await closedTab).toBe('auth');
    expect(queue.state().queued).toBe(0);
  });

  test('a short block resumes everything asked for just before it', async () => {
    const { provider, stats } = fakeProvider();
    const { queue } = queueWith(provider);
    stats.failWith = [new TranslationError('quota', 'quota')];
    const answers = Promise.all(['一', '二'].map((t) => textOf(queue.translate(t))));
    await vi.advanceTimersByTimeAsync(5_000);
    queue.resume();
    await vi.advanceTimersByTimeAsync(100);
    expect(await answers).toEqual(['EN(一)', 'EN(二)']);
  });

  test('without a provider the queue blocks with no-provider', async () => {
    const { queue } = queueWith(undefined);
    void textOf(queue.translate('一'));
    await vi.advanceTimersByTimeAsync(100);
    expect(queue.state().blocked?.kind).toBe('no-provider');
  });

  test('the budget gate stops sending before a request that would pass it', async () => {
    const { provider, stats } = fakeProvider();
    const { queue } = queueWith(provider, { gate: (n) => (n > 2 ? new TranslationError('budget', 'budget reached') : undefined) });
    void textOf(queue.translate('一二三'));
    await vi.advanceTimersByTimeAsync(100);
    expect(stats.calls).toHaveLength(0);
    expect(queue.state().blocked?.kind).toBe('budget');
  });

  test('a 413 in company sends each text alone; alone it is rejected as too long', async () => {
    const { provider, stats } = fakeProvider();
    const { queue } = queueWith(provider);
    stats.failWith = [new TranslationError('too-long', 'big'), undefined as unknown as TranslationError, new TranslationError('too-long', 'big')];
    const a = textOf(queue.translate('一'));
    const b = textOf(queue.translate('二')).catch((e: TranslationError) => e.kind);
    await vi.advanceTimersByTimeAsync(500);
    expect(await a).toBe('EN(一)');
    expect(await b).toBe('too-long');
    expect(stats.calls).toEqual([['一', '二'], ['一'], ['二']]);
  });

  test('one text of a batch failing alone: its siblings resolve, it is rejected once, no backoff, the batch is counted as sent', async () => {
    const sent: number[] = [];
    const calls: string[][] = [];
    const provider: TranslationProvider = {
      id: 'fake',
      limits: { maxTexts: 50, maxBytes: 128 * 1024 },
      translate: async (texts) => (calls.push([...texts]), texts.map((t) => (t === '坏' ? { text: '', error: new TranslationError('unsupported', 'unreadable') } : { text: `EN(${t})` }))),
    };
    const { queue, states } = queueWith(provider, { onSent: (batch) => sent.push(batch.billedCharacters) });
    const good = textOf(queue.translate('好的'));
    const bad = textOf(queue.translate('坏')).catch((e: TranslationError) => e.kind);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(await good).toBe('EN(好的)');
    expect(await bad).toBe('unsupported');
    expect(calls).toEqual([['好的', '坏']]);
    expect(sent).toEqual([3]);
    expect(states.at(-1)?.backoff).toBeUndefined();
  });
});

describe('bound', () => {
  test('past the bound on texts waiting, a new text is refused (retryable), nothing queued is dropped', async () => {
    const { provider, stats } = fakeProvider();
    const { queue } = queueWith(provider, { maxQueuedTexts: 3 });
    queue.resume(); // (a no-op: nothing blocks)
    stats.failWith.push(new TranslationError('auth', 'bad key'));
    const first = textOf(queue.translate('一'));
    await vi.advanceTimersByTimeAsync(100); // blocked by the key: '一' waits
    const waiting = [first, textOf(queue.translate('二')), textOf(queue.translate('三'))];
    await expect(textOf(queue.translate('四'))).rejects.toMatchObject({ kind: 'queue-full' });
    expect(RETRYABLE_KINDS.has('queue-full')).toBe(true);
    // Asking again for a text already waiting is not new: it joins it.
    const again = textOf(queue.translate('二'));
    expect(queue.state().queued).toBe(3);
    queue.resume();
    await vi.advanceTimersByTimeAsync(100);
    expect(await Promise.all([...waiting, again])).toEqual(['EN(一)', 'EN(二)', 'EN(三)', 'EN(二)']);
    // Sent: room again.
    const later = textOf(queue.translate('四'));
    await vi.advanceTimersByTimeAsync(100);
    expect(await later).toBe('EN(四)');
  });

  test('the bound counts characters too, and texts put back after a failure count again', async () => {
    const { provider, stats } = fakeProvider();
    const { queue } = queueWith(provider, { maxQueuedCharacters: 10 });
    stats.failWith.push(new TranslationError('unavailable', '503'));
    const a = textOf(queue.translate('一二三四五六'));
    await vi.advanceTimersByTimeAsync(40); // sent, fails, put back (6 characters waiting again)
    expect(queue.state()).toMatchObject({ queued: 1, inFlight: 0 });
    await expect(textOf(queue.translate('七八九十一'))).rejects.toMatchObject({ kind: 'queue-full' });
    const b = textOf(queue.translate('七八九十'));
    await vi.advanceTimersByTimeAsync(5_000);
    expect(await Promise.all([a, b])).toEqual(['EN(一二三四五六)', 'EN(七八九十)']);
  });
});

test('backoff follows DeepL client numbers: 1 s ×1.6, ±23 %, capped', () => {
  expect(backoffDelay(1, () => 0.5)).toBe(1_000);
  expect(backoffDelay(2, () => 0.5)).toBe(1_600);
  expect(backoffDelay(1, () => 0)).toBe(770);
  expect(backoffDelay(1, () => 1)).toBe(1_230);
  expect(backoffDelay(50, () => 0.5)).toBe(120_000);
  expect(backoffDelay(1, () => 0.5, 9_000)).toBe(9_000);
});
