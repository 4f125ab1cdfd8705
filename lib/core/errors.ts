// The one error vocabulary: why a text could not be translated. Every layer speaks it — providers
// throw it, the queue decides by it, the message contract carries it, the page shows it.
// Bottom layer: imports nothing.

export const ERROR_KINDS = [
  'auth', // 403: wrong or revoked key. Stop sending; keep text queued until the key changes.
  'quota', // 456: the account's monthly characters are used up. Stop; keep queued.
  'budget', // the user's own monthly budget in settings is reached. Stop; keep queued.
  'rate-limited', // 429/529: back off and retry by ourselves.
  'network', // offline, dropped connection, timeout: back off and retry (at once when back online).
  'unavailable', // the provider answered 5xx, or an answer we cannot read: back off and retry.
  'too-long', // a single text larger than anything the provider accepts, even after splitting.
  'unsupported', // language pair or feature the provider does not offer (also on-device 'unavailable').
  'no-provider', // the user has no provider set up (no key, no on-device translator).
  'no-model', // the chat server has no model by the name set (404 model_not_found), or no chat endpoint there. Stop; keep queued until the settings change.
  'paused', // unusual volume from one page (rate limit): nothing more from it until the reader says continue.
  'queue-full', // too many texts waiting in the worker: refused for now, the page asks again later.
] as const;
export type ErrorKind = (typeof ERROR_KINDS)[number];

/** Kinds the worker retries by itself with backoff; the others wait for the reader (key, quota, budget). */
export const RETRYABLE_KINDS: ReadonlySet<ErrorKind> = new Set(['rate-limited', 'network', 'unavailable', 'queue-full']);

/**
 * Kinds that stop every text until the reader acts (a translator, a key, a month, a budget, a model's
 * name): the page shows one notice for them, not a line per text, and asks again now and then.
 */
export const BLOCKING_KINDS = ['no-provider', 'auth', 'quota', 'budget', 'no-model'] as const satisfies readonly ErrorKind[];
export type BlockingKind = (typeof BLOCKING_KINDS)[number];
export const isBlocking = (kind: ErrorKind): kind is BlockingKind => (BLOCKING_KINDS as readonly ErrorKind[]).includes(kind);

export class TranslationError extends Error {
  constructor(
    readonly kind: ErrorKind,
    message: string,
    /** Server-suggested wait (Retry-After), if any. */
    readonly retryAfterMs?: number,
    readonly status?: number,
  ) {
    super(message);
    this.name = 'TranslationError';
  }
}

/** Any thrown value as a kind and a message (what crosses the message boundary). */
export function describeError(error: unknown): { kind: ErrorKind; message: string } {
  if (error instanceof TranslationError) return { kind: error.kind, message: error.message };
  return { kind: 'network', message: String((error as Error)?.message ?? error) };
}
