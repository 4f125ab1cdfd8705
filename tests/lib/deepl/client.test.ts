// @vitest-environment node
import { describe, expect, test, vi } from 'vitest';
import { DEEPL_FREE_URL, DEEPL_PRO_URL } from '../../../lib/deepl/hosts';
import { checkKey } from '../../../lib/deepl/key-check';
import { createDeeplProvider } from '../../../lib/deepl/translate-provider';
import { fetchUsage } from '../../../lib/deepl/usage';
import { TranslationError } from '../../../lib/core/errors';
import { type DeeplTestServer } from '../../support/deepl-server';
import { useDeeplServer } from '../../support/use-deepl-server';

let server: DeeplTestServer;
useDeeplServer((started) => (server = started));

const provider = (key = 'unit-key:fx') => createDeeplProvider({ key, serverUrl: server.url, timeoutMs: 2_000 });
const options = { source: 'ZH', target: 'EN-US' };

async function kindOf(promise: Promise<unknown>) {
  try {
    await promise;
    return 'resolved';
  } catch (error) {
    expect(error).toBeInstanceOf(TranslationError);
    return (error as TranslationError).kind;
  }
}

describe('DeepL provider', () => {
  test('sends one JSON request with source, target, context and billed characters, answers in order', async () => {
    const results = await provider().translate(['你好', '小红书'], { ...options, context: '笔记标题' });
    expect(results).toEqual([
      { text: '⟪EN⟫ ni hao', billedCharacters: 2 },
      { text: '⟪EN⟫ xiao hong shu', billedCharacters: 3 },
    ]);
    const [sent] = server.translateRequests();
    expect(sent!.headers.authorization).toBe('DeepL-Auth-Key unit-key:fx');
    expect(sent!.headers['content-type']).toBe('application/json');
    expect(sent!.body).toEqual({ text: ['你好', '小红书'], target_lang: 'EN-US', source_lang: 'ZH', context: '笔记标题', show_billed_characters: true });
  });

  test('chooses the free endpoint for :fx keys and the pro endpoint otherwise', async () => {
    const urls: string[] = [];
    const fakeFetch = (async (url: string) => {
      urls.push(url);
      return new Response(JSON.stringify({ translations: [{ text: 'hi', detected_source_language: 'ZH' }] }), { status: 200 });
    }) as unknown as typeof fetch;
    await createDeeplProvider({ key: 'a:fx', fetch: fakeFetch }).translate(['你'], options);
    await createDeeplProvider({ key: 'b', fetch: fakeFetch }).translate(['你'], options);
    expect(urls).toEqual([`${DEEPL_FREE_URL}/v2/translate`, `${DEEPL_PRO_URL}/v2/translate`]);
  });

  test.each([
    [403, 'auth'],
    [456, 'quota'],
    [429, 'rate-limited'],
    [529, 'rate-limited'],
    [500, 'unavailable'],
    [503, 'unavailable'],
    [413, 'too-long'],
    [400, 'unsupported'],
  ])('maps HTTP %i to %s', async (status, kind) => {
    server.failNext(status);
    expect(await kindOf(provider().translate(['你好'], options))).toBe(kind);
  });

  test('a wrong key is an auth error', async () => {
    expect(await kindOf(provider('invalid').translate(['你好'], options))).toBe('auth');
  });

  test('Retry-After is kept for the backoff', async () => {
    server.failNext(429, 1, { retryAfterSeconds: 7 });
    const error = await provider().translate(['你好'], options).catch((e: unknown) => e as TranslationError);
    expect(error).toMatchObject({ kind: 'rate-limited', retryAfterMs: 7_000 });
  });

  test('a dropped connection and a hung server are network errors', async () => {
    server.dropNext();
    expect(await kindOf(provider().translate(['你好'], options))).toBe('network');
    server.hangNext();
    expect(await kindOf(createDeeplProvider({ key: 'k:fx', serverUrl: server.url, timeoutMs: 200 }).translate(['你好'], options))).toBe('network');
  });

  test('malformed JSON, an HTML page with a script, and a wrong count are "unavailable", never shown', async () => {
    server.malformedNext();
    expect(await kindOf(provider().translate(['你好'], options))).toBe('unavailable');
    server.htmlNext();
    const error = await provider().translate(['你好'], options).catch((e: unknown) => e as TranslationError);
    expect(error).toMatchObject({ kind: 'unavailable' });
    expect(String((error as TranslationError).message)).not.toContain('<script');
    const short = (async () => new Response(JSON.stringify({ translations: [{ text: 'one' }] }))) as unknown as typeof fetch;
    expect(await kindOf(createDeeplProvider({ key: 'k', fetch: short }).translate(['一', '二'], options))).toBe('unavailable');
  });
});

