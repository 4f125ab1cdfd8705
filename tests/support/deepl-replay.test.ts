// @vitest-environment node
// The extension's own DeepL requests, recorded from its code (lib/deepl/)
// and replayed against the local server's validation: each is accepted, and each malformed variant of it is
// refused the way DeepL refuses it (see the sources in tests/support/deepl-server.ts).
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { syncDeeplGlossary } from '../../lib/deepl/glossary-sync';
import { BUILTIN_TERMS } from '../../lib/glossary/terms';
import { checkKey } from '../../lib/deepl/key-check';
import { createDeeplProvider } from '../../lib/deepl/translate-provider';
import { fetchUsage } from '../../lib/deepl/usage';
import { EVERY_PATH, MAX_BODY_BYTES, startDeeplServer, type DeeplTestServer } from './deepl-server';
import { recordingFetch, replay, withJson } from './recording-fetch';

let server: DeeplTestServer;
beforeAll(async () => {
  server = await startDeeplServer();
});
afterAll(() => server.close());
beforeEach(() => server.reset());

const KEY = 'replay-key:fx';

/** Everything the extension sends in a session: key check, usage, glossary sync (make, keep, replace), translations. */
async function recordSession() {
  const { fetch, exchanges } = recordingFetch();
  const config = { key: KEY, serverUrl: server.url, fetch };
  expect(await checkKey({ ...config, key: ` ${KEY} ` })).toMatchObject({ ok: true, plan: 'free' });
  expect(await checkKey({ ...config, key: 'replay-pro-key' })).toMatchObject({ ok: true, plan: 'pro' });
  await fetchUsage(config);
  const first = await syncDeeplGlossary({ ...config, terms: BUILTIN_TERMS, version: 'v1' });
  await syncDeeplGlossary({ ...config, terms: BUILTIN_TERMS, version: 'v1', stored: first });
  const glossary = await syncDeeplGlossary({ ...config, terms: BUILTIN_TERMS, version: 'v2', stored: first });
  const provider = createDeeplProvider(config);
  await provider.translate(['宝子们快来种草', '买薯条'], { source: 'ZH', target: 'EN-US', context: '露营新手第一次翻车实录', glossaryId: glossary.id });
  await provider.translate(['你好'], { source: 'ZH', target: 'EN-GB' });
  const find = (method: string, path: string | RegExp) => {
    const found = exchanges.find((e) => e.method === method && (typeof path === 'string' ? e.path === path : path.test(e.path)));
    if (!found) throw new Error(`the extension sent no ${method} ${path}`);
    return found;
  };
  return {
    exchanges,
    glossary,
    usage: find('GET', '/v2/usage'),
    create: find('POST', '/v3/glossaries'),
    check: find('GET', /^\/v3\/glossaries\/.+/),
    remove: find('DELETE', /^\/v3\/glossaries\/.+/),
    translateWithGlossary: exchanges.find((e) => e.path === '/v2/translate' && e.body?.includes('glossary_id'))!,
  };
}

const statusAndBody = async (response: Response) => ({ status: response.status, type: response.headers.get('content-type'), text: await response.text() });

