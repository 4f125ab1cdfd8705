// The one message contract between content scripts, the popup and the background worker.
// Types and runtime schemas live together so a message is checked where it arrives.
import * as v from 'valibot';
import type { ErrorKind } from '../core/errors';
import type { OnDeviceAvailability, ProviderChoice, Usage } from '../core/provider-types';
import { MAX_SEGMENT_CHARS, MAX_SEGMENTS_PER_MESSAGE } from './limits';

export { MAX_SEGMENT_CHARS, MAX_SEGMENTS_PER_MESSAGE };

const SegmentSchema = v.object({
  /** Chosen by the sender, echoed in the answer; unique within one message. */
  id: v.pipe(v.string(), v.minLength(1), v.maxLength(64)),
  text: v.pipe(v.string(), v.maxLength(MAX_SEGMENT_CHARS)),
  /** Not translated, not billed: e.g. the note title when translating its comments. */
  context: v.optional(v.pipe(v.string(), v.maxLength(4_000))),
  /** Near the screen but not on it yet: the worker may hold it a little longer to batch it. */
  preload: v.optional(v.boolean()),
});
export type Segment = v.InferOutput<typeof SegmentSchema>;

/** Requests the content script may send. */
export const ContentRequestSchema = v.variant('type', [
  v.object({
    type: v.literal('translate'),
    segments: v.pipe(v.array(SegmentSchema), v.maxLength(MAX_SEGMENTS_PER_MESSAGE)),
    /** The page's navigator.onLine: pages see the network go and come back where a worker may not. */
    online: v.optional(v.boolean()),
  }),
]);

/** Requests only extension pages (the popup) may send: they touch the key, usage and glossary. */
export const PageRequestSchema = v.variant('type', [
  v.object({ type: v.literal('get-status') }),
  v.object({ type: v.literal('check-key'), key: v.pipe(v.string(), v.maxLength(200)) }),
  v.object({ type: v.literal('sync-glossary') }),
  v.object({ type: v.literal('retry-now') }),
]);

export type ContentRequest = v.InferOutput<typeof ContentRequestSchema>;
export type PageRequest = v.InferOutput<typeof PageRequestSchema>;
export type Request = ContentRequest | PageRequest;

export type SegmentResult =
  | { id: string; ok: true; text: string; fromCache: boolean }
  | { id: string; ok: false; error: SegmentError };

export interface SegmentError {
  kind: ErrorKind;
  message: string;
  /** When the worker will try again by itself (epoch ms): the page asks again just after. */
  retryAt?: number;
}

export interface TranslateResponse {
  results: SegmentResult[];
}

/** What the popup shows about the engine. */
export interface EngineStatus {
  provider: ProviderChoice;
  /** Set while sending is stopped (bad key, quota, budget) or backing off. */
  blocked?: { kind: ErrorKind; message: string; retryAt?: number };
  queued: number;
  usage?: Usage & { checkedAt: number };
  session: { translated: number; fromCache: number; charactersSaved: number; charactersBilled: number; requests: number };
  onDevice: OnDeviceAvailability;
}

export type KeyCheck =
  | { ok: true; plan: 'free' | 'pro'; usage: Usage }
  | { ok: false; kind: ErrorKind; message: string };

export type ResponseFor<R extends Request> = R extends { type: 'translate' }
  ? TranslateResponse
  : R extends { type: 'get-status' }
    ? EngineStatus
    : R extends { type: 'check-key' }
      ? KeyCheck
      : R extends { type: 'sync-glossary' }
        ? { ok: true; glossaryId: string; entries: number } | { ok: false; message: string }
        : { ok: true };

/** Every answer crosses the boundary wrapped, so a rejected message is a value, not a silent undefined. */
export type Envelope<T> = { ok: true; value: T } | { ok: false; error: string };
