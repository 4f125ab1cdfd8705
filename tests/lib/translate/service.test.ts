// The whole engine in Node: real DeepL provider over fetch against the local DeepL-compatible
// server, the real queue, and the cache on fake-indexeddb.
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { describe, expect, test } from 'vitest';
import { openTranslationCache } from '../../../lib/cache';
import type { Segment, SegmentResult } from '../../../lib/messaging/contract';
import { DEFAULT_SETTINGS, type Settings } from '../../../lib/settings/defaults';
import { createEngine } from '../../../lib/worker/engine';
import { type DeeplTestServer } from '../../support/deepl-server';
import { useDeeplServer } from '../../support/use-deepl-server';

let server: DeeplTestServer;
useDeeplServer((started) => (server = started));

const settings = (patch: Partial<Settings> = {}): Settings => ({ ...DEFAULT_SETTINGS, ...patch });

async function engineWith(options: { key?: string; settings?: Partial<Settings>; indexedDB?: IDBFactory | null; dbName?: string; answerWithinMs?: number } = {}) {
  const cache = await openTranslationCache({ indexedDB: options.indexedDB === undefined ? new IDBFactory() : options.indexedDB, dbName: options.dbName });
  const engine = createEngine({ cache, answerWithinMs: options.answerWithinMs ?? 3_000, queue: { windowMs: 5, random: () => 0.5 } });
  engine.configure({ key: options.key ?? 'svc-key:fx', serverUrl: server.url, settings: settings(options.settings) });
  return engine;
}

/** An engine whose fetch fails while `network.online` is false; `workerOnline` is what the worker's navigator.onLine says. */
async function offlineCapableEngine(network: { online: boolean }, workerOnline: () => boolean) {
  const cache = await openTranslationCache({ indexedDB: null });
  const offlineFetch: typeof fetch = async (input, init) => {
    if (!network.online) throw new TypeError('Failed to fetch');
    return fetch(input, init);
  };
  const engine = createEngine({ cache, fetch: offlineFetch, online: workerOnline, answerWithinMs: 300, queue: { windowMs: 5, random: () => 0.5 } });
  engine.configure({ key: 'svc-key:fx', serverUrl: server.url, settings: settings() });
  return engine;
}

const seg = (id: string, text: string, context?: string): Segment => ({ id, text, context });
const translate = async (engine: Awaited<ReturnType<typeof engineWith>>, segments: Segment[]) => (await engine.handlers.translate({ type: 'translate', segments }, {})).results;
/** Ask again and again, as pages do, until translated: waits for the translation, not for a time. */
async function untilTranslated(engine: Awaited<ReturnType<typeof engineWith>>, segment: Segment, timeout = 10_000): Promise<SegmentResult> {
  let result: SegmentResult | undefined;
  await expect.poll(async () => ([result] = await translate(engine, [segment]), result!.ok), { timeout, interval: 100 }).toBe(true);
  return result!;
}
const texts = (results: SegmentResult[]) => results.map((r) => (r.ok ? r.text : `!${r.error.kind}`));