describe("the extension's own requests", () => {
  test('every one is accepted, in the shape DeepL asks for', async () => {
    const { exchanges, translateWithGlossary, create } = await recordSession();
    const refused = exchanges.filter((e) => e.status < 200 || e.status >= 300).map((e) => `${e.method} ${e.path} ${e.status} ${e.responseText}`);
    expect(refused).toEqual([]);
    expect(new Set(exchanges.map((e) => `${e.method} ${e.path.replace(/[0-9a-f-]{36}$/, '{id}')}`))).toEqual(
      new Set(['GET /v2/usage', 'POST /v3/glossaries', 'GET /v3/glossaries/{id}', 'DELETE /v3/glossaries/{id}', 'POST /v2/translate']),
    );
    for (const e of exchanges) {
      expect(e.headers.authorization).toMatch(/^DeepL-Auth-Key \S+$/);
      if (e.body !== undefined) expect(e.headers['content-type']).toBe('application/json');
    }
    expect(JSON.parse(translateWithGlossary.body!)).toMatchObject({
      text: ['宝子们快来种草', '买薯条'],
      target_lang: 'EN-US',
      source_lang: 'ZH',
      glossary_id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      context: '露营新手第一次翻车实录',
    });
    expect(JSON.parse(create.body!)).toMatchObject({
      name: 'RedNote Lens v1',
      dictionaries: [{ source_lang: 'zh', target_lang: 'en', entries_format: 'tsv' }, { source_lang: 'en', target_lang: 'zh', entries_format: 'tsv' }],
    });
  });

  test('a key in any other scheme, or none, is refused: 403 without a body; 400 with a message on glossary paths', async () => {
    const { usage, translateWithGlossary, create, check } = await recordSession();
    for (const exchange of [usage, translateWithGlossary]) {
      for (const authorization of [`deepl-auth-key ${KEY}`, `DeepL-Auth-Key  ${KEY}`.replace('  ', '\t'), `Bearer ${KEY}`, undefined, 'DeepL-Auth-Key invalid']) {
        expect(await statusAndBody(await replay(exchange, { headers: { authorization } }))).toEqual({ status: 403, type: null, text: '' });
      }
    }
    for (const exchange of [create, check]) {
      const answer = await statusAndBody(await replay(exchange, { headers: { authorization: `deepl-auth-key ${KEY}` } }));
      expect(answer).toEqual({ status: 400, type: 'application/json', text: JSON.stringify({ message: 'Invalid or missing Authorization header' }) });
      expect((await replay(exchange, { headers: { authorization: 'DeepL-Auth-Key invalid' } })).status).toBe(403);
    }
  });

  test('translate variants: refused with 400 and a message, 413 with an HTML page; more than 50 texts accepted', async () => {
    const { translateWithGlossary: t } = await recordSession();
    const refused = async (edit: (body: Record<string, unknown>) => void) => {
      const answer = await replay(t, { body: withJson(t, edit) });
      expect(answer.status).toBe(400);
      return ((await answer.json()) as { message: string }).message;
    };
    expect(await refused((b) => delete b.source_lang)).toBe('Use of a glossary requires the source_lang parameter to be specified');
    expect(await refused((b) => (b.glossary_id = 'rednote-lens-v1'))).toBe("Value for 'glossary_id' not supported.");
    expect(await refused((b) => (b.glossary_id = [b.glossary_id]))).toBe("Value for 'glossary_id' not supported.");
    expect(await refused((b) => (b.glossary_id = randomUUID()))).toBe('Glossary not found');
    expect(await refused((b) => (b.target_lang = 'DE'))).toMatch(/No dictionary found for language pair zh-DE/);
    expect(await refused((b) => (b.source_lang = 'ZH-HANS'))).toBe("Value for 'source_lang' not supported.");
    expect(await refused((b) => delete b.target_lang)).toBe("Parameter 'target_lang' not specified");
    expect(await refused((b) => (b.text = []))).toBe("Parameter 'text' not specified");
    expect(await refused((b) => (b.context = 42))).toBe("Value for 'context' not supported.");
    expect(await refused((b) => (b.show_billed_characters = 'yes'))).toBe("Value for 'show_billed_characters' not supported.");
    // A JSON body sent as another type is not read at all, so nothing required is there.
    expect((await replay(t, { headers: { 'content-type': 'text/plain' } })).status).toBe(400);
    const tooLarge = await statusAndBody(await replay(t, { body: withJson(t, (b) => (b.context = 'x'.repeat(MAX_BODY_BYTES))) }));
    expect(tooLarge).toMatchObject({ status: 413, type: 'text/html', text: expect.stringContaining('<title>413 Request Entity Too Large</title>') });
    const sixty = await replay(t, { body: withJson(t, (b) => (b.text = Array.from({ length: 60 }, (_, i) => `第${i}条`))) });
    expect(sixty.status).toBe(200);
    expect(((await sixty.json()) as { translations: unknown[] }).translations).toHaveLength(60);
  });

  test('glossary create variants: 400 with message and detail; an empty TSV and a missing format are accepted', async () => {
    const { create: c } = await recordSession();
    const answer = async (edit: (dictionary: Record<string, unknown>, body: Record<string, unknown>) => void) => {
      const response = await replay(c, { body: withJson(c, (b) => edit((b.dictionaries as Array<Record<string, unknown>>)[0]!, b)) });
      return { status: response.status, ...((await response.json()) as Record<string, unknown>) };
    };
    const entries = (d: Record<string, unknown>) => String(d.entries).split('\n');
    expect(await answer((d) => (d.entries = [...entries(d), entries(d)[0]].join('\n')))).toMatchObject({
      status: 400,
      message: 'Invalid glossary entries provided',
      detail: expect.stringMatching(/duplicates key with the index 0/),
    });
    expect(await answer((d) => (d.entries = `${d.entries}\n薯条 fries`))).toMatchObject({ status: 400, detail: expect.stringMatching(/misses tab separator/) });
    expect(await answer((d) => (d.entries = `${'长'.repeat(342)}\tlong`))).toMatchObject({ status: 400, message: 'Invalid glossary entries provided' });
    expect(await answer((d) => (d.source_lang = 'zh-hans'))).toMatchObject({ status: 400, message: 'Unsupported glossary source and target language pair' });
    expect(await answer((d) => (d.target_lang = 'th'))).toMatchObject({ status: 400, message: 'Unsupported glossary source and target language pair' });
    expect(await answer((d) => (d.entries_format = 'xlsx'))).toMatchObject({ status: 400, message: 'Value for entries_format not supported.' });
    expect(await answer((_, b) => (b.dictionaries = []))).toMatchObject({ status: 400, message: 'Glossary dictionaries must be provided' });
    expect(await answer((_, b) => (b.name = ''))).toMatchObject({ status: 400 });
    // (The second dictionary, EN → ZH for writing, is left as the extension sent it.)
    expect(await answer((d) => (d.entries = ''))).toMatchObject({ status: 201, dictionaries: [{ entry_count: 0 }, { source_lang: 'en', target_lang: 'zh' }] });
    expect(await answer((d) => delete d.entries_format)).toMatchObject({ status: 201, dictionaries: [{ source_lang: 'zh', target_lang: 'en' }, { source_lang: 'en', target_lang: 'zh' }] });
  });

  test('glossary look-ups: a malformed id is 400 and an unknown one 404, neither with a body', async () => {
    const { check, remove } = await recordSession();
    for (const exchange of [check, remove]) {
      const base = exchange.url.replace(/[^/]+$/, '');
      expect(await statusAndBody(await replay(exchange, { url: `${base}not-a-glossary` }))).toEqual({ status: 400, type: null, text: '' });
      expect(await statusAndBody(await replay(exchange, { url: `${base}${randomUUID()}` }))).toEqual({ status: 404, type: null, text: '' });
    }
  });
});

