// DeepL over fetch: the MV3 service worker cannot run deepl-node (it needs Node's http), so we speak
// the REST protocol ourselves. Types only from deepl-node, where they match the wire format.
import type { TextResult } from 'deepl-node';
import type { KeyCheck } from '../messaging/contract';
import { deeplBaseUrl } from './endpoints';
import { TranslationError } from '../core/errors';
import type { Usage } from '../core/provider-types';
import type { ProviderResult, TranslateOptions, TranslationProvider } from './types';

/** DeepL's documented request limits. */
export const DEEPL_LIMITS = { maxTexts: 50, maxBytes: 128 * 1024 } as const;

export interface DeeplConfig {
  key: string;
  /** A DeepL-compatible proxy; empty = the free or pro endpoint chosen from the key. */
  serverUrl?: string;
  fetch?: typeof fetch;
  /** Per-request timeout; a hung connection becomes a retryable network error. */
  timeoutMs?: number;
}

interface WireTranslation {
  text: string;
  detected_source_language: string;
  billed_characters?: number;
}

type Call = (path: string, init: { method: 'GET' | 'POST'; body?: unknown; signal?: AbortSignal }) => Promise<unknown>;

function caller(config: DeeplConfig): Call {
  const base = deeplBaseUrl(config.key, config.serverUrl);
  const doFetch = config.fetch ?? ((input, init) => globalThis.fetch(input, init));
  return async (path, init) => {
    const timeout = AbortSignal.timeout(config.timeoutMs ?? 30_000);
    const signal = init.signal ? AbortSignal.any([init.signal, timeout]) : timeout;
    let response: Response;
    try {
      response = await doFetch(base + path, {
        method: init.method,
        headers: {
          Authorization: `DeepL-Auth-Key ${config.key.trim()}`,
          ...(init.body === undefined ? {} : { 'Content-Type': 'application/json' }),
        },
        body: init.body === undefined ? undefined : JSON.stringify(init.body),
        signal,
      });
    } catch (error) {
      const reason = (error as Error)?.name === 'TimeoutError' ? 'DeepL did not answer in time' : 'Could not reach DeepL (offline or connection dropped)';
      throw new TranslationError('network', reason);
    }
    if (!response.ok) throw await errorFor(response, Boolean(config.serverUrl));
    try {
      return await response.json();
    } catch {
      throw new TranslationError('unavailable', 'DeepL sent an answer that is not valid JSON', undefined, response.status);
    }
  };
}

async function errorFor(response: Response, customServer: boolean): Promise<TranslationError> {
  const status = response.status;
  let detail = '';
  try {
    detail = String(((await response.json()) as { message?: unknown }).message ?? '');
  } catch {
    // Bodies of errors are optional; the status says enough.
  }
  const retryAfter = parseRetryAfter(response.headers.get('retry-after'));
  switch (true) {
    case status === 403:
      return new TranslationError('auth', customServer ? 'The translation server refused the DeepL key.' : 'DeepL refused the API key: check it in the RedNote Lens popup.', undefined, status);
    case status === 456:
      return new TranslationError('quota', "Your DeepL account's character quota for this month is used up.", undefined, status);
    case status === 429 || status === 529:
      return new TranslationError('rate-limited', 'DeepL asks us to slow down; retrying shortly.', retryAfter, status);
    case status === 413:
      return new TranslationError('too-long', 'The text is larger than DeepL accepts in one request.', undefined, status);
    case status >= 500:
      return new TranslationError('unavailable', `DeepL is unavailable (HTTP ${status}); retrying.`, retryAfter, status);
    default:
      return new TranslationError('unsupported', `DeepL rejected the request (HTTP ${status}${detail ? `: ${detail}` : ''}).`, undefined, status);
  }
}

function parseRetryAfter(value: string | null): number | undefined {
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

export function createDeeplProvider(config: DeeplConfig): TranslationProvider {
  const call = caller(config);
  return {
    id: 'deepl',
    limits: DEEPL_LIMITS,
    async translate(texts, options: TranslateOptions): Promise<ProviderResult[]> {
      if (!texts.length) return [];
      const body = requestBody(texts, options);
      const answer = (await call('/v2/translate', { method: 'POST', body, signal: options.signal })) as { translations?: WireTranslation[] };
      const translations = answer?.translations;
      if (!Array.isArray(translations) || translations.length !== texts.length || translations.some((t) => typeof t?.text !== 'string')) {
        throw new TranslationError('unavailable', 'DeepL sent an answer of the wrong shape');
      }
      return translations.map((t) => ({ text: t.text, billedCharacters: t.billed_characters }) satisfies Pick<TextResult, 'text'> & ProviderResult);
    },
  };
}

/** The JSON body of a /v2/translate request. Exported so the batcher can measure bytes exactly as sent. */
export function requestBody(texts: readonly string[], options: Pick<TranslateOptions, 'source' | 'target' | 'glossaryId' | 'context'>) {
  return {
    text: texts,
    target_lang: options.target,
    // A glossary needs source_lang; otherwise short Chinese snippets are also better with it set
    // than detected (DeepL's own advice for short texts), so the worker always sends ZH.
    ...(options.source ? { source_lang: options.source } : {}),
    ...(options.glossaryId && options.source ? { glossary_id: options.glossaryId } : {}),
    ...(options.context ? { context: options.context } : {}),
    show_billed_characters: true,
  };
}

export async function fetchUsage(config: DeeplConfig): Promise<Usage> {
  const usage = (await caller(config)('/v2/usage', { method: 'GET' })) as { character_count?: number; character_limit?: number };
  if (typeof usage?.character_count !== 'number' || typeof usage.character_limit !== 'number') {
    throw new TranslationError('network', 'DeepL sent a usage answer of the wrong shape');
  }
  return { characterCount: usage.character_count, characterLimit: usage.character_limit };
}

/** Check a key the user typed, live, and say precisely what is wrong with it. */
export async function checkKey(config: DeeplConfig): Promise<KeyCheck> {
  const key = config.key.trim();
  if (!key) return { ok: false, kind: 'auth', message: 'Enter a DeepL API key.' };
  try {
    const usage = await fetchUsage({ ...config, key });
    const plan = key.endsWith(':fx') ? 'free' : 'pro';
    return { ok: true, plan, usage };
  } catch (error) {
    const e = error instanceof TranslationError ? error : new TranslationError('network', String(error));
    if (e.kind === 'auth') {
      const hint = key.endsWith(':fx')
        ? 'DeepL did not accept this Free key (ending in :fx). Copy it again from your DeepL account.'
        : 'DeepL did not accept this key. Keys of the Free plan end in ":fx"; a Pro key must come from a Pro account.';
      return { ok: false, kind: 'auth', message: hint };
    }
    return { ok: false, kind: e.kind, message: e.message };
  }
}
