// When the content script sends what it has gathered. Text on screen is asked for at the next frame:
// the reader is looking at it. Text only in the preload margin is not looked at yet, so it waits
// until the page has been quiet for a moment (a scroll gesture brings rows over many frames), and
// then goes in one message: one request for what one gesture uncovered, instead of one per frame.
// A few stragglers (rows nudged into the margin when translations above them render) wait longer,
// for company: the next gesture's batch, or at most LONELY_MAX_WAIT_MS.

export interface FlushSchedulerDeps {
  nextFrame(fn: () => void): void;
  setTimer(fn: () => void, ms: number): unknown;
  now(): number;
  /** Quiet time after the last preload text before sending. */
  quietMs?: number;
  /** Longest a preload text waits, however busy the page is. */
  maxWaitMs?: number;
  /** Fewer preload texts than this wait for company, up to lonelyMaxWaitMs. */
  minBatch?: number;
  lonelyMaxWaitMs?: number;
}

export const PRELOAD_QUIET_MS = 120;
export const PRELOAD_MAX_WAIT_MS = 400;
export const PRELOAD_MIN_BATCH = 5;
export const LONELY_MAX_WAIT_MS = 1_500;

/** flush(preload): preload is true when nothing on screen is in the batch. */
export function createFlushScheduler(deps: FlushSchedulerDeps, flush: (preload: boolean) => void) {
  const quietMs = deps.quietMs ?? PRELOAD_QUIET_MS;
  const maxWaitMs = deps.maxWaitMs ?? PRELOAD_MAX_WAIT_MS;
  const minBatch = deps.minBatch ?? PRELOAD_MIN_BATCH;
  const lonelyMaxWaitMs = deps.lonelyMaxWaitMs ?? LONELY_MAX_WAIT_MS;
  let frameAsked = false;
  let timerArmed = false;
  /** Since when preload texts wait, and when the last one came (undefined: none waiting). */
  let firstLazy: number | undefined;
  let lastLazy = 0;
  let lazyCount = 0;

  const run = (preload: boolean) => {
    firstLazy = undefined;
    lazyCount = 0;
    flush(preload);
  };
  const enough = () => lazyCount >= minBatch;

  function check() {
    timerArmed = false;
    if (firstLazy === undefined) return;
    const now = deps.now();
    const due = enough() ? Math.min(lastLazy + quietMs, firstLazy + maxWaitMs) : firstLazy + lonelyMaxWaitMs;
    if (now >= due) return run(true);
    arm(due - now);
  }

  function arm(ms: number) {
    if (timerArmed) return;
    timerArmed = true;
    deps.setTimer(check, ms);
  }

  return {
    /** Something on screen waits: send everything gathered at the next frame. */
    soon() {
      if (frameAsked) return;
      frameAsked = true;
      deps.nextFrame(() => {
        frameAsked = false;
        run(false);
      });
    },
    /** Only preload text waits: send when the page is quiet (or the wait is long enough). */
    later() {
      const now = deps.now();
      firstLazy ??= now;
      lastLazy = now;
      lazyCount++;
      arm(quietMs);
    },
    /** A flush is due soon: asked for at the next frame, or a preload batch waiting for quiet. Lonely stragglers don't count. */
    get pending() {
      return frameAsked || (firstLazy !== undefined && enough());
    },
  };
}
