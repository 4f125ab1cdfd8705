// @vitest-environment node
// Proves the local DeepL-compatible server speaks DeepL's protocol. DeepL's official Node client (deepl-node) runs
// against it and gets its error classes from our answers. deepl-node 1.28 sends form bodies on every path the
// extension uses (translate, usage, glossaries; it sends JSON only for style rules and translation memories:
// node_modules/deepl-node/dist/deeplClient.js `jsonBody`), while the extension sends JSON; so the same logical
// request goes out both ways, and deepl-node's own parsers and status check read the answers to the extension's
// JSON requests and must agree with what deepl-node got for its form requests.
import * as deepl from 'deepl-node';
import { parseMultilingualGlossaryInfo, parseTextResultArray, parseUsage } from 'deepl-node/dist/parsing';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { syncDeeplGlossary } from '../../lib/deepl/glossary-sync';
import { BUILTIN_TERMS } from '../../lib/glossary/terms';
import { createDeeplProvider } from '../../lib/deepl/translate-provider';
import { fetchUsage } from '../../lib/deepl/usage';
import { EVERY_PATH, fakeTranslate, startDeeplServer, type DeeplTestServer } from './deepl-server';
import { recordingFetch, type Exchange } from './recording-fetch';

let server: DeeplTestServer;
beforeAll(async () => {
  server = await startDeeplServer();
});
afterAll(async () => {
  await server.close();
});
beforeEach(() => server.reset());

const client = (key = 'conformance-key:fx', maxRetries = 1) =>
  new deepl.DeepLClient(key, { serverUrl: server.url, maxRetries, minTimeout: 2_000, sendPlatformInfo: false });

const post = (path: string, body: unknown, key = 'raw-key:fx', form = false) =>
  fetch(server.url + path, {
    method: 'POST',
    headers: { Authorization: `DeepL-Auth-Key ${key}`, 'Content-Type': form ? 'application/x-www-form-urlencoded' : 'application/json' },
    body: form ? String(body) : JSON.stringify(body),
  });

