// The one way to call DeepL: the MV3 service worker cannot run deepl-node (it needs Node's http), so
// we speak the REST protocol over fetch. Server from the key, auth header, JSON bodies, a timeout,
// and one classification of failures into the shared error vocabulary (Retry-After kept).
import { TranslationError } from '../core/errors';
import { parseRetryAfter } from '../core/retry-policy';
import { deeplBaseUrl } from './hosts';

/**
 * How long each kind of call waits for DeepL's answer. fetch has no connect timeout, so one timer
 * covers connecting, sending and DeepL's work. deepl-node waits 5 s per attempt (10 s in its docs).
 * - account (usage, key check): a tiny GET DeepL answers in well under a second; 10 s is its
 *   documented figure, and the popup shows "Checking…" no longer than that.
 * - translate: a full batch (50 texts, 128 KiB) takes DeepL seconds to translate, so longer; but
 *   under the 20 s a page waits for its answer (ANSWER_WITHIN_MS), so a hung request becomes a
 *   network backoff the page shows, and the retry goes on a fresh connection.
 * - glossary: one upload of a few KB of terms and DeepL building the dictionary.
 */
export const DEEPL_TIMEOUT_MS = { account: 10_000, translate: 15_000, glossary: 15_000 } as const;

export interface DeeplAccess {
  key: string;
  /** A DeepL-compatible proxy; empty = the free or pro endpoint chosen from the key. */
  serverUrl?: string;
  fetch?: typeof fetch;
  /** One timeout for every call instead of each kind's own (tests shorten it). */
  timeoutMs?: number;
}

export interface DeeplRequest {
  method: 'GET' | 'POST' | 'DELETE';
  path: string;
  /** Sent as JSON. */
  body?: unknown;
  signal?: AbortSignal;
  /** A call with no answer by then becomes a retryable network error (unless the access sets one for all). */
  timeoutMs: number;
}

export interface DeeplClient {
  readonly baseUrl: string;
  /** The parsed JSON answer (undefined for an empty one, e.g. a DELETE's 204). Throws TranslationError. */
  request(request: DeeplRequest): Promise<unknown>;
}

export function createDeeplClient(access: DeeplAccess): DeeplClient {
  const baseUrl = deeplBaseUrl(access.key, access.serverUrl);
  const key = access.key.trim();
  const doFetch = access.fetch ?? ((input, init) => globalThis.fetch(input, init));
  return {
    baseUrl,
    async request({ method, path, body, signal, timeoutMs }) {
      // Our own timer rather than AbortSignal.timeout: it is cleared with the answer.
      const timeout = new AbortController();
      let timedOut = false;
      const timer = setTimeout(() => {
        timedOut = true;
        timeout.abort();
      }, access.timeoutMs ?? timeoutMs);
      let response: Response;
      let text: string;
      try {
        response = await doFetch(baseUrl + path, {
          method,
          headers: { Authorization: `DeepL-Auth-Key ${key}`, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
          body: body === undefined ? undefined : JSON.stringify(body),
          signal: signal ? AbortSignal.any([signal, timeout.signal]) : timeout.signal,
        });
        text = await response.text();
      } catch {
        throw new TranslationError('network', timedOut ? 'DeepL did not answer in time' : 'Could not reach DeepL (offline or connection dropped)');
      } finally {
        clearTimeout(timer);
      }
      if (!response.ok) throw errorFor(response, text, Boolean(access.serverUrl?.trim()));
      if (!text.trim()) return undefined;
      try {
        return JSON.parse(text) as unknown;
      } catch {
        throw new TranslationError('unavailable', 'DeepL sent an answer that is not valid JSON', undefined, response.status);
      }
    },
  };
}

function errorFor(response: Response, text: string, customServer: boolean): TranslationError {
  const status = response.status;
  let detail = '';
  try {
    detail = String((JSON.parse(text) as { message?: unknown }).message ?? '');
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
