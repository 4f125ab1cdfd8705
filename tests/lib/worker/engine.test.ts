// The engine's DeepL glossary and budget decisions, against the local DeepL-compatible server.
import { describe, expect, test, vi } from 'vitest';
import { cacheKey, NO_GLOSSARY_VERSION, openTranslationCache } from '../../../lib/cache';
import type { SyncedGlossary } from '../../../lib/deepl/glossary-sync';
import { BUILTIN_TERMS, GLOSSARY_VERSION } from '../../../lib/glossary/terms';
import type { Segment } from '../../../lib/messaging/contract';
import { DEFAULT_SETTINGS, type Settings } from '../../../lib/settings/defaults';
import { FREE_KEY_BUDGET, monthOf } from '../../../lib/usage/budget';
import { createEngine, type Engine, type EngineDeps } from '../../../lib/worker/engine';
import { type DeeplTestServer } from '../../support/deepl-server';
import { useDeeplServer } from '../../support/use-deepl-server';

let server: DeeplTestServer;
useDeeplServer((started) => (server = started));

const settings = (patch: Partial<Settings> = {}): Settings => ({ ...DEFAULT_SETTINGS, ...patch });

async function glossaryEngine() {
  const saved: SyncedGlossary[] = [];
  const cache = await openTranslationCache({ indexedDB: null });
  const engine = createEngine({ cache, answerWithinMs: 3_000, queue: { windowMs: 5 }, glossaryTerms: async () => [...BUILTIN_TERMS], saveSyncedGlossary: async (g) => void saved.push(g) });
  return { engine, saved, cache };
}

const translate = async (engine: Engine, segments: Segment[]) => (await engine.handlers.translate({ type: 'translate', segments }, {})).results;
const sync = (engine: Engine) => engine.handlers['sync-glossary']({ type: 'sync-glossary' }, {});
const requestsOf = (key: string) => server.translateRequests().filter((r) => r.headers.authorization === `DeepL-Auth-Key ${key}`);

test('a new DeepL key: the old account’s glossary is not used, and one for the new account is made in the background', async () => {
  const { engine, saved } = await glossaryEngine();
  engine.configure({ key: 'old:fx', serverUrl: server.url, settings: settings(), glossary: { version: GLOSSARY_VERSION, synced: null } });
  expect(await sync(engine)).toMatchObject({ ok: true });
  const old = saved[0]!;
  // The worker configures from storage: the new key with the glossary synced for the old one.
  engine.configure({ key: 'new:fx', serverUrl: server.url, settings: settings(), glossary: { version: GLOSSARY_VERSION, synced: old } });
  expect(await translate(engine, [{ id: '1', text: '宝子们' }])).toMatchObject([{ ok: true }]);
  expect(requestsOf('new:fx').map((r) => r.body?.glossary_id)).not.toContain(old.id);
  await expect.poll(() => saved.length).toBe(2);
  expect(saved[1]!.id).not.toBe(old.id);
  expect(saved[1]!.account).toMatch(/^[0-9a-f]{16}$/);
  expect(saved[1]!.account).not.toBe(old.account);
  expect(JSON.stringify(saved)).not.toMatch(/old|new/); // the account, never the key
  expect(await translate(engine, [{ id: '2', text: '种草' }])).toMatchObject([{ ok: true, text: '⟪EN⟫ recommend' }]);
  expect(requestsOf('new:fx').at(-1)!.body).toMatchObject({ glossary_id: saved[1]!.id });
});

test('a glossary deleted on DeepL’s side: translations go on without it, and it is made again in the background', async () => {
  const { engine, saved } = await glossaryEngine();
  const key = 'deleted:fx';
  engine.configure({ key, serverUrl: server.url, settings: settings(), glossary: { version: GLOSSARY_VERSION, synced: null } });
  expect(await sync(engine)).toMatchObject({ ok: true });
  const first = saved[0]!;
  await fetch(`${server.url}/v3/glossaries/${first.id}`, { method: 'DELETE', headers: { Authorization: `DeepL-Auth-Key ${key}` } });
  expect(await translate(engine, [{ id: '1', text: '宝子们' }])).toMatchObject([{ ok: true, text: '⟪EN⟫ bao zi men' }]);
  await expect.poll(() => saved.length).toBe(2);
  expect(saved[1]!.id).not.toBe(first.id);
  expect(await translate(engine, [{ id: '2', text: '种草' }])).toMatchObject([{ ok: true, text: '⟪EN⟫ recommend' }]);
  expect(requestsOf(key).at(-1)!.body).toMatchObject({ glossary_id: saved[1]!.id });
});