describe('the key check and glossary sync when DeepL fails', () => {
  const config = () => ({ key: KEY, serverUrl: server.url, timeoutMs: 300 });
  const sync = (stored?: Awaited<ReturnType<typeof syncDeeplGlossary>>) => syncDeeplGlossary({ ...config(), terms: BUILTIN_TERMS, version: 'v1', stored });

  test('the key check under 5xx, 429 and a hang says which', async () => {
    server.failNext(503, 1, { path: '/v2/usage' });
    expect(await checkKey(config())).toMatchObject({ ok: false, kind: 'unavailable' });
    server.failNext(429, 1, { path: '/v2/usage' });
    expect(await checkKey(config())).toMatchObject({ ok: false, kind: 'rate-limited' });
    server.hangNext(1, { path: '/v2/usage' });
    expect(await checkKey(config())).toMatchObject({ ok: false, kind: 'network' });
    expect(await checkKey(config())).toMatchObject({ ok: true });
    expect(server.requests.map((r) => r.status)).toEqual([503, 429, -2, 200]);
  });

  test('the glossary sync under 5xx and 429, when making the glossary and when checking it', async () => {
    server.failNext(500, 1, { path: '/v3/glossaries' });
    await expect(sync()).rejects.toMatchObject({ kind: 'unavailable', status: 500 });
    server.failNext(429, 1, { path: '/v3/glossaries' });
    await expect(sync()).rejects.toMatchObject({ kind: 'rate-limited', status: 429 });
    const made = await sync();
    server.failNext(503, 1, { path: EVERY_PATH });
    await expect(sync(made)).rejects.toMatchObject({ kind: 'unavailable', status: 503 });
    expect(await sync(made)).toEqual(made);
  });

  test('the glossary sync gives up on a DeepL that never answers', { timeout: 1_500 }, async () => {
    server.hangNext(1, { path: '/v3/glossaries' });
    await expect(sync()).rejects.toMatchObject({ kind: 'network' });
  });
});
