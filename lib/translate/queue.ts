// One queue for the texts of every tab. It waits a short window to fill a batch (or sends at once when
// a batch is full by count or bytes); text the reader is not looking at yet (preload) waits a longer
// window, and goes with the next text on screen if one comes sooner. It sends each distinct text
// once, keeps at most `concurrency` requests in flight, and never drops a text: on 429/5xx/network
// it pauses and backs off; on a bad key, an empty quota or the user's budget it stops and waits for
// resume(); texts stay queued, and on resume only those a page asked for again are sent.
import { RETRYABLE_KINDS, TranslationError, type ErrorKind } from '../core/errors';
import { backoffDelay, STILL_WANTED_WITHIN_MS } from '../core/retry-policy';
import { utf8Bytes } from './split';
import type { TranslateOptions, TranslationProvider } from './types';

export interface QueueState {
  /** Sending stopped until resume(): auth, quota, budget, no-provider. */
  blocked?: { kind: ErrorKind; message: string };
  /** Sending paused until this time after a retryable failure. */
  backoff?: { kind: ErrorKind; message: string; until: number };
  queued: number;
  inFlight: number;
}

export interface SentBatch {
  texts: number;
  characters: number;
  billedCharacters: number;
}

export interface QueueDeps {
  provider(): TranslationProvider | undefined;
  requestOptions(): Omit<TranslateOptions, 'context' | 'signal'>;
  /**
   * Chosen by measurement (npm run bench and the soak): long enough to gather the texts a scroll
   * brings over a few frames. 60 ms against 30 ms: a fling through comments took 1.7× instead of
   * 1.8× the requests of a perfect batcher; a new text on screen showed ~33 ms later.
   */
  windowMs?: number;
  /** The window for preload text alone: long enough for the screen's next texts to join it. */
  preloadWindowMs?: number;
  concurrency?: number;
  /** The bound on what waits (not yet sent): past it new texts are refused, nothing queued is dropped. */
  maxQueuedTexts?: number;
  maxQueuedCharacters?: number;
  setTimer?: (fn: () => void, ms: number) => unknown;
  now?: () => number;
  random?: () => number;
  /**
   * Asked before each request with its characters and those of requests still in flight (not yet
   * billed, but about to be): an error stops sending (the monthly budget).
   */
  gate?: (characters: number, charactersInFlight: number) => TranslationError | undefined;
  onSent?: (batch: SentBatch) => void;
  onState?: (state: QueueState) => void;
}

export const DEFAULT_WINDOW_MS = 60;
export const DEFAULT_PRELOAD_WINDOW_MS = 150;
export const DEFAULT_CONCURRENCY = 2;
/**
 * The queue's bound. A note with 2,000 comments and replies, all queued while sending is stopped
 * (no key yet, budget reached), is ~3,000 texts and ~100,000 characters; 5,000 texts and 1 M
 * characters (a few MB of memory) leave room for that and stop a page from filling the worker.
 */
export const MAX_QUEUED_TEXTS = 5_000;
export const MAX_QUEUED_CHARACTERS = 1_000_000;
/** JSON around the texts of a request: target, source, glossary id, flags. */
const BODY_OVERHEAD_BYTES = 256;

/** A translation and what it was made with (its cache key must say the same). */
export interface Translated {
  text: string;
  /** The glossary the provider applied, if any: the one sent, unless the provider sent the text again without it. */
  glossaryId?: string;
}

interface Job {
  text: string;
  context?: string;
  /** Preload text: no one is looking at it yet. */
  preload: boolean;
  /** When a page last asked for it: while blocked, pages keep asking for what they still show. */
  askedAt: number;
  /** Sent on its own after a 413 in company. */
  alone?: boolean;
  resolve(translation: Translated): void;
  reject(error: TranslationError): void;
}

export class TranslationQueue {
  private readonly pending = new Map<string, Job>();
  /** Characters (UTF-16 units) of the pending texts, for the bound. */
  private pendingCharacters = 0;
  private readonly inFlightJobs = new Map<string, Job>();
  private requests = 0;
  private charactersInFlight = 0;
  private failures = 0;
  /** Counts backoffs begun: a request sent before the current one began does not escalate it. */
  private backoffRound = 0;
  private blocked?: QueueState['blocked'];
  private backoff?: QueueState['backoff'];
  /** When the open batch window closes (undefined: no window open), and which timer closes it. */
  private windowDue?: number;
  private windowTimer = 0;
  private backoffTimer = 0;
  private readonly listeners = new Set<() => void>();
  private readonly windowMs: number;
  private readonly preloadWindowMs: number;
  private readonly concurrency: number;
  private readonly maxQueuedTexts: number;
  private readonly maxQueuedCharacters: number;
  private readonly setTimer: (fn: () => void, ms: number) => unknown;
  private readonly now: () => number;
  private readonly random: () => number;