test('a batch DeepL translated without the glossary it refused is cached as made without one: with the glossary made again, the text is translated with it', async () => {
  const { engine, saved, cache } = await glossaryEngine();
  const key = 'refused:fx';
  engine.configure({ key, serverUrl: server.url, settings: settings(), glossary: { version: GLOSSARY_VERSION, synced: null } });
  expect(await sync(engine)).toMatchObject({ ok: true });
  await fetch(`${server.url}/v3/glossaries/${saved[0]!.id}`, { method: 'DELETE', headers: { Authorization: `DeepL-Auth-Key ${key}` } });
  // Asked with the glossary, sent again without it: the glossary's term is not applied.
  expect(await translate(engine, [{ id: '1', text: '种草' }])).toMatchObject([{ ok: true, text: '⟪EN⟫ zhong cao' }]);
  const parts = { provider: 'deepl', source: 'ZH', target: settings().targetLang, text: '种草' };
  expect([...(await cache.getMany([cacheKey({ ...parts, glossaryVersion: NO_GLOSSARY_VERSION })])).values()]).toEqual(['⟪EN⟫ zhong cao']);
  expect((await cache.getMany([cacheKey({ ...parts, glossaryVersion: GLOSSARY_VERSION })])).size).toBe(0);
  await expect.poll(() => saved.length).toBe(2);
  expect(await translate(engine, [{ id: '2', text: '种草' }])).toMatchObject([{ ok: true, text: '⟪EN⟫ recommend', fromCache: false }]);
});

test('a sync from the popup and one from the worker at once make one glossary, not an orphan', async () => {
  const { engine, saved } = await glossaryEngine();
  const key = 'twice:fx';
  engine.configure({ key, serverUrl: server.url, settings: settings(), glossary: { version: GLOSSARY_VERSION, synced: null } });
  const [a, b] = await Promise.all([sync(engine), sync(engine)]);
  expect(a).toMatchObject({ ok: true });
  expect(b).toEqual(a);
  expect(server.requests.filter((r) => r.method === 'POST' && r.path === '/v3/glossaries')).toHaveLength(1);
  expect(new Set(saved.map((g) => g.id)).size).toBe(1);
});

test('the monthly budget counts characters still in flight: two requests at once do not overshoot it', async () => {
  const cache = await openTranslationCache({ indexedDB: null });
  const engine = createEngine({ cache, answerWithinMs: 3_000, queue: { windowMs: 5, concurrency: 2 } });
  const key = 'budget:fx';
  engine.configure({ key, serverUrl: server.url, settings: settings({ monthlyBudget: 10 }) });
  // Two contexts: two requests, sent together, 8 characters each.
  const page: Segment[] = [
    { id: '1', text: '今天天气真的很好', context: '笔记一' },
    { id: '2', text: '明天天气也会很好', context: '笔记二' },
  ];
  await translate(engine, page);
  // The refusal answers at once; the first may still be on its way: wait until it is translated (and cached).
  await expect.poll(async () => (await translate(engine, [page[0]!]))[0]!.ok).toBe(true);
  expect(server.usageOf(key).character_count).toBe(8);
  // The page asks again: the first from the cache, the second refused by the budget.
  const again = await translate(engine, page);
  expect(again.map((r) => (r.ok ? r.text : r.error.kind))).toEqual(['⟪EN⟫ jin tian tian qi zhen de hen hao', 'budget']);
  expect(server.usageOf(key).character_count).toBe(8);
});

