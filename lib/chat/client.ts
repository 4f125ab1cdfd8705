// The one way to call an OpenAI-compatible chat-completions endpoint (OpenAI, DeepSeek, OpenRouter,
// Ollama, LM Studio): auth header when there is a key, JSON bodies, a timeout, and one
// classification of failures into the shared error vocabulary (Retry-After kept), as lib/deepl's.
import { TranslationError } from '../core/errors';
import { parseRetryAfter } from '../core/retry-policy';

/**
 * How long a completion may take. A model writes its answer token by token: a full batch (50 feed
 * titles, or a few KB of comments) is some 1,000–2,000 tokens, 20–60 s on a local model on a CPU,
 * seconds on a hosted one. The page meanwhile shows its waiting line (it asks again every 20 s);
 * past this the request is a network error with the usual backoff.
 */
export const CHAT_TIMEOUT_MS = 60_000;

export interface ChatAccess {
  /** Checked base URL ('https://api.openai.com/v1'); requests go to its /chat/completions. */
  endpoint: string;
  model: string;
  /** '' for servers without one (a local Ollama). */
  key?: string;
  fetch?: typeof fetch;
  timeoutMs?: number;
}

export interface ChatUsage {
  prompt_tokens?: number;
  completion_tokens?: number;
  total_tokens?: number;
}

export interface ChatAnswer {
  /** The first choice's message content. */
  content: string;
  /** 'stop', or 'length' when the answer was cut at the token limit. */
  finishReason?: string;
  tokens: number;
}

export interface ChatRequest {
  messages: Array<{ role: 'system' | 'user'; content: string }>;
  /** Ask for a JSON object (response_format json_object) where the endpoint takes it. */
  json: boolean;
  signal?: AbortSignal;
}

export function createChatClient(access: ChatAccess) {
  const doFetch = access.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const key = access.key?.trim() ?? '';
  const server = serverName(access.endpoint);
  return {
    async complete({ messages, json, signal }: ChatRequest): Promise<ChatAnswer> {
      const timeout = new AbortController();
      let timedOut = false;
      const timer = setTimeout(() => {
        timedOut = true;
        timeout.abort();
      }, access.timeoutMs ?? CHAT_TIMEOUT_MS);
      let response: Response;
      let text: string;
      try {
        response = await doFetch(`${access.endpoint}/chat/completions`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', ...(key ? { Authorization: `Bearer ${key}` } : {}) },
          body: JSON.stringify({
            model: access.model,
            messages,
            // Translation, not writing: the same text gives the same answer (and the same cache entry).
            temperature: 0,
            stream: false,
            ...(json ? { response_format: { type: 'json_object' } } : {}),
          }),
          signal: signal ? AbortSignal.any([signal, timeout.signal]) : timeout.signal,
        });
        text = await response.text();
      } catch {
        throw new TranslationError('network', timedOut ? `${server} did not answer in time` : `Could not reach ${server} (offline, not running, or connection dropped)`);
      } finally {
        clearTimeout(timer);
      }
      if (!response.ok) throw errorFor(response, text, server, access);
      let body: { choices?: Array<{ message?: { content?: unknown }; finish_reason?: string }>; usage?: ChatUsage };
      try {
        body = JSON.parse(text) as typeof body;
      } catch {
        throw new TranslationError('unavailable', `${server} sent an answer that is not valid JSON`, undefined, response.status);
      }
      const choice = body?.choices?.[0];
      if (typeof choice?.message?.content !== 'string') throw new TranslationError('unavailable', `${server} sent an answer without a message`, undefined, response.status);
      const usage = body.usage;
      return { content: choice.message.content, finishReason: choice.finish_reason, tokens: usage?.total_tokens ?? (usage?.prompt_tokens ?? 0) + (usage?.completion_tokens ?? 0) };
    },
  };
}

export type ChatClient = ReturnType<typeof createChatClient>;

/** 'the chat model at api.openai.com': what the reader sees in messages. */
function serverName(endpoint: string): string {
  try {
    return `the chat model at ${new URL(endpoint).host}`;
  } catch {
    return 'the chat model';
  }
}