describe('deepl-node against the local server', () => {
  test('translates an array in order, with detected source and billed characters', async () => {
    const results = await client().translateText(['你好', '小红书真好玩', 'hello'], null, 'en-US');
    expect(results.map((r) => r.text)).toEqual(['⟪EN⟫ ni hao', '⟪EN⟫ xiao hong shu zhen hao wan', '⟪EN⟫ hello']);
    expect(results.map((r) => r.detectedSourceLang)).toEqual(['zh', 'zh', 'en']);
    expect(results.map((r) => r.billedCharacters)).toEqual([2, 6, 5]);
    // deepl-node sends a form body with repeated text fields and show_billed_characters=1.
    const sent = server.translateRequests()[0]!;
    expect(sent.headers['content-type']).toContain('application/x-www-form-urlencoded');
    expect(sent.texts).toEqual(['你好', '小红书真好玩', 'hello']);
  });

  test('writes English in Chinese (target ZH or ZH-HANS, source EN) as a test can check, and reads it back', async () => {
    const results = await client().translateText(['hi there', 'Thank you all for the warm welcome!'], 'en', 'zh-HANS');
    expect(results.map((r) => r.text)).toEqual(['⟪ZH⟫ 乨乩 乴乨乥乲乥', '谢谢大家的热情欢迎！']);
    expect(results.map((r) => r.detectedSourceLang)).toEqual(['en', 'en']);
    expect((await client().translateText('hi', 'en', 'zh')).text).toBe('⟪ZH⟫ 乨乩');
    // Back: the marked form reads as the English it came from; a demo phrase as its English.
    expect(fakeTranslate('⟪ZH⟫ 乨乩 乴乨乥乲乥', 'EN-US')).toBe('⟪EN⟫ hi there');
    expect(fakeTranslate('谢谢大家的热情欢迎！', 'EN-GB')).toBe('⟪EN⟫ Thank you all for the warm welcome!');
  });

  test('reports usage in the free and the pro shape', async () => {
    await client('usage-key:fx').translateText('你好', 'zh', 'en-GB');
    const free = await client('usage-key:fx').getUsage();
    expect(free.character).toMatchObject({ count: 2, limit: 500_000 });
    const pro = await client('pro-usage-key').getUsage();
    expect(pro.character).toMatchObject({ count: 0, limit: 1_000_000 });
    expect(pro.anyLimitReached()).toBe(false);
  });

  test('creates a v2 glossary and uses it in a translation', async () => {
    const c = client();
    const entries = new deepl.GlossaryEntries({ entries: { 种草: 'recommend', 宝子: 'babe' } });
    const glossary = await c.createGlossary('RedNote Lens v2', 'zh', 'en', entries);
    expect(glossary.entryCount).toBe(2);
    const [result] = await c.translateText(['宝子们快来种草'], 'zh', 'en-US', { glossary });
    expect(result!.text).toBe('⟪EN⟫ babe men kuai lai recommend');
    expect((await c.listGlossaries()).map((g) => g.glossaryId)).toEqual([glossary.glossaryId]);
    expect((await c.getGlossaryEntries(glossary)).entries()).toEqual({ 种草: 'recommend', 宝子: 'babe' });
    // The v3 endpoints serve v2 glossaries too.
    expect((await c.getMultilingualGlossary(glossary.glossaryId)).dictionaries).toEqual([{ sourceLangCode: 'zh', targetLangCode: 'en', entryCount: 2 }]);
    await c.deleteGlossary(glossary);
    expect(await c.listGlossaries()).toEqual([]);
  });

  test('creates, replaces and uses a v3 multilingual glossary', async () => {
    const c = client();
    const info = await c.createMultilingualGlossary('RedNote Lens v3', [
      { sourceLangCode: 'zh', targetLangCode: 'en', entries: new deepl.GlossaryEntries({ entries: { 薯条: 'Shutiao' } }) },
    ]);
    expect(info.dictionaries[0]).toMatchObject({ sourceLangCode: 'zh', targetLangCode: 'en', entryCount: 1 });
    expect((await c.translateText('买薯条', 'zh', 'en-US', { glossary: info.glossaryId })).text).toBe('⟪EN⟫ mai Shutiao');
    await c.replaceMultilingualGlossaryDictionary(info.glossaryId, {
      sourceLangCode: 'zh',
      targetLangCode: 'en',
      entries: new deepl.GlossaryEntries({ entries: { 薯条: 'post boost' } }),
    });
    expect((await c.translateText('买薯条', 'zh', 'en-US', { glossary: info.glossaryId })).text).toBe('⟪EN⟫ mai post boost');
    const dictionaries = await c.getMultilingualGlossaryDictionaryEntries(info.glossaryId, 'zh', 'en');
    expect(dictionaries.entries.entries()).toEqual({ 薯条: 'post boost' });
    expect((await c.listMultilingualGlossaries()).length).toBe(1);
    await c.deleteMultilingualGlossary(info.glossaryId);
    await expect(c.getMultilingualGlossary(info.glossaryId)).rejects.toBeInstanceOf(deepl.GlossaryNotFoundError);
  });

  test('maps a wrong key to AuthorizationError', async () => {
    await expect(client('invalid').translateText('你好', null, 'en-US')).rejects.toBeInstanceOf(deepl.AuthorizationError);
  });

  test('maps an exhausted quota to QuotaExceededError', async () => {
    server.setCharacterLimit('small-key:fx', 3);
    const c = client('small-key:fx');
    await c.translateText('你好', null, 'en-US');
    await expect(c.translateText('你好', null, 'en-US')).rejects.toBeInstanceOf(deepl.QuotaExceededError);
    expect((await c.getUsage()).anyLimitReached()).toBe(false);
  });

  test('maps a 429 that outlasts the retries to TooManyRequestsError', async () => {
    server.failNext(429, 5);
    await expect(client('busy:fx', 0).translateText('你好', null, 'en-US')).rejects.toBeInstanceOf(deepl.TooManyRequestsError);
  });

  test('maps a dropped connection to ConnectionError', async () => {
    server.dropNext(5);
    await expect(client('drop:fx', 0).translateText('你好', null, 'en-US')).rejects.toBeInstanceOf(deepl.ConnectionError);
  });
});


/** The last exchange the extension had on `path` (the newest first). */
const lastOn = (exchanges: Exchange[], method: string, path: string) => exchanges.findLast((e) => e.method === method && e.path === path)!;

