// Exponential backoff with jitter, the numbers of DeepL's own client: 1 s, ×1.6 each failure,
// ±23 % jitter, capped. Pure: the caller owns the clock and the random source.
export const BACKOFF = { initialMs: 1_000, multiplier: 1.6, jitter: 0.23, maxMs: 60_000 } as const;

export function backoffDelay(failures: number, random: () => number = Math.random, retryAfterMs?: number): number {
  const base = Math.min(BACKOFF.maxMs, BACKOFF.initialMs * BACKOFF.multiplier ** Math.max(0, failures - 1));
  const jittered = base * (1 + BACKOFF.jitter * (2 * random() - 1));
  // A server's Retry-After is a floor, never shortened by jitter.
  return Math.round(Math.max(jittered, retryAfterMs ?? 0));
}