describe('translation service', () => {
  test('pays only for Chinese: empty, English, numbers, handles, URLs and emoji codes are answered locally', async () => {
    const engine = await engineWith();
    const results = await translate(engine, [seg('1', ''), seg('2', '  '), seg('3', 'Weekend brunch'), seg('4', '1.2万'), seg('5', '[笑哭R]'), seg('6', '@小红薯'), seg('7', 'https://xhslink.com/a'), seg('8', '你好')]);
    expect(texts(results)).toEqual(['', '', 'Weekend brunch', '1.2万', '[笑哭R]', '@小红薯', 'https://xhslink.com/a', '⟪EN⟫ ni hao']);
    expect(server.translateRequests().flatMap((r) => r.texts)).toEqual(['你好']);
    expect((await engine.status()).session.translated).toBe(1);
  });

  test('the second visit costs nothing: everything from the cache', async () => {
    const engine = await engineWith();
    const page = ['宝子们', '绝绝子', '求链接', '宝子们'].map((t, i) => seg(String(i), t));
    await translate(engine, page);
    const billedAfterFirst = server.usageOf('svc-key:fx').character_count;
    expect(billedAfterFirst).toBe(9); // each unique text once
    const again = await translate(engine, page);
    expect(again.every((r) => r.ok && r.fromCache)).toBe(true);
    expect(server.translateRequests()).toHaveLength(1);
    const status = await engine.status();
    expect(status.session).toMatchObject({ fromCache: 4, charactersSaved: 12, requests: 1, charactersBilled: 9 });
  });

  test('context goes with comments and does not split the cache', async () => {
    const engine = await engineWith();
    await translate(engine, [seg('c1', '求链接', '露营新手第一次翻车实录')]);
    expect(server.translateRequests()[0]!.body).toMatchObject({ context: '露营新手第一次翻车实录' });
  });

  test('a huge text is split into requests that fit and joined back', { timeout: 15_000 }, async () => {
    const engine = await engineWith();
    const huge = Array.from({ length: 7_000 }, (_, i) => `今天天气很好我们去公园散步吧${i}。`).join(''); // ~330 KB of UTF-8
    const [result] = await translate(engine, [seg('big', huge)]);
    expect(result!.ok).toBe(true);
    const requests = server.translateRequests();
    expect(requests.length).toBeGreaterThanOrEqual(3);
    expect(requests.every((r) => JSON.stringify(r.body).length < 128 * 1024)).toBe(true);
    // Two requests run at once: they may reach the server in either order.
    const sent = requests.map((r) => (r.texts ?? []).join('')).sort((x, y) => huge.indexOf(x) - huge.indexOf(y));
    expect(sent.join('')).toBe(huge);
    expect((result as { text: string }).text.startsWith('⟪EN⟫ jin tian tian qi')).toBe(true);
  });

  test('an invalid key answers at once with the reason, keeps the text, and translates it once the key is fixed', { timeout: 30_000 }, async () => {
    // "At once": long before the message's own time limit, however busy the machine.
    const engine = await engineWith({ key: 'invalid', answerWithinMs: 60_000 });
    const started = Date.now();
    const [first] = await translate(engine, [seg('1', '种草')]);
    expect(Date.now() - started).toBeLessThan(20_000);
    expect(first).toMatchObject({ ok: false, error: { kind: 'auth' } });
    // The reason in words is the popup's to show (an extension page), not the page's.
    expect(engine.queue.state().blocked?.message).toMatch(/refused the DeepL key/);
    engine.configure({ key: 'fixed:fx', serverUrl: server.url, settings: settings() });
    // The queued text goes out by itself after the fix; the page's re-ask finds it.
    const [second] = await translate(engine, [seg('1', '种草')]);
    expect(second).toMatchObject({ ok: true, text: '⟪EN⟫ zhong cao' });
  });

  test('quota exhausted mid-session: the reader is told, nothing is lost', async () => {
    server.setCharacterLimit('small:fx', 4);
    const engine = await engineWith({ key: 'small:fx' });
    expect(texts(await translate(engine, [seg('1', '你好')]))).toEqual(['⟪EN⟫ ni hao']);
    expect(texts(await translate(engine, [seg('2', '再见了朋友')]))).toEqual(['!quota']);
    expect((await engine.status()).blocked).toMatchObject({ kind: 'quota' });
    server.setCharacterLimit('small:fx', 100);
    await engine.handlers['retry-now']({ type: 'retry-now' }, {});
    expect(texts(await translate(engine, [seg('2', '再见了朋友')]))).toEqual(['⟪EN⟫ zai jian le peng you']);
    // Two texts translated: the failure and the text asked for again count once, as translated.
    expect((await engine.status()).session.translated).toBe(2);
  });

  test('a dropped connection and malformed JSON are retried with backoff until they succeed', { timeout: 15_000 }, async () => {
    const engine = await engineWith({ answerWithinMs: 10_000 });
    server.dropNext();
    server.malformedNext();
    // The answer says when the worker tries again; asking again after that, as the page does, gets the text.
    const [first] = await translate(engine, [seg('1', '你好')]);
    expect(first).toMatchObject({ ok: false, error: { kind: 'network', retryAt: expect.any(Number) } });
    expect(await untilTranslated(engine, seg('1', '你好'))).toMatchObject({ ok: true, text: '⟪EN⟫ ni hao' });
    expect(server.translateRequests().map((r) => r.status)).toEqual([-1, 200, 200]); // dropped, malformed, good
  });

  test('offline, then online: the first message after the browser is back cuts the network backoff short', async () => {
    const network = { online: true };
    const engine = await offlineCapableEngine(network, () => network.online);
    network.online = false;
    const [first] = await translate(engine, [seg('1', '离线')]);
    expect(first).toMatchObject({ ok: false, error: { kind: 'network' } });
    const firstRetryAt = (first as { error: { retryAt?: number } }).error.retryAt!;
    // The worker's own retry fails too: the backoff grows.
    await expect.poll(async () => (await engine.status()).blocked?.retryAt, { timeout: 5_000 }).toBeGreaterThan(firstRetryAt);
    const [second] = await translate(engine, [seg('1', '离线')]);
    expect(second).toMatchObject({ ok: false, error: { kind: 'network' } });
    network.online = true;
    const [third] = await translate(engine, [seg('1', '离线')]);
    expect(third).toMatchObject({ ok: true, text: '⟪EN⟫ li xian' });
    expect(server.translateRequests()).toHaveLength(1);
  });

  test("offline, then online, seen by the page alone (the worker's navigator.onLine never changed): the backoff is cut short", async () => {
    const network = { online: true };
    const engine = await offlineCapableEngine(network, () => true);
    const ask = (pageOnline: boolean) => engine.handlers.translate({ type: 'translate', segments: [seg('1', '页面离线')], online: pageOnline }, {});
    network.online = false;
    expect((await ask(false)).results[0]).toMatchObject({ ok: false, error: { kind: 'network' } });
    const retryAt = (await engine.status()).blocked?.retryAt;
    network.online = true;
    expect((await ask(true)).results[0]).toMatchObject({ ok: true, text: '⟪EN⟫ ye mian li xian' });
    expect(server.translateRequests()[0]!.at).toBeLessThan(retryAt!);
  });

  test("back online as the page sees it while the worker's navigator.onLine still says offline: the page is believed", async () => {
    const network = { online: true };
    let workerOnline = true;
    const engine = await offlineCapableEngine(network, () => workerOnline);
    const ask = (pageOnline: boolean) => engine.handlers.translate({ type: 'translate', segments: [seg('1', '迟到的在线')], online: pageOnline }, {});
    network.online = false;
    workerOnline = false;
    expect((await ask(false)).results[0]).toMatchObject({ ok: false, error: { kind: 'network' } });
    const retryAt = (await engine.status()).blocked?.retryAt;
    // The page's 'online' event and its re-ask come first; the worker's own flag turns later.
    network.online = true;
    expect((await ask(true)).results[0]).toMatchObject({ ok: true });
    expect(server.translateRequests()[0]!.at).toBeLessThan(retryAt!);
  });

  test('a server that drops connections keeps its backoff however often pages ask', async () => {
    const engine = await engineWith({ answerWithinMs: 200 });
    server.dropNext(1);
    await translate(engine, [seg('1', '断线')]);
    const retryAt = (await engine.status()).blocked?.retryAt;
    expect(retryAt).toBeGreaterThan(Date.now());
    for (let i = 0; i < 5; i++) await translate(engine, [seg('1', '断线')]);
    // However busy the machine, nothing went out before the backoff ran out.
    expect(server.translateRequests().filter((r) => r.at < retryAt!)).toHaveLength(1);
    // Then the backoff runs out and the text goes (nothing left queued for the next test).
    expect(await untilTranslated(engine, seg('1', '断线'))).toMatchObject({ ok: true });
  });

  test('while backing off the answer says so, and the re-ask gets the translation', async () => {
    const engine = await engineWith({ answerWithinMs: 300 });
    server.failNext(503, 1);
    const [first] = await translate(engine, [seg('1', '你好')]);
    expect(first).toMatchObject({ ok: false, error: { kind: 'unavailable', retryAt: expect.any(Number) } });
    expect(await untilTranslated(engine, seg('1', '你好'))).toMatchObject({ ok: true });
    expect(server.translateRequests().filter((r) => r.status === 200)).toHaveLength(1);
  });

  test('a killed worker loses nothing paid for: a new engine on the same database answers from cache', async () => {
    const factory = new IDBFactory();
    const before = await engineWith({ indexedDB: factory, dbName: 'restart' });
    await translate(before, [seg('1', '小红书'), seg('2', '薯条')]);
    const after = await engineWith({ indexedDB: factory, dbName: 'restart' });
    const results = await translate(after, [seg('1', '小红书'), seg('2', '薯条')]);
    expect(results.every((r) => r.ok && r.fromCache)).toBe(true);
    expect(server.translateRequests()).toHaveLength(1);
  });

  test('IndexedDB unavailable: memory cache only, still translates', async () => {
    const engine = await engineWith({ indexedDB: null });
    expect(texts(await translate(engine, [seg('1', '你好')]))).toEqual(['⟪EN⟫ ni hao']);
    expect((await translate(engine, [seg('1', '你好')]))[0]).toMatchObject({ fromCache: true });
  });

  test('a monthly budget stops sending and says so', async () => {
    const engine = await engineWith({ settings: { monthlyBudget: 3 } });
    expect(texts(await translate(engine, [seg('1', '你好')]))).toEqual(['⟪EN⟫ ni hao']);
    const [over] = await translate(engine, [seg('2', '再见')]);
    expect(over).toMatchObject({ ok: false, error: { kind: 'budget' } });
    expect(engine.queue.state().blocked?.message).toMatch(/monthly budget .* is reached/);
    expect(server.translateRequests()).toHaveLength(1);
  });

  test('no key: a clear no-provider answer', async () => {
    const engine = await engineWith({ key: '' });
    expect((await translate(engine, [seg('1', '你好')]))[0]).toMatchObject({ ok: false, error: { kind: 'no-provider' } });
    expect(engine.queue.state().blocked?.message).toMatch(/DeepL key/);
  });

  test('usage is reported in the status', async () => {
    const engine = await engineWith({ key: 'usage:fx' });
    await translate(engine, [seg('1', '你好')]);
    expect((await engine.status()).usage).toMatchObject({ characterCount: 2, characterLimit: 500_000 });
  });

  test('10,000 segments at once: the minimum number of requests, in order', async () => {
    const engine = await engineWith();
    const segments = Array.from({ length: 10_000 }, (_, i) => seg(String(i), `第${i % 2_500}条评论`));
    const results: SegmentResult[] = [];
    for (let i = 0; i < segments.length; i += 500) results.push(...(await Promise.all([translate(engine, segments.slice(i, i + 500))])).flat());
    expect(results).toHaveLength(10_000);
    expect(results[2_501]).toMatchObject({ id: '2501', ok: true });
    expect(server.translateRequests().length).toBeLessThanOrEqual(Math.ceil(2_500 / 50) + 20);
  }, 30_000);
});