describe("deepl-node reads the answers to the extension's JSON requests as it reads its own", () => {
  test('translate with context and a glossary: the same parameters, and the same results', async () => {
    const key = 'agree:fx';
    const { fetch, exchanges } = recordingFetch();
    const synced = await syncDeeplGlossary({ key, serverUrl: server.url, fetch, terms: BUILTIN_TERMS, version: 'v1' });
    const texts = ['宝子们快来种草', '买薯条', 'hello'];
    const options = { context: '露营新手第一次翻车实录' };
    await createDeeplProvider({ key, serverUrl: server.url, fetch }).translate(texts, { source: 'ZH', target: 'EN-US', ...options, glossaryId: synced.id });
    const fromJson = parseTextResultArray(lastOn(exchanges, 'POST', '/v2/translate').responseText);
    const fromForm = await client(key).translateText(texts, 'zh', 'en-US', { ...options, glossary: synced.id });
    expect(fromJson).toEqual(fromForm);
    expect(fromJson[0]!.text).toBe('⟪EN⟫ babes (everyone) kuai lai recommend');
    const [json, form] = server.translateRequests();
    expect(json!.headers['content-type']).toBe('application/json');
    expect(form!.headers['content-type']).toContain('application/x-www-form-urlencoded');
    expect(Object.keys(json!.body!).sort()).toEqual(Object.keys(form!.body!).sort());
  });

  test('the glossary the extension makes by JSON is the one deepl-node reads back, and the other way round', async () => {
    const key = 'agree-glossary:fx';
    const { fetch, exchanges } = recordingFetch();
    const synced = await syncDeeplGlossary({ key, serverUrl: server.url, fetch, terms: BUILTIN_TERMS, version: 'v1' });
    const create = lastOn(exchanges, 'POST', '/v3/glossaries');
    const made = parseMultilingualGlossaryInfo(create.responseText);
    const c = client(key);
    expect(await c.getMultilingualGlossary(synced.id)).toEqual(made);
    expect(made.dictionaries).toEqual([
      { sourceLangCode: 'zh', targetLangCode: 'en', entryCount: synced.entries },
      { sourceLangCode: 'en', targetLangCode: 'zh', entryCount: synced.writingEntries },
    ]);
    const sent = (JSON.parse(create.body!) as { dictionaries: Array<{ entries: string }> }).dictionaries.map((d) => d.entries);
    const read = await c.getMultilingualGlossaryDictionaryEntries(synced.id, 'zh', 'en');
    expect(read.entries.toTsv()).toBe(sent[0]);
    const writing = await c.getMultilingualGlossaryDictionaryEntries(synced.id, 'en', 'zh');
    expect(writing.entries.toTsv()).toBe(sent[1]);
    // A glossary deepl-node makes (form fields dictionaries[0].*) serves the extension's JSON translation.
    const theirs = await c.createMultilingualGlossary('made by deepl-node', [
      { sourceLangCode: 'zh', targetLangCode: 'en', entries: new deepl.GlossaryEntries({ entries: { 薯条: 'Shutiao' } }) },
    ]);
    const [result] = await createDeeplProvider({ key, serverUrl: server.url }).translate(['买薯条'], { source: 'ZH', target: 'EN-GB', glossaryId: theirs.glossaryId });
    expect(result!.text).toBe('⟪EN⟫ mai Shutiao');
  });

  test('usage, free and pro', async () => {
    for (const key of ['usage-agree:fx', 'usage-agree-pro']) {
      const { fetch, exchanges } = recordingFetch();
      await createDeeplProvider({ key, serverUrl: server.url }).translate(['你好世界'], { source: 'ZH', target: 'EN-US' });
      await fetchUsage({ key, serverUrl: server.url, fetch });
      expect(parseUsage(lastOn(exchanges, 'GET', '/v2/usage').responseText)).toEqual(await client(key).getUsage());
    }
  });

  // Each failure, on each path the extension uses: deepl-node's own status check, run on the answer the extension
  // got, throws what deepl-node throws when it meets the same failure itself (class and message, body included).
  const KEY = 'failing:fx';
  const extensionCall: Record<string, (fetch: typeof globalThis.fetch) => Promise<unknown>> = {
    '/v2/translate': (fetch) => createDeeplProvider({ key: KEY, serverUrl: server.url, fetch }).translate(['你好'], { source: 'ZH', target: 'EN-US' }),
    '/v2/usage': (fetch) => fetchUsage({ key: KEY, serverUrl: server.url, fetch }),
    '/v3/glossaries': (fetch) => syncDeeplGlossary({ key: KEY, serverUrl: server.url, fetch, terms: BUILTIN_TERMS.slice(0, 5), version: 'v1' }),
  };
  const nodeCall: Record<string, (c: deepl.DeepLClient) => Promise<unknown>> = {
    '/v2/translate': (c) => c.translateText(['你好'], 'zh', 'en-US'),
    '/v2/usage': (c) => c.getUsage(),
    '/v3/glossaries': (c) =>
      c.createMultilingualGlossary('x', [{ sourceLangCode: 'zh', targetLangCode: 'en', entries: new deepl.GlossaryEntries({ entries: { 种草: 'recommend' } }) }]),
  };
  const failures: Record<string, (path: string) => void> = {
    'a refused key (403)': () => server.rejectKey(KEY),
    'a 429': (path) => server.failNext(429, 1, { path }),
    'a 500': (path) => server.failNext(500, 1, { path }),
    'a 503': (path) => server.failNext(503, 1, { path }),
    'a 413': (path) => server.failNext(413, 1, { path }),
    'a 400': (path) => server.failNext(400, 1, { path }),
    'a used-up quota (456)': (path) => (path === '/v2/translate' ? server.setCharacterLimit(KEY, 1) : server.failNext(456, 1, { path })),
  };
  test.each(Object.keys(extensionCall).flatMap((path) => Object.keys(failures).map((failure) => [path, failure] as const)))('%s with %s', async (path, failure) => {
    const { fetch, exchanges } = recordingFetch();
    failures[failure]!(path);
    await extensionCall[path]!(fetch).catch(() => undefined);
    const answer = exchanges.find((e) => e.path === path)!;
    const seen = await deepl.checkStatusCode(answer.status, answer.responseText).catch((error: unknown) => error);
    server.reset();
    failures[failure]!(path);
    const own = await nodeCall[path]!(client(KEY, 0)).catch((error: unknown) => error);
    expect(seen).toBeInstanceOf(Error);
    expect([(seen as Error).constructor, (seen as Error).message]).toEqual([(own as Error).constructor, (own as Error).message]);
  });
});

