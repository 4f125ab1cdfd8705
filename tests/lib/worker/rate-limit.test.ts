import { expect, test } from 'vitest';
import { createRateLimiter, GLOBAL_LIMIT, LIFT_MS, TAB_LIMIT } from '../../../lib/worker/rate-limit';

function limiter() {
  const clock = { t: 1_000_000 };
  const limits = { tab: { characters: 100, windowMs: 60_000 }, global: { characters: 150, windowMs: 60_000 }, liftMs: 600_000 };
  return { clock, rate: createRateLimiter({ ...limits, now: () => clock.t }) };
}

test('the figures: a tab is asked before 30,000 characters a minute, all tabs at twice that', () => {
  expect(TAB_LIMIT).toEqual({ characters: 30_000, windowMs: 60_000 });
  expect(GLOBAL_LIMIT.characters).toBe(2 * TAB_LIMIT.characters);
  expect(LIFT_MS).toBeGreaterThan(0);
});

test('a tab is admitted up to its limit within the window, then paused', () => {
  const { rate } = limiter();
  expect(rate.admit(1, 60)).toBe(true);
  expect(rate.admit(1, 40)).toBe(true);
  expect(rate.paused(1)).toBe(false);
  expect(rate.admit(1, 1)).toBe(false);
  expect(rate.paused(1)).toBe(true);
});

test('a paused tab stays paused when the window slides on: only the reader lifts it', () => {
  const { clock, rate } = limiter();
  rate.admit(1, 100);
  expect(rate.admit(1, 10)).toBe(false);
  clock.t += 10 * 60_000;
  expect(rate.admit(1, 10)).toBe(false);
  rate.lift(1);
  expect(rate.paused(1)).toBe(false);
  expect(rate.admit(1, 10)).toBe(true);
});

test('below the limit the window slides: what was sent a minute ago no longer counts', () => {
  const { clock, rate } = limiter();
  expect(rate.admit(1, 90)).toBe(true);
  clock.t += 59_999;
  expect(rate.admit(1, 10)).toBe(true); // 100: at the limit
  clock.t += 1; // the 90 leave the window
  expect(rate.admit(1, 90)).toBe(true);
  expect(rate.paused(1)).toBe(false);
});

test('the global limit binds every tab together; the tab that passes it is the one paused', () => {
  const { rate } = limiter();
  expect(rate.admit(1, 80)).toBe(true);
  expect(rate.admit(2, 70)).toBe(true); // 150 together
  expect(rate.admit(3, 1)).toBe(false);
  expect(rate.paused(3)).toBe(true);
  expect(rate.paused(1)).toBe(false);
  // Extension pages (no tab, no page script) are not limited, and not counted.
  expect(rate.admit(undefined, 1_000)).toBe(true);
  rate.lift(3);
  expect(rate.admit(4, 1)).toBe(false);
});

test("a lift lets the tab send freely for a while, takes its text out of the global count, then ends", () => {
  const { clock, rate } = limiter();
  rate.admit(1, 100);
  rate.admit(1, 1);
  rate.admit(2, 50);
  rate.lift(1);
  expect(rate.admit(1, 10_000)).toBe(true); // lifted: not counted anywhere
  expect(rate.admit(2, 50)).toBe(true); // tab 1's 100 left the global count: 100 of 150
  clock.t += 600_000;
  expect(rate.admit(1, 101)).toBe(false); // the lift ended: the tab's own limit again
});

test('a large single text is refused even in an empty window: nothing passes the limit at once', () => {
  const { rate } = limiter();
  expect(rate.admit(1, 101)).toBe(false);
});

test('tabs with nothing left in their window are forgotten, so closed tabs do not pile up', () => {
  const { clock, rate } = limiter();
  for (let tab = 0; tab < 50; tab++) rate.admit(tab, 1);
  expect(rate.tabs).toBe(50);
  clock.t += 60_000;
  rate.admit(99, 1);
  expect(rate.tabs).toBe(1);
});

test('the paused tabs are told on each change and taken back by a new limiter (a worker restarted): a paused tab stays paused', () => {
  const saved: number[][] = [];
  const limits = { tab: { characters: 100, windowMs: 60_000 }, now: () => 1_000_000, onPausedChange: (tabs: number[]) => void saved.push(tabs) };
  const first = createRateLimiter(limits);
  first.admit(1, 100);
  first.admit(2, 10);
  expect(first.admit(1, 1)).toBe(false);
  expect(first.admit(1, 1)).toBe(false); // no change, nothing told
  expect(saved).toEqual([[1]]);
  // The worker is stopped and started again: its memory is gone, the paused tabs are not.
  const restarted = createRateLimiter({ ...limits, paused: saved.at(-1) });
  expect(restarted.paused(1)).toBe(true);
  expect(restarted.admit(1, 1)).toBe(false);
  expect(restarted.admit(2, 10)).toBe(true);
  restarted.lift(1);
  expect(saved.at(-1)).toEqual([]);
  expect(restarted.admit(1, 1)).toBe(true);
});

test('a closed tab is forgotten, paused or not, and the saved paused tabs are told', () => {
  const saved: number[][] = [];
  const rate = createRateLimiter({ tab: { characters: 100, windowMs: 60_000 }, now: () => 1_000_000, onPausedChange: (tabs) => void saved.push(tabs) });
  rate.admit(1, 101);
  rate.admit(2, 10);
  expect(saved.at(-1)).toEqual([1]);
  rate.forget(2);
  expect(rate.tabs).toBe(1);
  expect(saved).toHaveLength(1); // not paused: nothing to tell
  rate.forget(1);
  expect(rate.tabs).toBe(0);
  expect(saved.at(-1)).toEqual([]);
});
