// The one retry policy: when the worker sends again after a failure, how long a message waits for
// its answer, and when the page asks again. Pure: callers own the clock and the random source.
import { RETRYABLE_KINDS, type ErrorKind } from './errors';

/** The worker's backoff, the numbers of DeepL's own client: 1 s, ×1.6 each failure, ±23 % jitter, capped. */
export const BACKOFF = { initialMs: 1_000, multiplier: 1.6, jitter: 0.23, maxMs: 120_000 } as const;

export function backoffDelay(failures: number, random: () => number = Math.random, retryAfterMs?: number): number {
  const base = Math.min(BACKOFF.maxMs, BACKOFF.initialMs * BACKOFF.multiplier ** Math.max(0, failures - 1));
  const jittered = base * (1 + BACKOFF.jitter * (2 * random() - 1));
  // A server's Retry-After is a floor, never shortened by jitter.
  return Math.round(Math.max(jittered, retryAfterMs ?? 0));
}

/**
 * How long one translate message waits in the worker before answering its unfinished texts with
 * the current state (they stay queued; the page asks again). Keeps a message from hanging on a
 * slow provider, and lets the page show "retrying" instead of "…".
 */
export const ANSWER_WITHIN_MS = 20_000;

/** The page asks again: growing delays while the worker retries by itself… */
const PAGE_RETRY_SOON_MS = [1_000, 2_000, 4_000, 8_000, 15_000];
/** …now and then while the reader must act (key, quota, budget): a fix elsewhere is picked up. */
const PAGE_RETRY_BLOCKED_MS = 20_000;
/**
 * A page that still shows a blocked text asks for it again within this time (its re-ask period,
 * with room for a busy worker): texts not asked for again are no longer wanted (tab closed,
 * scrolled away), and are not sent when sending resumes.
 */
export const STILL_WANTED_WITHIN_MS = PAGE_RETRY_BLOCKED_MS + 5_000;
/** Just after the worker's own next attempt, so the page finds the answer ready. */
const PAGE_AFTER_WORKER_MS = 300;
const PAGE_MIN_RETRY_MS = 500;

/** When the page asks again for a text that failed (attempt counts from 0). */
export function pageRetryDelay(error: { kind: ErrorKind; retryAt?: number }, attempt: number, now: number): number {
  if (error.retryAt) return Math.max(PAGE_MIN_RETRY_MS, error.retryAt - now + PAGE_AFTER_WORKER_MS);
  if (RETRYABLE_KINDS.has(error.kind)) return PAGE_RETRY_SOON_MS[Math.min(attempt, PAGE_RETRY_SOON_MS.length - 1)]!;
  return PAGE_RETRY_BLOCKED_MS;
}

/** A Retry-After header (seconds or an HTTP date) as milliseconds from now. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
