// DeepL's account usage, fetched at most every few minutes and on demand.
import type { Usage } from '../core/provider-types';

export const USAGE_MAX_AGE_MS = 5 * 60_000;

export function createUsageCache(fetchUsage: () => Promise<Usage>, now: () => number = Date.now) {
  let last: (Usage & { checkedAt: number }) | undefined;
  let inFlight: Promise<Usage & { checkedAt: number }> | undefined;
  return {
    /** The cached figure if fresh, else a new fetch (errors leave the old figure in place). */
    async get(force = false): Promise<(Usage & { checkedAt: number }) | undefined> {
      if (!force && last && now() - last.checkedAt < USAGE_MAX_AGE_MS) return last;
      inFlight ??= fetchUsage()
        .then((usage) => (last = { ...usage, checkedAt: now() }))
        .finally(() => (inFlight = undefined));
      try {
        return await inFlight;
      } catch {
        return last;
      }
    },
    clear: () => (last = undefined),
  };
}
