// @vitest-environment node
// The chat-model provider against the local chat-completions server: the request, the answer
// checked by key, halving on a malformed answer, and every failure in the shared vocabulary.
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { createChatProvider, MAX_COMPLETIONS_PER_BATCH } from '../../../lib/chat/translate-provider';
import { TranslationError } from '../../../lib/core/errors';
import { BUILTIN_TERMS } from '../../../lib/glossary/terms';
import { startChatServer, type ChatTestServer } from '../../support/chat-server';
import { fakeTranslate } from '../../support/deepl-server';

let server: ChatTestServer;
let keyed: ChatTestServer;
beforeAll(async () => {
  server = await startChatServer();
  keyed = await startChatServer({ key: 'sk-right', models: ['gpt-4o-mini'] });
});
afterAll(async () => {
  await server.close();
  await keyed.close();
});
beforeEach(() => {
  server.reset();
  keyed.reset();
});

const options = { source: 'ZH', target: 'EN-US' };
const texts = ['你好', '小红书', '谢谢', '好吃'];
const expected = ['⟪EN⟫ ni hao', '⟪EN⟫ xiao hong shu', '⟪EN⟫ xie xie', '⟪EN⟫ hao chi'];

function provider(extra: Partial<Parameters<typeof createChatProvider>[0]> = {}, on = server) {
  return createChatProvider({ endpoint: on.endpoint, model: 'qwen2.5:7b', timeoutMs: 2_000, ...extra });
}

async function failure(promise: Promise<unknown>): Promise<TranslationError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(TranslationError);
    return error as TranslationError;
  }
  throw new Error('resolved');
}

