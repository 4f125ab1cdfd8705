// How much text a tab, and all tabs together, may send to the translator before the reader is asked.
// Pure: the caller owns the clock. A page script can add invisible or endless text to the page it
// runs in; without this it could spend the reader's DeepL quota as a free translator (issue 12).
//
// Figures, from reading speed: a reader takes in some 300–600 Chinese characters a minute, and a
// fast one skimming a comment list with the preload band a screen ahead brings in one screenful
// (a dozen comments of ~30 characters, ~400 characters) every second or two: ~15,000 characters a
// minute at the very most, and only texts not yet in the cache count. 30,000 a minute per tab is
// twice that; 60,000 for all tabs lets two tabs do so at once. A hostile page gets at most 30,000
// characters (6 % of a Free key's 500,000) before the reader is asked.

export interface WindowLimit {
  characters: number;
  windowMs: number;
}

export const TAB_LIMIT: WindowLimit = { characters: 30_000, windowMs: 60_000 };
export const GLOBAL_LIMIT: WindowLimit = { characters: 60_000, windowMs: 60_000 };
/** After the reader's "continue", the tab sends freely for this long (the monthly budget still holds). */
export const LIFT_MS = 10 * 60_000;

export interface RateLimiterOptions {
  now(): number;
  tab?: WindowLimit;
  global?: WindowLimit;
  liftMs?: number;
  /**
   * Tabs paused before this limiter began (a worker stopped and started again forgets its memory:
   * a paused tab must not get a fresh allowance), and where to tell each change of the paused tabs.
   */
  paused?: readonly number[];
  onPausedChange?(paused: number[]): void;
}

/** Characters admitted within a sliding window: entries older than the window drop out. */
class SlidingWindow {
  private entries: Array<{ at: number; characters: number; tab?: number }> = [];
  private total = 0;

  constructor(private readonly limit: WindowLimit) {}

  used(now: number): number {
    while (this.entries.length && this.entries[0]!.at <= now - this.limit.windowMs) this.total -= this.entries.shift()!.characters;
    return this.total;
  }

  fits(now: number, characters: number): boolean {
    return this.used(now) + characters <= this.limit.characters;
  }

  add(now: number, characters: number, tab?: number) {
    this.entries.push({ at: now, characters, tab });
    this.total += characters;
  }

  /** What one tab added leaves the window (its reader said continue). */
  forget(tab: number) {
    this.entries = this.entries.filter((entry) => entry.tab !== tab);
    this.total = this.entries.reduce((n, entry) => n + entry.characters, 0);
  }
}

interface TabState {
  window: SlidingWindow;
  /** Over its limit: nothing from it is admitted until the reader continues. */
  paused: boolean;
  liftedUntil: number;
}

export function createRateLimiter(options: RateLimiterOptions) {
  const tabLimit = options.tab ?? TAB_LIMIT;
  const liftMs = options.liftMs ?? LIFT_MS;
  const global = new SlidingWindow(options.global ?? GLOBAL_LIMIT);
  const tabs = new Map<number, TabState>();
  for (const tab of options.paused ?? []) tabs.set(tab, { window: new SlidingWindow(tabLimit), paused: true, liftedUntil: 0 });
  const pausedChanged = () => options.onPausedChange?.([...tabs].filter(([, state]) => state.paused).map(([tab]) => tab));

  const stateOf = (tab: number) => {
    let state = tabs.get(tab);
    if (!state) tabs.set(tab, (state = { window: new SlidingWindow(tabLimit), paused: false, liftedUntil: 0 }));
    return state;
  };

  /** Drop tabs with nothing in their window, no pause and no lift, so closed tabs do not pile up. */
  function prune(now: number) {
    for (const [id, state] of tabs) if (!state.paused && state.liftedUntil <= now && state.window.used(now) === 0) tabs.delete(id);
  }

  return {
    /**
     * May this tab send these characters now? Admitted characters are counted; a refusal pauses
     * the tab until lift(). (Extension pages, which no page script reaches, have no tab: not limited.)
     */
    admit(tab: number | undefined, characters: number): boolean {
      if (tab === undefined) return true;
      const now = options.now();
      const state = stateOf(tab);
      if (state.liftedUntil > now) return true;
      if (state.paused) return false;
      if (!state.window.fits(now, characters) || !global.fits(now, characters)) {
        state.paused = true;
        pausedChanged();
        return false;
      }
      state.window.add(now, characters);
      global.add(now, characters, tab);
      prune(now);
      return true;
    },
    /** The reader said continue in this tab: it sends freely for a while, and its text leaves the global count. */
    lift(tab: number) {
      const now = options.now();
      global.forget(tab);
      const was = tabs.get(tab)?.paused;
      tabs.set(tab, { window: new SlidingWindow(tabLimit), paused: false, liftedUntil: now + liftMs });
      if (was) pausedChanged();
    },
    /** The tab was closed: its state goes (its characters stay in the global count for their minute). */
    forget(tab: number) {
      const was = tabs.get(tab)?.paused;
      tabs.delete(tab);
      if (was) pausedChanged();
    },
    paused: (tab: number) => tabs.get(tab)?.paused ?? false,
    /** Tabs tracked now (for the bound on memory). */
    get tabs() {
      return tabs.size;
    },
  };
}

export type RateLimiter = ReturnType<typeof createRateLimiter>;