/** An OpenAI-style error body: {"error":{"message","type","code"}}; some servers send {"error":"text"}, {"code","message"} (SiliconFlow), or a list of one (Gemini). */
function errorDetail(text: string): { message: string; code: string; type: string } {
  try {
    // Gemini's OpenAI-compatible endpoint wraps its error in a list.
    const parsed = JSON.parse(text) as unknown;
    const body = (Array.isArray(parsed) ? parsed[0] : parsed) as { error?: unknown };
    const error = body?.error;
    if (typeof error === 'string') return { message: error, code: '', type: '' };
    const e = (error ?? body) as { message?: unknown; code?: unknown; type?: unknown } | undefined;
    return { message: String(e?.message ?? ''), code: String(e?.code ?? ''), type: String(e?.type ?? '') };
  } catch {
    return { message: '', code: '', type: '' };
  }
}

/** How servers say the model asked for is not theirs. */
const MODEL_MISSING = /\bmodel\b.{0,60}\b(not found|does not exist|not exist)|not a valid model|invalid model|unknown model|no such model/i;

/**
 * How servers say a request is longer than the model's context, in a plain 400 (OpenAI and Groq say it
 * with a code): vLLM, Mistral, DeepSeek, OpenRouter ("maximum context length", "maximum model length"),
 * llama.cpp and Ollama ("exceeds the available context size"), LM Studio ("loaded with context length"),
 * SiliconFlow ("max_seq_len"), Gemini ("exceeds the maximum number of tokens"), Anthropic ("prompt is too
 * long", "exceed context limit"). A batch that long is split, not refused.
 */
const CONTEXT_TOO_LONG = /maximum context length|context (?:length|size|window) (?:is )?exceeded|exceeds? the (?:available |maximum |model.s )*(?:context|tokens?\b)|exceeds? the maximum number of tokens|prompt is too long|context (?:the )?overflows|loaded with (?:a )?context length|max_seq_len|longer than the maximum model length|exceed context limit/i;

function errorFor(response: Response, text: string, server: string, { endpoint, model }: ChatAccess): TranslationError {
  const status = response.status;
  const detail = errorDetail(text);
  const said = detail.message ? `: ${detail.message.slice(0, 300)}` : '';
  const retryAfter = parseRetryAfter(response.headers.get('retry-after'));
  const Server = server[0]!.toUpperCase() + server.slice(1);
  switch (true) {
    case status === 401 || status === 403:
      return new TranslationError('auth', `${Server} refused the API key (HTTP ${status}${said}): check it in the RedNote Lens options.`, undefined, status);
    // OpenAI answers 429 with code insufficient_quota when the account has no credit; DeepSeek and
    // OpenRouter answer 402. Waiting does not help: stop, as for DeepL's 456.
    case status === 402 || detail.code === 'insufficient_quota' || detail.type === 'insufficient_quota':
      return new TranslationError('quota', `The account at ${server.replace('the chat model at ', '')} has no credit left (HTTP ${status}${said}).`, undefined, status);
    case status === 429:
      return new TranslationError('rate-limited', `${Server} asks us to slow down; retrying shortly.`, retryAfter, status);
    case status === 413 || detail.code === 'context_length_exceeded' || detail.type === 'exceed_context_size_error' || (status === 400 && CONTEXT_TOO_LONG.test(detail.message)):
      return new TranslationError('too-long', `The text is longer than ${server} accepts in one request (HTTP ${status}${said}).`, undefined, status);
    case status >= 500:
      return new TranslationError('unavailable', `${Server} is unavailable (HTTP ${status}); retrying.`, retryAfter, status);
    // A wrong model name (OpenAI: 404 model_not_found; Ollama: 404 "model … not found"; DeepSeek,
    // SiliconFlow: 400 "Model Not Exist", "Model does not exist") or a wrong address: every batch would
    // be refused alike, so sending stops until the reader changes the setting.
    case detail.code === 'model_not_found' || ((status === 400 || status === 404) && MODEL_MISSING.test(detail.message)):
      return new TranslationError('no-model', `${Server} has no model named “${model}” (HTTP ${status}${said}): check the model’s name in the RedNote Lens options.`, undefined, status);
    case status === 404:
      return new TranslationError('no-model', `${Server} has no chat-completions endpoint at ${endpoint} (HTTP 404${said}): check the address in the RedNote Lens options.`, undefined, status);
    default:
      return new TranslationError('unsupported', `${Server} rejected the request (HTTP ${status}${said}).`, undefined, status);
  }
}
