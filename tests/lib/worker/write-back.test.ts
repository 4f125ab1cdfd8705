// Writing: the reader's English into Chinese and back, through the engine, against the local DeepL-compatible server.
import { expect, test } from 'vitest';
import { cacheKey, openTranslationCache } from '../../../lib/cache';
import { BUILTIN_TERMS, GLOSSARY_VERSION } from '../../../lib/glossary/terms';
import { DEFAULT_SETTINGS, type Settings } from '../../../lib/settings/defaults';
import { createEngine, type EngineDeps } from '../../../lib/worker/engine';
import { needsWriting } from '../../../lib/worker/write-back';
import { fakeTranslate, type DeeplTestServer } from '../../support/deepl-server';
import { useDeeplServer } from '../../support/use-deepl-server';

let server: DeeplTestServer;
useDeeplServer((started) => (server = started));

const settings = (patch: Partial<Settings> = {}): Settings => ({ ...DEFAULT_SETTINGS, ...patch });
const writeRequests = () => server.translateRequests().filter((r) => r.body?.source_lang === 'EN');
const fromTab = (tab: number) => ({ id: 'ext', url: 'https://www.xiaohongshu.com/explore', tab: { id: tab } });

async function engineWith(key = 'write:fx', patch: Partial<EngineDeps> = {}) {
  const cache = await openTranslationCache({ indexedDB: null });
  const engine = createEngine({ cache, answerWithinMs: 3_000, queue: { windowMs: 5 }, ...patch });
  engine.configure({ key, serverUrl: server.url, settings: settings() });
  const write = (text: string, tab = 1) => engine.handlers['write-translate']({ type: 'write-translate', text }, fromTab(tab));
  return { engine, write, cache };
}

test('English goes out as EN → ZH-HANS, comes back with its back-translation, and is asked once', async () => {
  const { write } = await engineWith();
  const chinese = fakeTranslate('Nice tent, where is it from?', 'ZH-HANS');
  expect(await write('Nice tent, where is it from?')).toEqual({
    ok: true,
    chinese,
    back: fakeTranslate(chinese, 'EN-US'),
    provider: 'deepl',
    translator: 'DeepL',
    registers: [],
  });
  const [out, back] = server.translateRequests();
  expect(out!.body).toMatchObject({ source_lang: 'EN', target_lang: 'ZH-HANS', text: ['Nice tent, where is it from?'] });
  expect(back!.body).toMatchObject({ source_lang: 'ZH', text: [chinese] });
  // Asked again: both directions from the cache.
  expect(await write('Nice tent, where is it from?')).toMatchObject({ ok: true, chinese });
  expect(server.translateRequests()).toHaveLength(2);
});

test('the direction is part of the cache key: the Chinese is stored under EN → ZH-HANS, never under the reading direction', async () => {
  const { write, cache } = await engineWith();
  await write('hello');
  const key = (source: string, target: string) => cacheKey({ provider: 'deepl', source, target, glossaryVersion: 'none', text: 'hello' });
  const found = await cache.getMany([key('EN', 'ZH-HANS'), key('ZH', DEFAULT_SETTINGS.targetLang)]);
  expect([...found]).toEqual([[key('EN', 'ZH-HANS'), fakeTranslate('hello', 'ZH')]]);
});

test('text holding Chinese is left alone: nothing is sent', async () => {
  const { write } = await engineWith();
  expect(await write('already 中文 here')).toEqual({ ok: false, error: { kind: 'unsupported' } });
  expect(server.translateRequests()).toHaveLength(0);
  expect(needsWriting('12 345 :)')).toBe(false);
  expect(needsWriting('so cute')).toBe(true);
});

test('the tab’s rate limit holds for writing too; a back-translation refused leaves the Chinese standing, with the reason', async () => {
  const { write } = await engineWith('limited:fx', { rateLimit: { tab: { characters: 40, windowMs: 60_000 }, global: { characters: 1_000, windowMs: 60_000 } } });
  // 30 characters out, then ~35 of Chinese to read back: past the tab's 40.
  expect(await write('a'.repeat(30))).toMatchObject({ ok: true, chinese: fakeTranslate('a'.repeat(30), 'ZH'), backError: { kind: 'paused' } });
  expect(await write('b'.repeat(5))).toMatchObject({ ok: false, error: { kind: 'paused' } });
  expect(server.translateRequests()).toHaveLength(1);
});

test('errors come back as values: no translator, a 429, a bad key', async () => {
  const none = await engineWith('');
  expect(await none.write('hello')).toMatchObject({ ok: false, error: { kind: 'no-provider' } });

  const busy = await engineWith('busy:fx', { answerWithinMs: 500 });
  server.failNext(429, 1);
  expect(await busy.write('hello there')).toMatchObject({ ok: false, error: { kind: 'rate-limited' } });

  const bad = await engineWith('invalid');
  expect(await bad.write('hello')).toMatchObject({ ok: false, error: { kind: 'auth' } });
});

test("the platform's words, when the reader asks: the glossary's EN → ZH dictionary; not otherwise, and said when there is none", async () => {
  const { engine, write } = await engineWith('words:fx', { glossaryTerms: async () => [...BUILTIN_TERMS] });
  engine.configure({ key: 'words:fx', serverUrl: server.url, settings: settings(), glossary: { version: GLOSSARY_VERSION } });
  // No glossary made yet: asked for, not used, and said so.
  expect(await engine.handlers['write-translate']({ type: 'write-translate', text: 'I found a dupe', platformWords: true }, fromTab(1))).toMatchObject({ ok: true, platformWords: false });
  expect(await engine.syncGlossary()).toMatchObject({ ok: true });
  const words = await engine.handlers['write-translate']({ type: 'write-translate', text: 'I found a dupe', platformWords: true }, fromTab(1));
  expect(words).toMatchObject({ ok: true, platformWords: true, chinese: expect.stringContaining('平替') });
  expect(writeRequests().at(-1)?.body).toMatchObject({ source_lang: 'EN', target_lang: 'ZH-HANS', glossary_id: expect.any(String) });
  // Not asked: the plain translation, without the glossary.
  const plain = await write('I found a dupe too');
  expect(plain).toMatchObject({ ok: true });
  expect(plain).not.toHaveProperty('platformWords');
  expect(plain.ok && plain.chinese).not.toContain('平替');
  expect(writeRequests().at(-1)?.body).not.toHaveProperty('glossary_id');
});
