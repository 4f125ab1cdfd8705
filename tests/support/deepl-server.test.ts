// @vitest-environment node
// Proves the local DeepL-compatible server speaks DeepL's protocol: DeepL's official Node client
// (deepl-node) runs against it, and its error classes come out of our status codes.
import * as deepl from 'deepl-node';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { fakeTranslate, startDeeplServer, type DeeplTestServer } from './deepl-server';

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

describe('raw protocol', () => {
  test('accepts JSON and form bodies alike', async () => {
    const json = await (await post('/v2/translate', { text: ['你好'], target_lang: 'EN-US', show_billed_characters: true })).json();
    const form = await (await post('/v2/translate', 'text=%E4%BD%A0%E5%A5%BD&target_lang=EN-US&show_billed_characters=1', 'raw-key:fx', true)).json();
    expect(json).toEqual(form);
    expect(json).toEqual({ translations: [{ detected_source_language: 'ZH', text: '⟪EN⟫ ni hao', billed_characters: 2 }] });
  });

  test('rejects more than 50 texts, bodies over 128 KiB and source variants', async () => {
    expect((await post('/v2/translate', { text: Array(51).fill('你'), target_lang: 'EN-US' })).status).toBe(400);
    expect((await post('/v2/translate', { text: ['你'.repeat(50_000)], target_lang: 'EN-US' })).status).toBe(413);
    expect((await post('/v2/translate', { text: ['你'], source_lang: 'ZH-HANS', target_lang: 'EN-US' })).status).toBe(400);
    expect((await post('/v2/translate', { text: ['你'], target_lang: 'XX' })).status).toBe(400);
    const noSource = await post('/v2/translate', { text: ['你'], target_lang: 'EN-US', glossary_id: 'x' });
    expect(noSource.status).toBe(400);
    expect((await noSource.json()).message).toMatch(/source_lang/);
  });

  test('does not bill context', async () => {
    await post('/v2/translate', { text: ['你好'], context: '这是一段很长的上下文'.repeat(10), target_lang: 'EN-US' }, 'ctx:fx');
    expect(server.usageOf('ctx:fx').character_count).toBe(2);
  });

  test('fault switches: a 429 storm for a time, malformed JSON, Retry-After', async () => {
    server.failFor(429, 200);
    expect((await post('/v2/translate', { text: ['你'], target_lang: 'EN-US' })).status).toBe(429);
    await new Promise((r) => setTimeout(r, 250));
    expect((await post('/v2/translate', { text: ['你'], target_lang: 'EN-US' })).status).toBe(200);
    server.malformedNext();
    await expect((await post('/v2/translate', { text: ['你'], target_lang: 'EN-US' })).json()).rejects.toThrow();
    server.failNext(429, 1, { retryAfterSeconds: 3 });
    expect((await post('/v2/translate', { text: ['你'], target_lang: 'EN-US' })).headers.get('retry-after')).toBe('3');
  });

  test('the fake translation keeps markup as text and shows the target language', () => {
    expect(fakeTranslate('<img src=x onerror=alert(1)>好', 'DE')).toBe('⟪DE⟫ <img src=x onerror=alert(1)> hao');
  });
});