  constructor(private readonly deps: QueueDeps) {
    this.windowMs = deps.windowMs ?? DEFAULT_WINDOW_MS;
    this.preloadWindowMs = deps.preloadWindowMs ?? DEFAULT_PRELOAD_WINDOW_MS;
    this.concurrency = deps.concurrency ?? DEFAULT_CONCURRENCY;
    this.maxQueuedTexts = deps.maxQueuedTexts ?? MAX_QUEUED_TEXTS;
    this.maxQueuedCharacters = deps.maxQueuedCharacters ?? MAX_QUEUED_CHARACTERS;
    this.setTimer = deps.setTimer ?? ((fn, ms) => setTimeout(fn, ms));
    this.now = deps.now ?? Date.now;
    this.random = deps.random ?? Math.random;
  }

  /** The text waits here or is being sent: asking for it again adds nothing. */
  has(text: string): boolean {
    return this.pending.has(text) || this.inFlightJobs.has(text);
  }

  /**
   * The translation of a text; identical texts queued or in flight share one request. A new text
   * past the queue's bound is refused ('queue-full', retryable): the page asks again later.
   */
  translate(text: string, context?: string, preload = false): Promise<Translated> {
    const existing = this.pending.get(text) ?? this.inFlightJobs.get(text);
    if (existing) {
      existing.askedAt = this.now();
      if (!preload && existing.preload && this.pending.has(text)) {
        existing.preload = false;
        this.schedule(false);
      }
      return new Promise((resolve, reject) => {
        const { resolve: r0, reject: j0 } = existing;
        existing.resolve = (t) => (r0(t), resolve(t));
        existing.reject = (e) => (j0(e), reject(e));
      });
    }
    if (this.pending.size >= this.maxQueuedTexts || this.pendingCharacters + text.length > this.maxQueuedCharacters) {
      return Promise.reject(new TranslationError('queue-full', 'Too many texts are waiting to be translated; asking again shortly.'));
    }
    return new Promise((resolve, reject) => {
      this.pending.set(text, { text, context, preload, askedAt: this.now(), resolve, reject });
      this.pendingCharacters += text.length;
      this.schedule(preload);
    });
  }

  /** Send again after the user fixed what blocked us (new key, new month, budget raised, retry). */
  resume(): void {
    const blocked = this.blocked;
    this.blocked = undefined;
    if (blocked) this.settleUnwanted(new TranslationError(blocked.kind, blocked.message));
    this.restart();
  }

  /**
   * Texts no page asked for again while blocked are no longer shown anywhere: not worth quota.
   * Their promises end with the error that blocked them; a page that still wants one asks again.
   */
  private settleUnwanted(error: TranslationError) {
    const wantedSince = this.now() - STILL_WANTED_WITHIN_MS;
    for (const job of [...this.pending.values()]) {
      if (job.askedAt >= wantedSince) continue;
      this.pending.delete(job.text);
      this.pendingCharacters -= job.text.length;
      job.reject(error);
    }
  }

  /** The connection is back: retry now rather than at the end of a backoff for network errors. */
  connectionBack(): void {
    if (this.backoff?.kind === 'network') this.restart();
  }

  private restart() {
    this.backoff = undefined;
    this.failures = 0;
    this.changed();
    this.pump();
  }

  state(): QueueState {
    return { blocked: this.blocked, backoff: this.backoff, queued: this.pending.size, inFlight: this.requests };
  }

  /** Resolves at the next change of state or the next finished request. */
  nextChange(): Promise<void> {
    return new Promise((resolve) => {
      const listener = () => {
        this.listeners.delete(listener);
        resolve();
      };
      this.listeners.add(listener);
    });
  }

  private changed() {
    this.deps.onState?.(this.state());
    for (const listener of [...this.listeners]) listener();
  }

  private schedule(preload: boolean) {
    if (this.fullBatchWaiting()) {
      queueMicrotask(() => this.pump());
      return;
    }
    // Open a window, or close the open one sooner: text on screen does not wait for preload's window.
    const wait = preload ? this.preloadWindowMs : this.windowMs;
    const due = this.now() + wait;
    if (this.windowDue !== undefined && this.windowDue <= due) return;
    this.windowDue = due;
    const timer = ++this.windowTimer;
    this.setTimer(() => {
      if (timer !== this.windowTimer) return; // replaced by a sooner one
      this.windowDue = undefined;
      this.pump();
    }, wait);
  }

  private fullBatchWaiting(): boolean {
    const provider = this.deps.provider();
    return Boolean(provider && this.pending.size >= provider.limits.maxTexts);
  }

