// The request loop: texts waiting to be asked for, sent in batches when the flush scheduler says
// so, answers handed back (whether they still fit the page is the caller's call), failures asked
// again later (delays from the one retry policy). Everything it starts ends when the signal aborts;
// answers arriving after that are kept for later, not handed back.
import { pageRetryDelay } from '../core/retry-policy';
import type { Segment, SegmentError, SegmentResult } from '../messaging/contract';
import { createFlushScheduler } from './flush-scheduler';

/** One text asked for: the element it is for, its source text, and the key its answer is remembered under. */
export interface Ask {
  el: Element;
  source: string;
  key: string;
  /** The reader clicked for this text (a long one): the worker does not hold it to the page's rate limit. */
  asked?: boolean;
}

export type Outcome = { ok: true; text: string } | { ok: false; error: SegmentError };

export interface RequestsDeps {
  signal: AbortSignal;
  translate(segments: Segment[]): Promise<SegmentResult[]>;
  nextFrame(fn: () => void): void;
  setTimer(fn: () => void, ms: number): unknown;
  /** Monotonic clock for batching. */
  now(): number;
  /** Wall clock, for the worker's "retry at" times. */
  wallClock(): number;
  contextOf(el: Element): string | undefined;
  /** Preload texts wait; these tell when one of them comes on screen (then it goes at once). */
  watchOnScreen(el: Element): void;
  unwatchOnScreen(): void;
  /** Answers to a batch, in the batch's order. */
  answered(answers: Array<{ ask: Ask; outcome: Outcome }>): void;
  /** An answer that came after the signal aborted: kept for later. */
  keep(ask: Ask, translation: string): void;
  /** Running counts for the page's stats. */
  counts: { messages: number; segmentsAsked: number };
}

export function createRequests(deps: RequestsDeps) {
  const { signal } = deps;
  const waiting = new Map<Element, Ask>();
  const attempts = new WeakMap<Element, number>();
  let inFlight = 0;
  const flusher = createFlushScheduler({ nextFrame: deps.nextFrame, setTimer: deps.setTimer, now: deps.now }, (preload) => void flush(preload));
  signal.addEventListener('abort', () => waiting.clear(), { once: true });

  async function flush(preload: boolean) {
    if (!waiting.size || signal.aborted) return;
    const batch = [...waiting.values()];
    waiting.clear();
    deps.unwatchOnScreen();
    const segments: Segment[] = batch.map(({ el, source, asked }, i) => {
      const context = deps.contextOf(el);
      return { id: String(i), text: source, ...(context ? { context } : {}), ...(preload ? { preload } : {}), ...(asked ? { asked } : {}) };
    });
    deps.counts.messages++;
    deps.counts.segmentsAsked += segments.length;
    let results: SegmentResult[];
    inFlight++;
    try {
      results = await deps.translate(segments);
    } catch (error) {
      // The worker was stopped or restarted under us: ask again shortly, nothing is lost.
      const outcome: Outcome = { ok: false, error: { kind: 'network' } };
      if (!signal.aborted) deps.answered(batch.map((ask) => ({ ask, outcome })));
      return;
    } finally {
      inFlight--;
    }
    // Turned off while we waited: keep the answers for later, show none of them now.
    if (signal.aborted) {
      results.forEach((result, i) => result.ok && deps.keep(batch[i]!, result.text));
      return;
    }
    deps.answered(batch.map((ask, i) => ({ ask, outcome: outcomeOf(results[i]!) })));
  }

  const outcomeOf = (result: SegmentResult): Outcome => (result.ok ? { ok: true, text: result.text } : { ok: false, error: result.error });

  function ask(text: Ask, urgent: boolean) {
    if (signal.aborted) return;
    waiting.set(text.el, text);
    if (urgent) flusher.soon();
    else {
      flusher.later();
      deps.watchOnScreen(text.el);
    }
  }

  return {
    /** Ask for a text: at the next frame when urgent (on screen), otherwise with the next preload batch. */
    ask,
    isWaiting: (el: Element) => waiting.has(el),
    /** A waiting preload text came on screen: send what waits now. */
    cameOnScreen(el: Element) {
      if (waiting.has(el)) flusher.soon();
    },
    /** A text failed: ask again after the policy's delay if it still shows the failure then. */
    retryLater(failed: Ask, error: SegmentError, stillFailed: () => boolean) {
      const attempt = attempts.get(failed.el) ?? 0;
      attempts.set(failed.el, attempt + 1);
      deps.setTimer(() => {
        if (!signal.aborted && stillFailed()) ask(failed, true);
      }, pageRetryDelay(error, attempt, deps.wallClock()));
    },
    /** Start the retry delays over for an element (answered, or the reader asked again). */
    resetAttempts(el: Element) {
      attempts.delete(el);
    },
    get waiting() {
      return waiting.size;
    },
    /** Texts due to be sent soon, or asked for and not yet answered. */
    get busy() {
      return flusher.pending || inFlight > 0;
    },
  };
}

export type Requests = ReturnType<typeof createRequests>;
