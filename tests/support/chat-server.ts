// A local server that speaks the OpenAI chat-completions API (POST /v1/chat/completions, `stream`
// false, `response_format`, `usage`) as OpenAI, DeepSeek, OpenRouter, Ollama and LM Studio do, with
// OpenAI's error bodies ({"error":{"message","type","param","code"}}) and faults a test switches on:
// prose around the JSON, a wrong count, a cut-off answer, any status (429 with Retry-After), a
// dropped connection, a slow or hanging answer, one text never answered (a comment that derails it). Its "model" follows our prompt (lib/chat/prompt.ts):
// it reads the texts and glossary from the user message and answers each with the DeepL test
// server's marked transform ("你好" → "⟪EN⟫ ni hao"; glossary terms by their meaning), so a test sees
// which text each translation came from, and whether the glossary reached the prompt.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { fakeTranslate, transportFault } from './deepl-server';

export const COMPLETIONS_PATH = '/v1/chat/completions';

export interface ChatStartOptions {
  port?: number;
  latencyMs?: number;
  /** A key the server asks for (Authorization: Bearer …); none = any or no key (a local Ollama). */
  key?: string;
  /** Models it serves; none = any name. */
  models?: string[];
  /** Refuse `response_format` with a 400, as some servers do. */
  noResponseFormat?: boolean;
}

export interface ChatRecordedRequest {
  path: string;
  headers: IncomingMessage['headers'];
  body: Record<string, unknown> | undefined;
  /** The texts of the user message, in key order. */
  texts?: string[];
  context?: string;
  glossary?: Record<string, string>;
  /** The status sent; -1 = connection dropped, -2 = left hanging. */
  status: number;
  at: number;
}

type Fault =
  | { kind: 'status'; status: number; retryAfterSeconds?: number; code?: string }
  | { kind: 'prose' }
  | { kind: 'wrong-count' }
  | { kind: 'truncated' }
  | { kind: 'drop' }
  | { kind: 'hang' };

export interface ChatTestServer {
  url: string;
  /** The base URL a reader types ('http://127.0.0.1:PORT/v1'). */
  endpoint: string;
  port: number;
  requests: ChatRecordedRequest[];
  /** Completions asked for (the DeepL server's name, so the soak counts either). */
  translateRequests(): ChatRecordedRequest[];
  latencyMs: number;
  /** Tokens counted in every `usage` sent. */
  tokensSent: number;
  failNext(status: number, count?: number, options?: { retryAfterSeconds?: number; code?: string }): void;
  proseNext(count?: number): void;
  wrongCountNext(count?: number): void;
  truncatedNext(count?: number): void;
  dropNext(count?: number): void;
  hangNext(count?: number): void;
  /** Every answer leaves this text out (a comment written to derail a model), until reset: alone, it gets `{}`. */
  derailOn(text: string): void;
  reset(): void;
  close(): Promise<void>;
}

/** OpenAI's error bodies, as its API sends them for each status. */
function openAiError(status: number, model: string, code?: string): { message: string; type: string; param: null; code: string | null } {
  if (code === 'insufficient_quota') return { message: 'You exceeded your current quota, please check your plan and billing details.', type: 'insufficient_quota', param: null, code };
  switch (status) {
    case 400:
      return { message: "'response_format' of type 'json_object' is not supported with this model.", type: 'invalid_request_error', param: null, code: code ?? null };
    case 401:
      return { message: 'Incorrect API key provided: sk-test. You can find your API key at https://platform.openai.com/account/api-keys.', type: 'invalid_request_error', param: null, code: 'invalid_api_key' };
    case 403:
      return { message: 'Country, region, or territory not supported', type: 'request_forbidden', param: null, code: 'unsupported_country_region_territory' };
    case 404:
      return { message: `The model \`${model}\` does not exist or you do not have access to it.`, type: 'invalid_request_error', param: null, code: 'model_not_found' };
    case 429:
      return { message: `Rate limit reached for ${model} in organization org-test on requests per min (RPM): Limit 3, Used 3, Requested 1. Please try again in 20s.`, type: 'requests', param: null, code: code ?? 'rate_limit_exceeded' };
    case 503:
      return { message: 'The engine is currently overloaded, please try again later.', type: 'server_error', param: null, code: null };
    default:
      return { message: 'The server had an error while processing your request. Sorry about that!', type: 'server_error', param: null, code: null };
  }
}

/** Our prompt's user message: {"context"?, "glossary"?, "texts": {"1": …}}. */
function readPrompt(body: Record<string, unknown>) {
  const messages = Array.isArray(body.messages) ? (body.messages as Array<{ role?: string; content?: unknown }>) : [];
  const system = String(messages.find((m) => m.role === 'system')?.content ?? '');
  const user = JSON.parse(String(messages.findLast((m) => m.role === 'user')?.content ?? '{}')) as { texts?: Record<string, string>; context?: string; glossary?: Record<string, string> };
  const target = /\(([A-Z]{2}(?:-[A-Z0-9]+)?)\)/.exec(system)?.[1] ?? 'EN';
  const keys = Object.keys(user.texts ?? {});
  return { target, keys, texts: keys.map((k) => user.texts![k]!), context: user.context, glossary: user.glossary };
}