  private pump() {
    if (this.blocked) return;
    if (this.backoff && this.now() < this.backoff.until) {
      // Timers may fire a millisecond before the clock says the backoff is over: wake again then,
      // or texts already queued (a page re-asking adds nothing new) would wait for ever.
      this.wakeAt(this.backoff.until);
      return;
    }
    while (this.requests < this.concurrency && this.pending.size) {
      // While the window is open only full batches go; the rest waits for company.
      if (this.windowDue !== undefined && !this.fullBatchWaiting()) return;
      const provider = this.deps.provider();
      if (!provider) {
        this.block(new TranslationError('no-provider', 'No translator is set up: add a DeepL key or choose the on-device translator in the RedNote Lens popup.'));
        return;
      }
      const batch = this.takeBatch(provider);
      const characters = batch.reduce((n, job) => n + [...job.text].length, 0);
      const refusal = this.deps.gate?.(characters, this.charactersInFlight);
      if (refusal) {
        this.putBack(batch);
        this.block(refusal);
        return;
      }
      void this.send(provider, batch, characters);
    }
  }

  /** The oldest text and those after it that share its context, within the provider's limits. */
  private takeBatch(provider: TranslationProvider): Job[] {
    const batch: Job[] = [];
    let first: Job | undefined;
    let bytes = BODY_OVERHEAD_BYTES;
    for (const job of this.pending.values()) {
      if (!first) {
        first = job;
        // Measured as sent: JSON escapes quotes, backslashes and control characters (up to 6 bytes each).
        if (job.context) bytes += utf8Bytes(JSON.stringify(job.context));
      } else if (job.context !== first.context || job.alone || first.alone) continue;
      const size = utf8Bytes(JSON.stringify(job.text)) + 1;
      if (batch.length && (batch.length >= provider.limits.maxTexts || bytes + size > provider.limits.maxBytes)) break;
      batch.push(job);
      bytes += size;
      if (first.alone) break;
    }
    for (const job of batch) {
      this.pending.delete(job.text);
      this.pendingCharacters -= job.text.length;
      this.inFlightJobs.set(job.text, job);
    }
    return batch;
  }

  private async send(provider: TranslationProvider, batch: Job[], characters: number) {
    this.requests++;
    this.charactersInFlight += characters;
    const round = this.backoffRound;
    const options = { ...this.deps.requestOptions(), context: batch[0]!.context };
    try {
      const results = await provider.translate(
        batch.map((job) => job.text),
        options,
      );
      this.failures = 0;
      this.backoff = undefined;
      this.deps.onSent?.({ texts: batch.length, characters, billedCharacters: results.reduce((n, r, i) => n + (r.billedCharacters ?? [...batch[i]!.text].length), 0) });
      batch.forEach((job, i) => {
        this.inFlightJobs.delete(job.text);
        const result = results[i]!;
        if (result.error) job.reject(result.error);
        else job.resolve({ text: result.text, ...(options.glossaryId && !result.withoutGlossary ? { glossaryId: options.glossaryId } : {}) });
      });
    } catch (error) {
      this.fail(batch, error instanceof TranslationError ? error : new TranslationError('network', String((error as Error)?.message ?? error)), round);
    } finally {
      this.requests--;
      this.charactersInFlight -= characters;
      this.changed();
      this.pump();
    }
  }

  private fail(batch: Job[], error: TranslationError, sentInRound: number) {
    if (RETRYABLE_KINDS.has(error.kind)) {
      this.putBack(batch);
      if (this.backoff && sentInRound !== this.backoffRound) {
        // Sent before this backoff began: the same trouble, one step. A Retry-After still counts.
        const until = Math.max(this.backoff.until, this.now() + (error.retryAfterMs ?? 0));
        if (until > this.backoff.until) {
          this.backoff = { ...this.backoff, until };
          this.wakeAt(until);
        }
        return;
      }
      this.failures++;
      this.backoffRound++;
      const until = this.now() + backoffDelay(this.failures, this.random, error.retryAfterMs);
      this.backoff = { kind: error.kind, message: error.message, until };
      this.wakeAt(until);
      return;
    }
    if (error.kind === 'too-long' && batch.length > 1) {
      for (const job of batch) job.alone = true;
      this.putBack(batch);
      return;
    }
    if (error.kind === 'too-long' || error.kind === 'unsupported') {
      for (const job of batch) {
        this.inFlightJobs.delete(job.text);
        job.reject(error);
      }
      return;
    }
    this.putBack(batch);
    this.block(error);
  }

  /** One timer for the end of the backoff; a newer one replaces it. */
  private wakeAt(until: number) {
    const timer = ++this.backoffTimer;
    this.setTimer(() => timer === this.backoffTimer && this.pump(), Math.max(1, until - this.now()));
  }

  /** Failed texts go back to the front of the queue, in their order. */
  private putBack(batch: Job[]) {
    const rest = [...this.pending.values()];
    this.pending.clear();
    for (const job of [...batch, ...rest]) {
      this.inFlightJobs.delete(job.text);
      this.pending.set(job.text, job);
    }
    this.pendingCharacters += batch.reduce((n, job) => n + job.text.length, 0);
  }

  private block(error: TranslationError) {
    const first = !this.blocked;
    this.blocked = { kind: error.kind, message: error.message };
    if (first) this.changed();
  }
}