describe('platform glossary through DeepL', () => {
  test('sync-glossary makes the DeepL glossary; requests then carry it with ZH as source, and the cache keys follow its version', async () => {
    const { BUILTIN_TERMS, GLOSSARY_VERSION } = await import('../../../lib/glossary/terms');
    const cache = await openTranslationCache({ indexedDB: new IDBFactory() });
    const saved: unknown[] = [];
    const engine = createEngine({ cache, queue: { windowMs: 5 }, glossaryTerms: async () => [...BUILTIN_TERMS], saveSyncedGlossary: async (g) => void saved.push(g) });
    engine.configure({ key: 'gl:fx', serverUrl: server.url, settings: settings(), glossary: { version: GLOSSARY_VERSION, synced: null } });
    expect(texts(await translate(engine, [seg('1', '宝子们')]))).toEqual(['⟪EN⟫ bao zi men']);
    const answer = await engine.handlers['sync-glossary']({ type: 'sync-glossary' }, {});
    expect(answer).toMatchObject({ ok: true, entries: expect.any(Number) });
    expect(saved).toHaveLength(1);
    // Same text, now with the glossary: a new cache key, so it is asked again, with the glossary.
    expect(texts(await translate(engine, [seg('1', '宝子们')]))).toEqual(['⟪EN⟫ babes (everyone)']);
    const last = server.translateRequests().at(-1)!;
    expect(last.body).toMatchObject({ source_lang: 'ZH', glossary_id: (answer as { glossaryId: string }).glossaryId });
    // A target other than English cannot use a ZH→EN glossary.
    engine.configure({ key: 'gl:fx', serverUrl: server.url, settings: settings({ targetLang: 'DE' }), glossary: { version: GLOSSARY_VERSION, synced: saved[0] as never } });
    await translate(engine, [seg('2', '种草')]);
    expect(server.translateRequests().at(-1)!.body).not.toHaveProperty('glossary_id');
  });
});
