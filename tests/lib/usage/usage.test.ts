import { expect, test } from 'vitest';
import { checkBudget, currentCount, effectiveBudget, FREE_KEY_BUDGET, monthOf } from '../../../lib/usage/budget';
import { createUsageCache, USAGE_MAX_AGE_MS } from '../../../lib/usage/usage';

test('the budget counts per month and refuses what would pass it', () => {
  const now = new Date(2026, 10, 24);
  expect(monthOf(now)).toBe('2026-11');
  expect(currentCount({ month: '2026-10', billed: 999 }, now)).toEqual({ month: '2026-11', billed: 0 });
  const count = { month: '2026-11', billed: 90 };
  expect(checkBudget(count, 0, 1_000)).toBeUndefined();
  expect(checkBudget(count, 100, 10)).toBeUndefined();
  expect(checkBudget(count, 100, 11)).toMatchObject({ kind: 'budget', message: expect.stringMatching(/monthly budget .* is reached/) });
});

test("the budget's message, shown in the page, carries no figure from the account", () => {
  const refusal = checkBudget({ month: '2026-11', billed: 123_456 }, 200_000, 100_000);
  expect(refusal?.kind).toBe('budget');
  expect(refusal?.message).not.toMatch(/\d/);
});

test('a Free key without a budget of its own gets one below the plan limit; a Pro key gets none', () => {
  expect(FREE_KEY_BUDGET).toBeLessThan(500_000);
  expect(effectiveBudget(0, true)).toBe(FREE_KEY_BUDGET);
  expect(effectiveBudget(0, false)).toBe(0);
  expect(effectiveBudget(200_000, true)).toBe(200_000);
  expect(effectiveBudget(1_000_000, false)).toBe(1_000_000);
});

test('usage is fetched at most every few minutes, and an error keeps the last figure', async () => {
  let t = 0;
  let calls = 0;
  let fail = false;
  const cache = createUsageCache(async () => {
    calls++;
    if (fail) throw new Error('offline');
    return { characterCount: calls, characterLimit: 500_000 };
  }, () => t);
  expect((await cache.get())?.characterCount).toBe(1);
  expect((await cache.get())?.characterCount).toBe(1);
  t += USAGE_MAX_AGE_MS + 1;
  fail = true;
  expect((await cache.get())?.characterCount).toBe(1);
  fail = false;
  expect((await cache.get(true))?.characterCount).toBe(3);
  expect(calls).toBe(3);
});

test('clear() (a new key) drops a fetch still in flight for the old key: its figure is neither kept nor shared', async () => {
  const answers: Array<(usage: { characterCount: number; characterLimit: number }) => void> = [];
  const cache = createUsageCache(() => new Promise((resolve) => answers.push(resolve)));
  const old = cache.get();
  cache.clear();
  const fresh = cache.get();
  expect(answers).toHaveLength(2); // the new key's figure is fetched, not the old fetch's awaited
  answers[0]!({ characterCount: 111, characterLimit: 500_000 });
  expect(await old).toBeUndefined();
  answers[1]!({ characterCount: 222, characterLimit: 1_000_000 });
  expect((await fresh)?.characterCount).toBe(222);
  expect((await cache.get())?.characterCount).toBe(222);
});

test('an old fetch ending after the new key was fetched does not overwrite its figure', async () => {
  const answers: Array<(usage: { characterCount: number; characterLimit: number }) => void> = [];
  const cache = createUsageCache(() => new Promise((resolve) => answers.push(resolve)));
  void cache.get();
  cache.clear();
  const fresh = cache.get();
  answers[1]!({ characterCount: 222, characterLimit: 1_000_000 });
  await fresh;
  answers[0]!({ characterCount: 111, characterLimit: 500_000 });
  await Promise.resolve();
  expect((await cache.get())?.characterCount).toBe(222);
});
