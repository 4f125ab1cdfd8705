// DeepL's account usage, fetched at most every few minutes and on demand.
import type { Usage } from '../core/provider-types';

export const USAGE_MAX_AGE_MS = 5 * 60_000;

type Checked = Usage & { checkedAt: number };

export function createUsageCache(fetchUsage: () => Promise<Usage>, now: () => number = Date.now) {
  let last: Checked | undefined;
  let inFlight: Promise<Checked> | undefined;
  /** Bumped by clear() (a new key): a fetch begun before it answers for the old account and is ignored. */
  let account = 0;

  function fetchNow(): Promise<Checked> {
    const forAccount = account;
    const fetching: Promise<Checked> = fetchUsage()
      .then((usage) => {
        const checked = { ...usage, checkedAt: now() };
        if (forAccount === account) last = checked;
        return checked;
      })
      .finally(() => {
        if (inFlight === fetching) inFlight = undefined;
      });
    return fetching;
  }

  return {
    /** The cached figure if fresh, else a new fetch (errors leave the old figure in place). */
    async get(force = false): Promise<Checked | undefined> {
      if (!force && last && now() - last.checkedAt < USAGE_MAX_AGE_MS) return last;
      const forAccount = account;
      inFlight ??= fetchNow();
      try {
        const checked = await inFlight;
        return forAccount === account ? checked : last;
      } catch {
        return last;
      }
    },
    clear() {
      account++;
      last = undefined;
      inFlight = undefined;
    },
  };
}