describe('a glossary DeepL does not know (deleted, or of another account)', () => {
  test('the batch goes again without it, and the owner hears of it; a failure of its own stays a failure', async () => {
    const missing: string[] = [];
    const withGlossary = createDeeplProvider({ key: 'k:fx', serverUrl: server.url, onGlossaryMissing: (id) => missing.push(id) });
    expect(await withGlossary.translate(['你好'], { ...options, glossaryId: 'gone' })).toEqual([{ text: '⟪EN⟫ ni hao', billedCharacters: 2, withoutGlossary: true }]);
    expect(missing).toEqual(['gone']);
    expect(server.translateRequests().map((r) => r.body?.glossary_id)).toEqual(['gone', undefined]);
    expect(await kindOf(withGlossary.translate(['你好'], { source: 'ZH', target: 'XX', glossaryId: 'gone' }))).toBe('unsupported');
    expect(missing).toEqual(['gone']);
  });
});

describe('usage and key check', () => {
  test('usage counts what was translated', async () => {
    await provider('usage:fx').translate(['你好世界'], options);
    expect(await fetchUsage({ key: 'usage:fx', serverUrl: server.url })).toEqual({ characterCount: 4, characterLimit: 500_000 });
  });

  test('a good key reports its plan; a bad one says why precisely', async () => {
    expect(await checkKey({ key: ' good:fx ', serverUrl: server.url })).toMatchObject({ ok: true, plan: 'free' });
    expect(await checkKey({ key: 'good-pro', serverUrl: server.url })).toMatchObject({ ok: true, plan: 'pro', usage: { characterLimit: 1_000_000 } });
    server.rejectKey('bad:fx');
    expect(await checkKey({ key: 'bad:fx', serverUrl: server.url })).toMatchObject({ ok: false, kind: 'auth', message: expect.stringMatching(/Free key/) });
    server.rejectKey('bad-pro');
    expect(await checkKey({ key: 'bad-pro', serverUrl: server.url })).toMatchObject({ ok: false, kind: 'auth', message: expect.stringMatching(/end in ":fx"/) });
    expect(await checkKey({ key: '', serverUrl: server.url })).toMatchObject({ ok: false, kind: 'auth' });
    const offline = (async () => {
      throw new TypeError('Failed to fetch');
    }) as unknown as typeof fetch;
    expect(await checkKey({ key: 'x:fx', fetch: offline })).toMatchObject({ ok: false, kind: 'network' });
  });
});

test('no answer: the key check and usage give up after 10 s, a translation after 15 s', async () => {
  const hanging = ((_url: string, init: RequestInit) =>
    new Promise((_, reject) => init.signal!.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError'))))) as unknown as typeof fetch;
  const settled = <T>(promise: Promise<T>) => {
    const state: { done: boolean; value?: T } = { done: false };
    void promise.then((value) => Object.assign(state, { done: true, value }));
    return state;
  };
  vi.useFakeTimers();
  try {
    const check = settled(checkKey({ key: 'k:fx', fetch: hanging }));
    const usage = settled(fetchUsage({ key: 'k:fx', fetch: hanging }).catch((e: TranslationError) => e.kind));
    const translation = settled(createDeeplProvider({ key: 'k:fx', fetch: hanging }).translate(['你好'], options).catch((e: TranslationError) => e.kind));
    await vi.advanceTimersByTimeAsync(10_000);
    expect(check).toMatchObject({ done: true, value: { ok: false, kind: 'network', message: expect.stringMatching(/in time/) } });
    expect(usage).toEqual({ done: true, value: 'network' });
    expect(translation.done).toBe(false);
    await vi.advanceTimersByTimeAsync(5_000);
    expect(translation).toEqual({ done: true, value: 'network' });
  } finally {
    vi.useRealTimers();
  }
});
