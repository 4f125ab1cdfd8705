import { afterEach, beforeEach, expect, test, vi } from 'vitest';
import { createFlushScheduler, LONELY_MAX_WAIT_MS, PRELOAD_MAX_WAIT_MS, PRELOAD_QUIET_MS } from '../../../lib/content/flush-scheduler';

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

function scheduler() {
  const flushes: Array<{ at: number; preload: boolean }> = [];
  const start = Date.now();
  const s = createFlushScheduler({ nextFrame: (fn) => setTimeout(fn, 16), setTimer: (fn, ms) => setTimeout(fn, ms), now: () => Date.now() }, (preload) =>
    flushes.push({ at: Date.now() - start, preload }),
  );
  return { s, flushes };
}

test('text on screen goes at the next frame, once however often it is asked', async () => {
  const { s, flushes } = scheduler();
  s.soon();
  s.soon();
  expect(s.pending).toBe(true);
  await vi.advanceTimersByTimeAsync(16);
  expect(flushes).toEqual([{ at: 16, preload: false }]);
  expect(s.pending).toBe(false);
});

test('preload text waits for the page to be quiet, then goes in one flush marked preload', async () => {
  const { s, flushes } = scheduler();
  for (let frame = 0; frame < 6; frame++) {
    s.later();
    await vi.advanceTimersByTimeAsync(16); // a scroll gesture: a row a frame
  }
  expect(flushes).toEqual([]);
  await vi.advanceTimersByTimeAsync(PRELOAD_QUIET_MS);
  expect(flushes).toHaveLength(1);
  expect(flushes[0]!.preload).toBe(true);
  expect(flushes[0]!.at).toBe(5 * 16 + PRELOAD_QUIET_MS);
});

test('a long gesture does not hold preload text past the longest wait', async () => {
  const { s, flushes } = scheduler();
  for (let t = 0; t < 1_000; t += 16) {
    s.later();
    await vi.advanceTimersByTimeAsync(16);
  }
  expect(flushes.length).toBeGreaterThanOrEqual(2);
  expect(flushes[0]!.at).toBeLessThanOrEqual(PRELOAD_MAX_WAIT_MS + 16);
});

test('text on screen takes the waiting preload text with it', async () => {
  const { s, flushes } = scheduler();
  for (let i = 0; i < 6; i++) s.later();
  s.soon();
  await vi.advanceTimersByTimeAsync(LONELY_MAX_WAIT_MS + 100);
  expect(flushes).toEqual([{ at: 16, preload: false }]);
});

test('a few stragglers wait for company, not for ever, and do not count as due', async () => {
  const { s, flushes } = scheduler();
  s.later();
  s.later();
  expect(s.pending).toBe(false);
  await vi.advanceTimersByTimeAsync(PRELOAD_QUIET_MS * 2);
  expect(flushes).toEqual([]);
  await vi.advanceTimersByTimeAsync(LONELY_MAX_WAIT_MS);
  expect(flushes).toEqual([{ at: LONELY_MAX_WAIT_MS, preload: true }]);
});