describe('chat-model provider', () => {
  test('one request for the batch: stream off, JSON answer asked, temperature 0, texts keyed, answers in order', async () => {
    const tokens: number[] = [];
    const results = await provider({ onUsage: (t) => tokens.push(t) }).translate(texts, options);
    expect(results.map((r) => r.text)).toEqual(expected);
    expect(server.translateRequests()).toHaveLength(1);
    const [sent] = server.translateRequests();
    expect(sent!.body).toMatchObject({ model: 'qwen2.5:7b', stream: false, temperature: 0, response_format: { type: 'json_object' } });
    expect(sent!.texts).toEqual(texts);
    // No key (a local Ollama): no Authorization header at all.
    expect(sent!.headers.authorization).toBeUndefined();
    expect(tokens).toEqual([server.tokensSent]);
    expect(tokens[0]).toBeGreaterThan(0);
  });

  test('the note title goes as context, and the glossary terms found in the batch (only those) go with their meaning', async () => {
    const results = await provider({ terms: async () => BUILTIN_TERMS }).translate(['被这支口红种草了', '你好'], { ...options, context: '今天的晚饭' });
    const [sent] = server.translateRequests();
    expect(sent!.context).toBe('今天的晚饭');
    expect(sent!.glossary).toEqual({ 种草: 'recommend' });
    // The test model uses the glossary's meaning: the term is not transliterated.
    expect(results[0]!.text).toContain('recommend');
    expect(results[0]!.text).not.toContain('zhong cao');
  });

  test('writing: the reader’s English into Simplified Chinese, in the casual register asked for; reading prompts are not used', async () => {
    const chat = provider({ terms: async () => BUILTIN_TERMS });
    expect(chat.registers?.('ZH-HANS')).toEqual(['casual']);
    expect(chat.registers?.('EN-US')).toEqual([]);
    const [written] = await chat.translate(['so cute, where is it from?'], { source: 'EN', target: 'ZH-HANS', register: 'casual' });
    expect(written!.text).toBe(fakeTranslate('so cute, where is it from?', 'ZH-HANS'));
    const [sent] = server.translateRequests();
    const system = (sent!.body!.messages as Array<{ role: string; content: string }>)[0]!.content;
    expect(system).toContain('into Simplified Chinese (ZH-HANS)');
    expect(system).toMatch(/casual/);
    expect(system).not.toMatch(/You translate Chinese posts/);
    // Without a register asked for, none is asked of the model.
    await chat.translate(['thanks'], { source: 'EN', target: 'ZH-HANS' });
    expect((server.translateRequests()[1]!.body!.messages as Array<{ content: string }>)[0]!.content).not.toMatch(/casual/);
  });

  test('writing with the platform’s words: the EN → ZH entries whose English is in the text go with it (as words, any case), only when asked', async () => {
    const chat = provider({ terms: async () => BUILTIN_TERMS });
    const [written] = await chat.translate(['Found a dupe for my Wishlist, dupes everywhere'], { source: 'EN', target: 'ZH-HANS', platformWords: true });
    expect(server.translateRequests()[0]!.glossary).toEqual({ dupe: '平替', wishlist: '种草清单' });
    expect(written!.text).toContain('平替');
    await chat.translate(['Found a dupe'], { source: 'EN', target: 'ZH-HANS' });
    expect(server.translateRequests()[1]!.glossary).toBeUndefined();
  });

  test('the key goes as a Bearer token; a wrong one is refused as auth (401), as is 403', async () => {
    expect((await provider({ key: 'sk-right', model: 'gpt-4o-mini' }, keyed).translate(['你好'], options))[0]!.text).toBe('⟪EN⟫ ni hao');
    expect(keyed.requests[0]!.headers.authorization).toBe('Bearer sk-right');
    const refused = await failure(provider({ key: 'sk-wrong', model: 'gpt-4o-mini' }, keyed).translate(['你好'], options));
    expect(refused).toMatchObject({ kind: 'auth', status: 401 });
    expect(refused.message).toContain('Incorrect API key provided');
    server.failNext(403);
    expect(await failure(provider().translate(['你好'], options))).toMatchObject({ kind: 'auth', status: 403 });
  });

  test('an unknown model (404 model_not_found, as OpenAI answers) is a setting to fix, not a text’s failure: no-model, naming the model and the server', async () => {
    const error = await failure(provider({ key: 'sk-right', model: 'gpt-9' }, keyed).translate(['你好'], options));
    expect(error).toMatchObject({ kind: 'no-model', status: 404 });
    expect(error.message).toContain(`The chat model at ${new URL(keyed.endpoint).host} has no model named “gpt-9”`);
    // A 404 for the path: no chat-completions endpoint at the address set, the same setting to fix.
    const wrongPath = await failure(createChatProvider({ endpoint: `${server.url}/v9`, model: 'qwen2.5:7b' }).translate(['你好'], options));
    expect(wrongPath).toMatchObject({ kind: 'no-model', status: 404 });
    expect(wrongPath.message).toMatch(/no chat-completions endpoint at .*\/v9/);
  });

  test('an unknown model as other servers say it is no-model too; a request longer than the model’s context is too-long (split, not refused); a 400 of another kind is neither', async () => {
    const answering = (status: number, body: unknown) => createChatProvider({ endpoint: 'http://127.0.0.1:9/v1', model: 'deepseek-r1', fetch: async () => new Response(JSON.stringify(body), { status }) });
    const cases: Array<[number, unknown, string]> = [
      // DeepSeek
      [400, { error: { message: 'Model Not Exist', type: 'invalid_request_error', param: null, code: 'invalid_request_error' } }, 'no-model'],
      // Ollama's OpenAI-compatible endpoint
      [404, { error: { message: 'model "deepseek-r1" not found, try pulling it first', type: 'api_error', param: null, code: null } }, 'no-model'],
      // SiliconFlow: its message at the top level
      [400, { code: 20012, message: 'Model does not exist. Please check it carefully.', data: null }, 'no-model'],
      // vLLM (OpenAI's wording, without its code)
      [400, { error: { message: "This model's maximum context length is 8192 tokens. However, you requested 9310 tokens (8286 in the messages, 1024 in the completion). Please reduce the length of the messages or completion.", type: 'BadRequestError', param: null, code: 400 } }, 'too-long'],
      // llama.cpp's server
      [400, { error: { code: 400, message: 'the request exceeds the available context size, try increasing it', type: 'exceed_context_size_error', n_prompt_tokens: 5000, n_ctx: 4096 } }, 'too-long'],
      // Mistral
      [400, { object: 'error', message: 'Prompt contains 40000 tokens and 0 draft tokens, too large for model with 32768 maximum context length', type: 'invalid_request_error', param: null, code: null }, 'too-long'],
      // LM Studio: its message as the error
      [400, { error: 'Trying to keep the first 5120 tokens when context the overflows. However, the model is loaded with context length of only 4096 tokens, which is not enough.' }, 'too-long'],
      // SiliconFlow
      [400, { code: 20015, message: 'length of prompt_tokens (68957) must be less than max_seq_len (65536).', data: null }, 'too-long'],
      // Anthropic's OpenAI-compatible endpoint
      [400, { error: { type: 'invalid_request_error', message: 'prompt is too long: 210000 tokens > 200000 maximum' } }, 'too-long'],
      // vLLM's V1 engine
      [400, { error: { message: 'The decoder prompt (length 9310) is longer than the maximum model length of 8192.', type: 'BadRequestError', code: 400 } }, 'too-long'],
      // Gemini's OpenAI-compatible endpoint: its error in a list
      [400, [{ error: { code: 400, message: 'The input token count (1200000) exceeds the maximum number of tokens allowed (1048576).', status: 'INVALID_ARGUMENT' } }], 'too-long'],
      [400, { error: { message: "Invalid value for 'temperature': must be between 0 and 2.", type: 'invalid_request_error', param: 'temperature', code: null } }, 'unsupported'],
      // Not about the context: a list of stop sequences too long.
      [400, { error: { message: 'Too many tokens in stop sequence.', type: 'invalid_request_error', param: 'stop', code: null } }, 'unsupported'],
    ];
    for (const [status, body, kind] of cases) expect(await failure(answering(status, body).translate(['你好'], options))).toMatchObject({ kind, status });
  });

  test('429 is rate-limited with its Retry-After; 429 insufficient_quota and 402 are quota', async () => {
    server.failNext(429, 1, { retryAfterSeconds: 7 });
    expect(await failure(provider().translate(['你好'], options))).toMatchObject({ kind: 'rate-limited', retryAfterMs: 7_000, status: 429 });
    server.failNext(429, 1, { code: 'insufficient_quota' });
    expect(await failure(provider().translate(['你好'], options))).toMatchObject({ kind: 'quota' });
    server.failNext(402);
    expect(await failure(provider().translate(['你好'], options))).toMatchObject({ kind: 'quota', status: 402 });
  });

  test('5xx is unavailable; a dropped connection and a slow answer are network errors', async () => {
    server.failNext(500);
    expect(await failure(provider().translate(['你好'], options))).toMatchObject({ kind: 'unavailable', status: 500 });
    server.failNext(503, 1, { retryAfterSeconds: 2 });
    expect(await failure(provider().translate(['你好'], options))).toMatchObject({ kind: 'unavailable', retryAfterMs: 2_000 });
    server.dropNext();
    expect(await failure(provider().translate(['你好'], options))).toMatchObject({ kind: 'network' });
    server.hangNext();
    const slow = await failure(provider({ timeoutMs: 200 }).translate(['你好'], options));
    expect(slow).toMatchObject({ kind: 'network' });
    expect(slow.message).toContain('did not answer in time');
  });

  test.each([
    ['prose around the JSON', (s: ChatTestServer) => s.proseNext()],
    ['a wrong count', (s: ChatTestServer) => s.wrongCountNext()],
    ['a cut-off answer', (s: ChatTestServer) => s.truncatedNext()],
  ])('%s: asked again in halves, every translation still in its place', async (_name, fault) => {
    fault(server);
    const results = await provider().translate(texts, options);
    expect(results.map((r) => r.text)).toEqual(expected);
    expect(server.translateRequests().map((r) => r.texts)).toEqual([texts, texts.slice(0, 2), texts.slice(2)]);
  });

  test('halving goes on down to one text', async () => {
    server.wrongCountNext(2); // 4 texts, then 2
    server.proseNext(1); // then 1: its JSON is taken out of the prose
    const results = await provider().translate(texts, options);
    expect(results.map((r) => r.text)).toEqual(expected);
    expect(server.translateRequests().map((r) => r.texts!.length)).toEqual([4, 2, 1, 1, 2]);
  });

  test('one text: JSON in prose or a code fence is taken; a cut-off answer is too long', async () => {
    server.proseNext();
    expect((await provider().translate(['你好'], options))[0]!.text).toBe('⟪EN⟫ ni hao');
    expect(server.translateRequests()).toHaveLength(1);
    server.truncatedNext();
    expect((await provider().translate(['你好'], options))[0]!.error).toMatchObject({ kind: 'too-long' });
    // JSON without the translation: that text fails (not asked again), never shown as the translation.
    server.wrongCountNext();
    expect(await provider().translate(['你好'], options)).toEqual([{ text: '', error: expect.objectContaining({ kind: 'unsupported' }) }]);
  });

  test('one text the model never answers: it alone fails, its siblings are translated, every completion is counted', async () => {
    const batch = Array.from({ length: 50 }, (_, i) => `第${i}条评论`);
    server.derailOn(batch[17]!);
    const tokens: number[] = [];
    const results = await provider({ onUsage: (t) => tokens.push(t) }).translate(batch, options);
    expect(results.map((r, i) => (i === 17 ? r.error?.kind : r.text))).toEqual(batch.map((text, i) => (i === 17 ? 'unsupported' : fakeTranslate(text, 'EN-US', new Map()))));
    // Halving toward that one text keeps every half that was read: 1 + 2 per level (50 → 25 → 13 → 7 → 4 → 2 → 1).
    expect(server.translateRequests()).toHaveLength(13);
    expect(tokens.reduce((a, b) => a + b)).toBe(server.tokensSent);
  });

  test('the completions of one batch are capped: past the cap its unread texts fail for now', async () => {
    server.wrongCountNext(100);
    const results = await provider().translate(texts.concat(texts.map((t) => t + '！'), texts.map((t) => t + '？'), texts.map((t) => t + '。')), options);
    expect(server.translateRequests()).toHaveLength(MAX_COMPLETIONS_PER_BATCH);
    expect(new Set(results.map((r) => r.error?.kind))).toEqual(new Set(['unavailable', 'unsupported']));
  });

  test('a server that refuses response_format: asked again without it, and not sent it again', async () => {
    const strict = await startChatServer({ noResponseFormat: true });
    try {
      const chat = provider({}, strict);
      expect((await chat.translate(['你好'], options))[0]!.text).toBe('⟪EN⟫ ni hao');
      expect((await chat.translate(['谢谢'], options))[0]!.text).toBe('⟪EN⟫ xie xie');
      expect(strict.requests.map((r) => r.status)).toEqual([400, 200, 200]);
      expect(strict.requests[2]!.body!.response_format).toBeUndefined();
    } finally {
      await strict.close();
    }
  });

  test('the provider id (a cache-key part) names the model and the server', () => {
    expect(provider().id).toBe(`chat:qwen2.5:7b@${server.endpoint}`);
    expect(provider({ model: 'llama3.1' }).id).not.toBe(provider().id);
  });
});