describe('raw protocol', () => {
  test('accepts JSON and form bodies alike', async () => {
    const json = await (await post('/v2/translate', { text: ['你好'], target_lang: 'EN-US', show_billed_characters: true })).json();
    const form = await (await post('/v2/translate', 'text=%E4%BD%A0%E5%A5%BD&target_lang=EN-US&show_billed_characters=1', 'raw-key:fx', true)).json();
    expect(json).toEqual(form);
    expect(json).toEqual({ translations: [{ detected_source_language: 'ZH', text: '⟪EN⟫ ni hao', billed_characters: 2 }] });
  });

  test('errors as DeepL sends them: no body for 403, 429 and 5xx, JSON for 400 and 456, nginx HTML for 413', async () => {
    const answer = async (response: Response) => ({ status: response.status, type: response.headers.get('content-type'), text: await response.text() });
    const translate = (key = 'raw-key:fx') => post('/v2/translate', { text: ['你'], target_lang: 'EN-US' }, key);
    expect(await answer(await translate('invalid'))).toEqual({ status: 403, type: null, text: '' });
    for (const status of [429, 500, 503, 504, 529]) {
      server.failNext(status);
      expect(await answer(await translate())).toEqual({ status, type: null, text: '' });
    }
    server.failNext(503, 1, { message: 'Temporary Error' });
    expect(await answer(await translate())).toEqual({ status: 503, type: 'application/json', text: '{"message":"Temporary Error"}' });
    server.setCharacterLimit('tiny:fx', 0.5);
    expect(await answer(await translate('tiny:fx'))).toEqual({ status: 456, type: 'application/json', text: '{"message":"Quota for this billing period has been exceeded."}' });
    server.failNext(456, 1, { path: '/v3/glossaries' });
    expect(await answer(await post('/v3/glossaries', { name: 'g', dictionaries: [{ source_lang: 'zh', target_lang: 'en', entries: '种草\trecommend' }] }))).toEqual({ status: 456, type: null, text: '' });
    expect(await answer(await post('/v2/translate', { text: ['你'] }))).toEqual({ status: 400, type: 'application/json', text: `{"message":"Parameter 'target_lang' not specified"}` });
    expect(await answer(await post('/v2/translate', { text: ['你'.repeat(50_000)], target_lang: 'EN-US' }))).toMatchObject({ status: 413, type: 'text/html', text: expect.stringContaining('nginx') });
    expect(await answer(await post('/v2/nothing-here', {}))).toEqual({ status: 404, type: null, text: '' });
  });

  test('takes more than 50 texts, as DeepL does, and refuses source variants', async () => {
    const many = await post('/v2/translate', { text: Array(51).fill('你'), target_lang: 'EN-US' });
    expect(many.status).toBe(200);
    expect(((await many.json()) as { translations: unknown[] }).translations).toHaveLength(51);
    expect((await post('/v2/translate', { text: ['你'], source_lang: 'ZH-HANS', target_lang: 'EN-US' })).status).toBe(400);
    expect((await post('/v2/translate', { text: ['你'], target_lang: 'XX' })).status).toBe(400);
  });

  test('does not bill context', async () => {
    await post('/v2/translate', { text: ['你好'], context: '这是一段很长的上下文'.repeat(10), target_lang: 'EN-US' }, 'ctx:fx');
    expect(server.usageOf('ctx:fx').character_count).toBe(2);
  });

  test('fault switches: a 429 storm for a time, malformed JSON, Retry-After', async () => {
    server.failFor(429, 200);
    expect((await post('/v2/translate', { text: ['你'], target_lang: 'EN-US' })).status).toBe(429);
    await expect.poll(async () => (await post('/v2/translate', { text: ['你'], target_lang: 'EN-US' })).status).toBe(200);
    server.malformedNext();
    await expect((await post('/v2/translate', { text: ['你'], target_lang: 'EN-US' })).json()).rejects.toThrow();
    server.failNext(429, 1, { retryAfterSeconds: 3 });
    expect((await post('/v2/translate', { text: ['你'], target_lang: 'EN-US' })).headers.get('retry-after')).toBe('3');
  });

  test('faults hit /v2/translate unless given a path, a pattern, or every path', async () => {
    const usage = () => fetch(`${server.url}/v2/usage`, { headers: { Authorization: 'DeepL-Auth-Key raw-key:fx' } }).then((r) => r.status);
    const translate = () => post('/v2/translate', { text: ['你'], target_lang: 'EN-US' }).then((r) => r.status);
    const glossaries = () => fetch(`${server.url}/v3/glossaries`, { headers: { Authorization: 'DeepL-Auth-Key raw-key:fx' } }).then((r) => r.status);
    server.failNext(503);
    expect([await usage(), await glossaries(), await translate()]).toEqual([200, 200, 503]);
    server.failNext(429, 1, { path: '/v2/usage' });
    expect([await translate(), await usage(), await usage()]).toEqual([200, 429, 200]);
    server.failNext(500, 1, { path: /^\/v3\/glossaries/ });
    expect([await usage(), await glossaries(), await glossaries()]).toEqual([200, 500, 200]);
    server.failNext(502, 3, { path: EVERY_PATH });
    expect([await glossaries(), await usage(), await translate(), await translate()]).toEqual([502, 502, 502, 200]);
    server.failFor(503, 60_000, { path: '/v2/usage' });
    expect([await usage(), await translate(), await usage()]).toEqual([503, 200, 503]);
    server.reset();
    server.dropNext(1, { path: '/v2/usage' });
    await expect(usage()).rejects.toThrow();
    expect(await translate()).toBe(200);
  });

  test('the fake translation keeps markup as text and shows the target language', () => {
    expect(fakeTranslate('<img src=x onerror=alert(1)>好', 'DE')).toBe('⟪DE⟫ <img src=x onerror=alert(1)> hao');
  });
});
