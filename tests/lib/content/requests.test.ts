// @vitest-environment jsdom
import { afterEach, beforeEach, expect, test, vi } from 'vitest';
import { pageRetryDelay } from '../../../lib/core/retry-policy';
import { LONELY_MAX_WAIT_MS } from '../../../lib/content/flush-scheduler';
import { createRequests, type RequestsDeps } from '../../../lib/content/requests';
import type { Segment, SegmentResult } from '../../../lib/messaging/contract';
import { fakeFrames } from './fakes';

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

const WALL = 1_700_000_000_000;

function setup(answer: (segments: Segment[]) => Promise<SegmentResult[]> = async (s) => s.map((x) => ({ id: x.id, ok: true as const, text: `EN ${x.text}`, fromCache: false }))) {
  const frames = fakeFrames();
  const controller = new AbortController();
  const sent: Segment[][] = [];
  const deps = {
    signal: controller.signal,
    translate: vi.fn(async (segments: Segment[]) => {
      sent.push(segments);
      return answer(segments);
    }),
    nextFrame: frames.nextFrame,
    setTimer: (fn: () => void, ms: number) => setTimeout(fn, ms),
    now: () => Date.now(),
    wallClock: () => WALL,
    contextOf: (el: Element) => (el.id === 'b' ? '标题' : undefined),
    watchOnScreen: vi.fn(),
    unwatchOnScreen: vi.fn(),
    answered: vi.fn(),
    keep: vi.fn(),
    counts: { messages: 0, segmentsAsked: 0 },
  } satisfies RequestsDeps;
  const requests = createRequests(deps);
  return { requests, deps, frames, sent, controller };
}

const el = (id: string) => Object.assign(document.createElement('span'), { id });
const text = (at: Element, source: string) => ({ el: at, source, key: `key of ${source}` });

test('texts asked for in one frame go in one message, with context; answers come back in order', async () => {
  const { requests, deps, frames, sent } = setup();
  const a = el('a');
  const b = el('b');
  requests.ask(text(a, '你好'), true);
  requests.ask(text(b, '谢谢'), true);
  expect(requests.waiting).toBe(2);
  expect(requests.busy).toBe(true);
  frames.run();
  await vi.waitFor(() => expect(deps.answered).toHaveBeenCalledOnce());
  expect(sent).toEqual([[{ id: '0', text: '你好' }, { id: '1', text: '谢谢', context: '标题' }]]);
  expect(deps.answered).toHaveBeenCalledWith([
    { ask: text(a, '你好'), outcome: { ok: true, text: 'EN 你好' } },
    { ask: text(b, '谢谢'), outcome: { ok: true, text: 'EN 谢谢' } },
  ]);
  expect(deps.counts).toEqual({ messages: 1, segmentsAsked: 2 });
  expect(requests.waiting).toBe(0);
  expect(requests.busy).toBe(false);
});

test('preload texts wait for company and are marked preload; one coming on screen sends them at once', async () => {
  const { requests, deps, frames, sent } = setup();
  const a = el('a');
  requests.ask(text(a, '你好'), false);
  requests.ask(text(el('c'), '再见'), false);
  expect(deps.watchOnScreen).toHaveBeenCalledWith(a);
  await vi.advanceTimersByTimeAsync(200);
  expect(sent).toEqual([]); // two stragglers wait for company
  requests.cameOnScreen(a);
  frames.run();
  await vi.waitFor(() => expect(sent).toHaveLength(1));
  expect(sent[0]!.map((s) => s.preload)).toEqual([undefined, undefined]);
  expect(deps.unwatchOnScreen).toHaveBeenCalled();

  for (let i = 0; i < 5; i++) requests.ask(text(el(`p${i}`), `预载${i}`), false);
  await vi.advanceTimersByTimeAsync(LONELY_MAX_WAIT_MS);
  expect(sent).toHaveLength(2);
  expect(sent[1]!.every((s) => s.preload === true)).toBe(true);
});

test('a failure is asked for again after the delays of the retry policy, while it still shows the failure', async () => {
  const { requests, deps, frames, sent } = setup();
  const a = el('a');
  const error = { kind: 'rate-limited' as const, message: 'busy' };
  let stillFailed = true;
  requests.retryLater(text(a, '你好'), error, () => stillFailed);
  await vi.advanceTimersByTimeAsync(pageRetryDelay(error, 0, WALL) - 1);
  expect(requests.waiting).toBe(0);
  await vi.advanceTimersByTimeAsync(1);
  expect(requests.waiting).toBe(1);
  frames.run();
  await vi.waitFor(() => expect(deps.answered).toHaveBeenCalledOnce());
  expect(sent).toEqual([[{ id: '0', text: '你好' }]]);

  // The second failure waits longer; a text no longer failing is not asked again.
  requests.retryLater(text(a, '你好'), error, () => stillFailed);
  expect(pageRetryDelay(error, 1, WALL)).toBeGreaterThan(pageRetryDelay(error, 0, WALL));
  await vi.advanceTimersByTimeAsync(pageRetryDelay(error, 0, WALL));
  expect(requests.waiting).toBe(0);
  stillFailed = false;
  await vi.advanceTimersByTimeAsync(pageRetryDelay(error, 1, WALL));
  expect(requests.waiting).toBe(0);

  // The worker's own retry time wins: just after it.
  requests.resetAttempts(a);
  stillFailed = true;
  requests.retryLater(text(a, '你好'), { ...error, retryAt: WALL + 7_000 }, () => stillFailed);
  await vi.advanceTimersByTimeAsync(7_000);
  expect(requests.waiting).toBe(0);
  await vi.advanceTimersByTimeAsync(pageRetryDelay({ ...error, retryAt: WALL + 7_000 }, 0, WALL) - 7_000);
  expect(requests.waiting).toBe(1);
});

test('a worker that throws: every text of the batch fails as a network error', async () => {
  const { requests, deps, frames } = setup(() => Promise.reject(new Error('Extension context invalidated')));
  const a = el('a');
  requests.ask(text(a, '你好'), true);
  frames.run();
  await vi.waitFor(() => expect(deps.answered).toHaveBeenCalledOnce());
  expect(deps.answered).toHaveBeenCalledWith([{ ask: text(a, '你好'), outcome: { ok: false, error: { kind: 'network' } } }]);
});

test('answers arriving after the signal aborted are kept, not handed back', async () => {
  let release!: () => void;
  const { requests, deps, frames, controller } = setup(
    (segments) => new Promise((resolve) => (release = () => resolve(segments.map((s) => ({ id: s.id, ok: true as const, text: 'late', fromCache: false }))))),
  );
  const a = el('a');
  requests.ask(text(a, '你好'), true);
  frames.run();
  await vi.waitFor(() => expect(deps.translate).toHaveBeenCalled());
  controller.abort();
  release();
  await vi.waitFor(() => expect(deps.keep).toHaveBeenCalledWith(text(a, '你好'), 'late'));
  expect(deps.answered).not.toHaveBeenCalled();
});

test('after the signal aborts nothing waits, nothing is sent, no retry fires', async () => {
  const { requests, deps, frames, controller } = setup();
  requests.ask(text(el('a'), '你好'), true);
  requests.retryLater(text(el('b'), '谢谢'), { kind: 'network' }, () => true);
  controller.abort();
  expect(requests.waiting).toBe(0);
  frames.run();
  await vi.advanceTimersByTimeAsync(60_000);
  frames.run();
  requests.ask(text(el('c'), '再见'), true);
  frames.run();
  await vi.advanceTimersByTimeAsync(0);
  expect(deps.translate).not.toHaveBeenCalled();
});