export async function startChatServer(options: ChatStartOptions = {}): Promise<ChatTestServer> {
  let faults: Fault[] = [];
  let derailing: string | undefined;
  const sockets = new Set<Socket>();
  const hanging = new Set<ServerResponse>();
  const queue = (count: number, fault: Fault) => {
    for (let i = 0; i < count; i++) faults.push(fault);
  };

  const state: ChatTestServer = {
    url: '',
    endpoint: '',
    port: 0,
    requests: [],
    translateRequests: () => state.requests.filter((r) => r.path === COMPLETIONS_PATH),
    latencyMs: options.latencyMs ?? 0,
    tokensSent: 0,
    failNext: (status, count = 1, extra = {}) => queue(count, { kind: 'status', status, ...extra }),
    proseNext: (count = 1) => queue(count, { kind: 'prose' }),
    wrongCountNext: (count = 1) => queue(count, { kind: 'wrong-count' }),
    truncatedNext: (count = 1) => queue(count, { kind: 'truncated' }),
    dropNext: (count = 1) => queue(count, { kind: 'drop' }),
    hangNext: (count = 1) => queue(count, { kind: 'hang' }),
    derailOn: (text) => {
      derailing = text;
    },
    reset() {
      faults = [];
      derailing = undefined;
      state.requests.length = 0;
      state.tokensSent = 0;
      state.latencyMs = options.latencyMs ?? 0;
    },
    async close() {
      for (const response of hanging) response.destroy();
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };

  const server: Server = createServer((req, res) => void handle(req, res));
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    const record: ChatRecordedRequest = { path, headers: req.headers, body: undefined, status: 0, at: Date.now() };
    state.requests.push(record);
    const send = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      record.status = status;
      res.writeHead(status, { 'content-type': 'application/json', ...headers });
      res.end(typeof body === 'string' ? body : JSON.stringify(body));
    };
    // CORS as the hosted APIs and Ollama answer it (the extension's fetch is cross-origin).
    res.setHeader('access-control-allow-origin', '*');
    if (req.method === 'OPTIONS') {
      res.writeHead(204, { 'access-control-allow-headers': 'authorization, content-type', 'access-control-allow-methods': 'POST' });
      res.end();
      return;
    }
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    if (path !== COMPLETIONS_PATH || req.method !== 'POST') return send(404, { error: { message: `Invalid URL (${req.method} ${path})`, type: 'invalid_request_error', param: null, code: null } });
    let body: Record<string, unknown>;
    try {
      body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>;
    } catch {
      return send(400, { error: { message: 'We could not parse the JSON body of your request.', type: 'invalid_request_error', param: null, code: null } });
    }
    record.body = body;
    const model = String(body.model ?? '');
    let prompt: ReturnType<typeof readPrompt>;
    try {
      prompt = readPrompt(body);
    } catch {
      return send(400, { error: { message: 'The user message is not the JSON this test server understands.', type: 'invalid_request_error', param: null, code: null } });
    }
    Object.assign(record, { texts: prompt.texts, context: prompt.context, glossary: prompt.glossary });
    if (state.latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, state.latencyMs));

    const fault = faults.shift();
    if (transportFault(fault, record, req, res, hanging)) return;
    if (fault?.kind === 'status') {
      return send(fault.status, { error: openAiError(fault.status, model, fault.code) }, fault.retryAfterSeconds !== undefined ? { 'retry-after': String(fault.retryAfterSeconds) } : {});
    }
    const authorization = req.headers.authorization;
    if (options.key !== undefined && authorization !== `Bearer ${options.key}`) return send(401, { error: openAiError(401, model) });
    if (options.models && !options.models.includes(model)) return send(404, { error: openAiError(404, model) });
    if (body.stream === true) return send(400, { error: { message: 'This test server does not stream.', type: 'invalid_request_error', param: 'stream', code: null } });
    if (body.response_format !== undefined && options.noResponseFormat) return send(400, { error: openAiError(400, model) });

    const glossary = new Map(Object.entries(prompt.glossary ?? {}));
    const translations = Object.fromEntries(prompt.keys.map((key, i) => [key, fakeTranslate(prompt.texts[i]!, prompt.target, glossary)]));
    if (fault?.kind === 'wrong-count') delete translations[prompt.keys.at(-1)!];
    prompt.keys.forEach((key, i) => prompt.texts[i] === derailing && delete translations[key]);
    let content = prompt.keys.length === 1 && prompt.texts[0] === derailing ? '{}' : JSON.stringify({ translations });
    let finish = 'stop';
    if (fault?.kind === 'prose') content = `Sure! Here are the translations:\n\`\`\`json\n${content}\n\`\`\`\nLet me know if you need anything else.`;
    if (fault?.kind === 'truncated') {
      content = content.slice(0, Math.ceil(content.length / 2));
      finish = 'length';
    }
    // Tokens roughly as a tokenizer counts them: a Han character ~1, English ~4 characters each.
    const promptText = (body.messages as Array<{ content: string }>).map((m) => m.content).join('');
    const usage = { prompt_tokens: Math.ceil(promptText.length / 2), completion_tokens: Math.ceil(content.length / 4) };
    const total = usage.prompt_tokens + usage.completion_tokens;
    state.tokensSent += total;
    return send(200, {
      id: `chatcmpl-${state.requests.length}`,
      object: 'chat.completion',
      created: Math.floor(Date.now() / 1000),
      model,
      choices: [{ index: 0, message: { role: 'assistant', content }, logprobs: null, finish_reason: finish }],
      usage: { ...usage, total_tokens: total },
      system_fingerprint: 'fp_test',
    });
  }

  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const address = server.address();
  state.port = typeof address === 'object' && address ? address.port : 0;
  state.url = `http://127.0.0.1:${state.port}`;
  state.endpoint = `${state.url}/v1`;
  return state;
}