test('clear-cache forgets every translation: the same text is sent to DeepL again', async () => {
  const cache = await openTranslationCache({ indexedDB: null });
  const engine = createEngine({ cache, answerWithinMs: 3_000, queue: { windowMs: 5 } });
  engine.configure({ key: 'clear:fx', serverUrl: server.url, settings: settings() });
  expect(await translate(engine, [{ id: '1', text: '宝子们' }])).toMatchObject([{ ok: true, fromCache: false }]);
  expect(await translate(engine, [{ id: '2', text: '宝子们' }])).toMatchObject([{ ok: true, fromCache: true }]);
  expect(await engine.handlers['clear-cache']({ type: 'clear-cache' }, {})).toEqual({ ok: true });
  expect(cache.stats().entries).toBe(0);
  expect(await translate(engine, [{ id: '3', text: '宝子们' }])).toMatchObject([{ ok: true, fromCache: false }]);
  expect(requestsOf('clear:fx')).toHaveLength(2);
});

test('a Free key without a budget of its own stops at the built-in one; a Pro key has none', async () => {
  const cache = await openTranslationCache({ indexedDB: null });
  const engine = createEngine({ cache, answerWithinMs: 3_000, queue: { windowMs: 5 }, budgetCount: { month: monthOf(new Date()), billed: FREE_KEY_BUDGET - 3 } });
  engine.configure({ key: 'free:fx', serverUrl: server.url, settings: settings({ monthlyBudget: 0 }) });
  expect((await translate(engine, [{ id: '1', text: '今天天气很好' }]))[0]).toMatchObject({ ok: false, error: { kind: 'budget' } });
  expect(server.translateRequests()).toHaveLength(0);
  engine.configure({ key: 'pro-key', serverUrl: server.url, settings: settings({ monthlyBudget: 0 }) });
  expect((await translate(engine, [{ id: '1', text: '今天天气很好' }]))[0]).toMatchObject({ ok: true });
});

