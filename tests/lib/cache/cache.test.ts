// idb recognises IndexedDB objects by the global classes; fake-indexeddb/auto installs them in Node.
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { describe, expect, test } from 'vitest';
import { cacheKey, openTranslationCache } from '../../../lib/cache';
import { LruMap } from '../../../lib/cache/lru';

const key = (text: string, more: Partial<Parameters<typeof cacheKey>[0]> = {}) =>
  cacheKey({ provider: 'deepl', source: 'ZH', target: 'EN-US', glossaryVersion: 'g1', text, ...more });

describe('cacheKey', () => {
  test('whitespace variants share a key; provider, target and glossary version do not', () => {
    expect(key(' 你好\n 世界 ')).toBe(key('你好 世界'));
    expect(key('你好', { provider: 'on-device' })).not.toBe(key('你好'));
    expect(key('你好', { target: 'EN-GB' })).not.toBe(key('你好'));
    expect(key('你好', { glossaryVersion: 'g2' })).not.toBe(key('你好'));
  });
});

describe('LruMap', () => {
  test('evicts the least recently used entry by count', () => {
    const lru = new LruMap(2, 1e9);
    lru.set('a', '1');
    lru.set('b', '2');
    lru.get('a');
    lru.set('c', '3');
    expect([...lru.keys()]).toEqual(['a', 'c']);
  });
  test('evicts by bytes', () => {
    const lru = new LruMap(100, 40);
    lru.set('a', 'x'.repeat(8)); // 18 bytes
    lru.set('b', 'y'.repeat(8));
    lru.set('c', 'z'.repeat(8));
    expect([...lru.keys()]).toEqual(['b', 'c']);
    expect(lru.bytes).toBe(36);
  });
});

describe('openTranslationCache', () => {
  test('counts hits, misses and characters saved', async () => {
    const cache = await openTranslationCache({ indexedDB: new IDBFactory() });
    await cache.setMany([[key('你好'), 'hello']]);
    const found = await cache.getMany([key('你好'), key('再见')]);
    expect(found.get(key('你好'))).toBe('hello');
    expect(found.has(key('再见'))).toBe(false);
    expect(cache.stats()).toMatchObject({ hits: 1, misses: 1, charactersSaved: 2, entries: 1, persistent: true });
  });

  test('survives a restart: a new cache on the same database sees earlier entries', async () => {
    const factory = new IDBFactory();
    const first = await openTranslationCache({ indexedDB: factory, dbName: 'restart' });
    await first.setMany([[key('小红书'), 'RedNote']]);
    const second = await openTranslationCache({ indexedDB: factory, dbName: 'restart' });
    expect((await second.getMany([key('小红书')])).get(key('小红书'))).toBe('RedNote');
    expect(second.stats().entries).toBe(1);
  });

  test('the disk tier is bounded and evicts the least recently used', async () => {
    const factory = new IDBFactory();
    let clock = 0;
    const cache = await openTranslationCache({ indexedDB: factory, dbName: 'bounded', maxEntries: 10, memoryEntries: 1, now: () => ++clock });
    for (let i = 0; i < 10; i++) await cache.setMany([[key(`文本${i}`), `text ${i}`]]);
    await cache.getMany([key('文本0')]); // touch the oldest so it survives
    await cache.setMany([[key('文本10'), 'text 10']]);
    expect(cache.stats().entries).toBeLessThanOrEqual(10);
    const reopened = await openTranslationCache({ indexedDB: factory, dbName: 'bounded', memoryEntries: 1 });
    const found = await reopened.getMany([key('文本0'), key('文本1'), key('文本10')]);
    expect([...found.keys()].map((k) => k.split('\u0001').pop())).toEqual(['文本0', '文本10']);
  });

  test('entries hot in memory are not the first evicted from disk', async () => {
    const factory = new IDBFactory();
    let clock = 0;
    const cache = await openTranslationCache({ indexedDB: factory, dbName: 'hot', maxEntries: 10, now: () => ++clock });
    for (let i = 0; i < 10; i++) await cache.setMany([[key(`文本${i}`), `text ${i}`]]);
    expect((await cache.getMany([key('文本0')])).size).toBe(1); // a memory hit: no disk read
    await cache.setMany([[key('文本10'), 'text 10']]); // past the bound: the least recently used go
    const reopened = await openTranslationCache({ indexedDB: factory, dbName: 'hot' });
    const found = await reopened.getMany([key('文本0'), key('文本1'), key('文本10')]);
    expect([...found.keys()].map((k) => k.split('\u0001').pop())).toEqual(['文本0', '文本10']);
  });

  test('a translation stored while a lookup reads the disk is found by that lookup', async () => {
    const cache = await openTranslationCache({ indexedDB: new IDBFactory(), dbName: 'race' });
    const reading = cache.getMany([key('刚到')]);
    void cache.setMany([[key('刚到'), 'just in']]);
    expect((await reading).get(key('刚到'))).toBe('just in');
  });

  test('works from memory when IndexedDB is unavailable', async () => {
    const cache = await openTranslationCache({ indexedDB: null });
    await cache.setMany([[key('你好'), 'hello']]);
    expect((await cache.getMany([key('你好')])).get(key('你好'))).toBe('hello');
    expect(cache.stats().persistent).toBe(false);
  });

  test('falls back to memory when IndexedDB fails to open or fails later', async () => {
    const refusing = { open: () => { throw new Error('blocked by policy'); } } as unknown as IDBFactory;
    const cache = await openTranslationCache({ indexedDB: refusing });
    await cache.setMany([[key('你好'), 'hello']]);
    expect((await cache.getMany([key('你好')])).size).toBe(1);

    const factory = new IDBFactory();
    const breaking = await openTranslationCache({ indexedDB: factory, dbName: 'breaks' });
    factory.deleteDatabase('breaks'); // closes the connection under us
    await expect.poll(() => breaking.stats().persistent).toBe(false);
    await expect(breaking.setMany([[key('世界'), 'world']])).resolves.toBeUndefined();
    expect((await breaking.getMany([key('世界')])).get(key('世界'))).toBe('world');
    expect(breaking.stats().persistent).toBe(false);
  });
});
