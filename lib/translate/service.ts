// The worker's translation service: segments in, per-segment results out. Order of work:
// nothing to pay for (empty, no Han) → cache → queue (dedupe, batch, provider) → cache.
import { cacheKey, NO_GLOSSARY_VERSION, type CacheKeyParts, type TranslationCache } from '../cache';
import { needsTranslation, normalizeText } from '../detect/chinese';
import { segmentError, type Segment, type SegmentError, type SegmentResult } from '../messaging/contract';
import type { Translated, TranslationQueue } from './queue';
import { joinPieces, splitText } from './split';
import { describeError } from '../core/errors';
import { ANSWER_WITHIN_MS } from '../core/retry-policy';

export interface ServiceDeps {
  cache: TranslationCache;
  queue: TranslationQueue;
  /** What the cache key depends on besides the text; `glossaryId`: the provider glossary a request carries now, which `glossaryVersion` stands for. */
  keyParts(): Omit<CacheKeyParts, 'text'> & { glossaryId?: string };
  /** Largest text (UTF-8 bytes) the provider takes in one request, with room for the rest of the body. */
  maxTextBytes(): number;
  /** How long one translate message waits before answering the unfinished segments with the state. */
  answerWithinMs?: number;
  /** Whether a provider should see this text; default: it holds Chinese (writing: English in, see write-back.ts). */
  needsTranslation?(text: string): boolean;
}

/**
 * Whether new text (not cached, not already waiting) of this many characters may be queued now.
 * Refused texts are answered 'paused' and not queued.
 */
export type Admit = (characters: number) => boolean;

export interface SessionStats {
  /** Texts answered with a translation (from the cache or the translator); failures are not counted. */
  translated: number;
  fromCache: number;
  charactersSaved: number;
}

export function createTranslationService(deps: ServiceDeps) {
  const stats: SessionStats = { translated: 0, fromCache: 0, charactersSaved: 0 };

  async function translateOne(text: string, context: string | undefined, parts: ReturnType<ServiceDeps['keyParts']>, preload: boolean): Promise<string> {
    const pieces = splitText(text, deps.maxTextBytes());
    const translated = await Promise.all(pieces.map((piece) => deps.queue.translate(piece, context, preload)));
    const joined = joinPieces(translated.map((t) => t.text));
    const key = keyOfMade(text, parts, translated);
    if (key) await deps.cache.setMany([[key, joined]]);
    return joined;
  }

  async function translateSegments(segments: readonly Segment[], admit?: Admit): Promise<SegmentResult[]> {
    const results = new Array<SegmentResult | undefined>(segments.length);
    // Asked with these; what the provider made with may differ (keyOfMade).
    const parts = deps.keyParts();
    const keys = segments.map((s) => cacheKey({ ...parts, text: s.text }));

    const toLookUp: number[] = [];
    segments.forEach((segment, i) => {
      if (!normalizeText(segment.text)) results[i] = { id: segment.id, ok: true, text: '', fromCache: false };
      // Nothing a provider should be paid for: numbers, handles, URLs, emoji codes, other languages.
      else if (!(deps.needsTranslation ?? needsTranslation)(segment.text)) results[i] = { id: segment.id, ok: true, text: segment.text, fromCache: false };
      else toLookUp.push(i);
    });

    const cached = await deps.cache.getMany(toLookUp.map((i) => keys[i]!));
    const waiting: Array<{ index: number; promise: Promise<string> }> = [];
    for (const i of toLookUp) {
      const segment = segments[i]!;
      const hit = cached.get(keys[i]!);
      if (hit !== undefined) {
        results[i] = { id: segment.id, ok: true, text: hit, fromCache: true };
        stats.translated++;
        stats.fromCache++;
        stats.charactersSaved += [...segment.text].length;
      } else if (admit && !segment.asked && !deps.queue.has(segment.text) && !admit([...segment.text].length)) {
        results[i] = { id: segment.id, ok: false, error: { kind: 'paused' } };
      } else {
        waiting.push({ index: i, promise: translateOne(segment.text, segment.context, parts, segment.preload === true) });
      }
    }

    // Settle what we can; stop early when sending is blocked (the reader must act) or time is up.
    const done = new Map<number, SegmentResult>();
    for (const { index, promise } of waiting) {
      const id = segments[index]!.id;
      promise.then(
        (text) => done.set(index, { id, ok: true, text, fromCache: false }),
        (error: unknown) => done.set(index, { id, ok: false, error: segmentError(describeError(error)) }),
      );
    }
    const deadline = Date.now() + (deps.answerWithinMs ?? ANSWER_WITHIN_MS);
    const all = Promise.allSettled(waiting.map((w) => w.promise));
    // Stop waiting when sending is blocked (the reader must act) or paused (the reader should know).
    const stalled = () => {
      const { blocked, backoff } = deps.queue.state();
      return Boolean(blocked || (backoff && backoff.until > Date.now()));
    };
    // One timer for the whole wait, cleared when the answer goes: none is left running per pass.
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeUp = new Promise<void>((resolve) => (timer = setTimeout(resolve, Math.max(0, deadline - Date.now()))));
    try {
      while (done.size < waiting.length && !stalled() && Date.now() < deadline) {
        await Promise.race([all, deps.queue.nextChange(), timeUp]);
        await Promise.resolve(); // let the .then callbacks above record what just settled
      }
    } finally {
      clearTimeout(timer);
    }
    const state = deps.queue.state();
    // Still waiting for the translator: the page asks again.
    const pendingError: SegmentError = state.blocked ? segmentError(state.blocked) : state.backoff ? { kind: state.backoff.kind, retryAt: state.backoff.until } : { kind: 'network' };
    for (const { index } of waiting) {
      const result = done.get(index);
      if (result?.ok) stats.translated++;
      results[index] = result ?? { id: segments[index]!.id, ok: false, error: pendingError };
    }
    return results as SegmentResult[];
  }

  return { translateSegments, stats: () => ({ ...stats }) };
}

export type TranslationService = ReturnType<typeof createTranslationService>;

/**
 * The cache key of a translation as it was made: the key it was asked under, unless the provider
 * made it without the glossary asked for (DeepL refused it: the key without a glossary), or with
 * another (made meanwhile: no key, it is not cached). A lookup with the glossary never finds an
 * answer made without it.
 */
function keyOfMade(text: string, parts: ReturnType<ServiceDeps['keyParts']>, made: readonly Translated[]): string | undefined {
  const used = new Set(made.map((t) => t.glossaryId));
  if (used.size !== 1) return undefined;
  const [glossaryId] = used;
  if (glossaryId === parts.glossaryId) return cacheKey({ ...parts, text });
  return glossaryId === undefined ? cacheKey({ ...parts, glossaryVersion: NO_GLOSSARY_VERSION, text }) : undefined;
}