describe('the rate limit: a page sending unusual amounts of text', () => {
  const fromTab = (tab: number) => ({ id: 'ext', url: 'https://www.xiaohongshu.com/explore', tab: { id: tab } });
  const text = (n: number, length: number) => `第${n}条` + '评'.repeat(length - String(n).length - 2);

  async function limitedEngine(deps: Partial<EngineDeps> = {}) {
    const cache = await openTranslationCache({ indexedDB: null });
    const engine = createEngine({ cache, answerWithinMs: 3_000, queue: { windowMs: 5 }, rateLimit: { tab: { characters: 100, windowMs: 60_000 }, global: { characters: 1_000, windowMs: 60_000 } }, ...deps });
    engine.configure({ key: 'rate:fx', serverUrl: server.url, settings: settings() });
    const ask = async (tab: number, segments: Segment[]) => (await engine.handlers.translate({ type: 'translate', segments }, fromTab(tab))).results;
    return { engine, ask };
  }

  test('past its limit a tab is answered "paused" (no figures) and nothing more of it is sent; other tabs go on', async () => {
    const { ask } = await limitedEngine();
    expect(await ask(1, [{ id: 'a', text: text(1, 60) }, { id: 'b', text: text(2, 30) }])).toMatchObject([{ ok: true }, { ok: true }]);
    const over = await ask(1, [{ id: 'c', text: text(3, 20) }, { id: 'd', text: text(4, 5) }]);
    expect(over).toMatchObject([{ ok: false, error: { kind: 'paused' } }, { ok: false, error: { kind: 'paused' } }]);
    expect(JSON.stringify(over)).toBe(JSON.stringify([{ id: 'c', ok: false, error: { kind: 'paused' } }, { id: 'd', ok: false, error: { kind: 'paused' } }]));
    expect(server.usageOf('rate:fx').character_count).toBe(90);
    // Cached answers are free: still given.
    expect(await ask(1, [{ id: 'a', text: text(1, 60) }])).toMatchObject([{ ok: true, fromCache: true }]);
    // A long text the reader clicked for is theirs to spend.
    expect(await ask(1, [{ id: 'e', text: text(5, 200), asked: true }])).toMatchObject([{ ok: true }]);
    expect(await ask(2, [{ id: 'f', text: text(6, 50) }])).toMatchObject([{ ok: true }]);
  });

  test("the reader's continue lifts the pause of that tab only", async () => {
    const { engine, ask } = await limitedEngine();
    await ask(1, [{ id: 'a', text: text(1, 101) }]);
    await ask(2, [{ id: 'b', text: text(2, 101) }]);
    await engine.handlers['continue-translating']({ type: 'continue-translating' }, fromTab(1));
    expect(await ask(1, [{ id: 'a', text: text(1, 101) }])).toMatchObject([{ ok: true }]);
    expect(await ask(2, [{ id: 'b', text: text(2, 101) }])).toMatchObject([{ ok: false, error: { kind: 'paused' } }]);
  });

  test('a paused tab stays paused through a restart of the worker (the paused tabs are saved, and read back), until its reader continues', async () => {
    let saved: number[] = [];
    const { ask } = await limitedEngine({ savePausedTabs: (tabs) => void (saved = tabs) });
    await ask(1, [{ id: 'a', text: text(1, 101) }]);
    expect(saved).toEqual([1]);
    // A new engine: the worker was stopped and started again, its memory gone.
    const restarted = await limitedEngine({ pausedTabs: saved, savePausedTabs: (tabs) => void (saved = tabs) });
    expect(await restarted.ask(1, [{ id: 'b', text: text(2, 5) }])).toMatchObject([{ ok: false, error: { kind: 'paused' } }]);
    expect(await restarted.ask(2, [{ id: 'c', text: text(3, 5) }])).toMatchObject([{ ok: true }]);
    await restarted.engine.handlers['continue-translating']({ type: 'continue-translating' }, fromTab(1));
    expect(saved).toEqual([]);
    expect(await restarted.ask(1, [{ id: 'b', text: text(2, 5) }])).toMatchObject([{ ok: true }]);
  });

  test('a closed tab leaves the saved paused tabs; a save that fails is logged, not thrown', async () => {
    let saved: number[] = [];
    const { engine, ask } = await limitedEngine({ savePausedTabs: (tabs) => void (saved = tabs) });
    await ask(1, [{ id: 'a', text: text(1, 101) }]);
    expect(saved).toEqual([1]);
    engine.forgetTab(1);
    expect(saved).toEqual([]);
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const failing = await limitedEngine({ savePausedTabs: async () => Promise.reject(new Error('storage.session quota')) });
    expect(await failing.ask(1, [{ id: 'a', text: text(1, 101) }])).toMatchObject([{ ok: false, error: { kind: 'paused' } }]);
    await vi.waitFor(() => expect(warn).toHaveBeenCalledWith('RedNote Lens: the paused tabs were not saved', expect.any(Error)));
    warn.mockRestore();
  });

  test('asking again for a text still waiting in the queue (the page re-asks) is not counted again', async () => {
    const { engine, ask } = await limitedEngine();
    engine.configure({ key: 'invalid', serverUrl: server.url, settings: settings() }); // refused: sending stops, the text waits
    for (let i = 0; i < 3; i++) expect(await ask(1, [{ id: 'a', text: text(1, 60) }])).toMatchObject([{ ok: false, error: { kind: 'auth' } }]);
  });

  test('the on-device translator costs nothing: not limited', async () => {
    const { engine, ask } = await limitedEngine();
    engine.configure({ key: '', serverUrl: server.url, settings: settings({ provider: 'on-device' }) });
    expect(await ask(1, [{ id: 'a', text: text(1, 200) }])).not.toMatchObject([{ ok: false, error: { kind: 'paused' } }]);
  });
});

test('on-device without its language pack: sending stops (one state for the page); once the pack is there, the next ask translates', async () => {
  let pack = false;
  const translatorApi = {
    availability: async () => (pack ? 'available' : 'downloadable'),
    create: async () => {
      if (!pack) throw new Error('NotAllowedError: a user gesture is needed');
      return { translate: async (text: string) => `on-device(${text})` };
    },
  };
  const cache = await openTranslationCache({ indexedDB: null });
  const engine = createEngine({ cache, translatorApi, answerWithinMs: 3_000, queue: { windowMs: 5 } });
  engine.configure({ key: '', settings: settings({ provider: 'on-device' }) });
  expect(await translate(engine, [{ id: '1', text: '宝子们' }])).toMatchObject([{ ok: false, error: { kind: 'no-provider' } }]);
  expect(engine.queue.state().blocked).toMatchObject({ kind: 'no-provider', message: expect.stringMatching(/Download Chinese/) });
  // Downloaded from a page that is gone since: nobody said retry, the page just asks again.
  pack = true;
  expect(await translate(engine, [{ id: '1', text: '宝子们' }])).toMatchObject([{ ok: true, text: 'on-device(宝子们)' }]);
});
