// The provider contract: every translation backend (DeepL, on-device, test fakes) implements it.
// Framework-free: no extension APIs here, so providers are unit-tested with plain fetch fakes.

/** Why a text could not be translated. Shown to the reader and decides what the worker does next. */
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
] as const;
export type ErrorKind = (typeof ERROR_KINDS)[number];

/** Kinds the worker retries by itself with backoff; the others wait for the user. */
export const RETRYABLE_KINDS: ReadonlySet<ErrorKind> = new Set(['rate-limited', 'network', 'unavailable']);

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

export interface ProviderLimits {
  /** Texts per request (DeepL: 50). */
  maxTexts: number;
  /** Request body bytes, UTF-8 (DeepL: 128 KiB). */
  maxBytes: number;
}

export interface TranslateOptions {
  /** Source language code ('ZH'); omitted = let the provider detect. Required with a glossary. */
  source?: string;
  /** Target language code, DeepL style ('EN-US', 'EN-GB', 'DE', …). */
  target: string;
  /** Provider glossary id (DeepL), used only with `source`. */
  glossaryId?: string;
  /** Text that informs the translation but is not translated or billed (e.g. the note title for comments). */
  context?: string;
  signal?: AbortSignal;
}

export interface ProviderResult {
  text: string;
  /** Characters the provider billed for this text, when it says (DeepL show_billed_characters). */
  billedCharacters?: number;
}

export interface TranslationProvider {
  /** Stable id, part of every cache key ('deepl', 'on-device'). */
  readonly id: string;
  readonly limits: ProviderLimits;
  /** Translate texts in order; results[i] belongs to texts[i]. Throws TranslationError. */
  translate(texts: readonly string[], options: TranslateOptions): Promise<ProviderResult[]>;
}

export interface Usage {
  characterCount: number;
  characterLimit: number;
}
