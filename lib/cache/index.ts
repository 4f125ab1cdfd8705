// The translation cache: a memory LRU in front of IndexedDB, so a text paid for once is not paid for
// again, even after the service worker is stopped and started. Without IndexedDB (private mode, a
// broken profile, a test) it keeps working from memory alone.
import { wrap, type IDBPDatabase, type IDBPObjectStore } from 'idb';
import { normalizeText } from '../detect/chinese';
import { entryBytes, LruMap } from './lru';

export interface CacheKeyParts {
  provider: string;
  source: string;
  target: string;
  glossaryVersion: string;
  text: string;
}

/** The glossary version of translations made without a glossary. */
export const NO_GLOSSARY_VERSION = 'none';

/** One key per (provider, languages, glossary version, normalised text). \u0001 cannot occur in page text we send. */
export function cacheKey(parts: CacheKeyParts): string {
  return [parts.provider, parts.source, parts.target, parts.glossaryVersion, normalizeText(parts.text)].join('\u0001');
}

/** The source text a key was made from (the last field). */
function sourceOf(key: string): string {
  return key.slice(key.lastIndexOf('\u0001') + 1);
}

export interface CacheStats {
  hits: number;
  misses: number;
  entries: number;
  bytes: number;
  charactersSaved: number;
  persistent: boolean;
}

export interface TranslationCache {
  getMany(keys: readonly string[]): Promise<Map<string, string>>;
  setMany(entries: ReadonlyArray<readonly [key: string, translation: string]>): Promise<void>;
  stats(): CacheStats;
  clear(): Promise<void>;
}

export interface CacheOptions {
  /** Memory tier: the working set of a browsing session (a feed page holds a few hundred texts). */
  memoryEntries?: number;
  memoryBytes?: number;
  /** Disk tier: a month of heavy browsing, well under the browser's per-origin quota. */
  maxEntries?: number;
  maxBytes?: number;
  dbName?: string;
  /** Pass null to go without IndexedDB; default globalThis.indexedDB. */
  indexedDB?: IDBFactory | null;
  now?: () => number;
}

const STORE = 'translations';

interface Row {
  key: string;
  value: string;
  used: number;
  bytes: number;
}

type Store = IDBPObjectStore<unknown, [typeof STORE], typeof STORE, 'readwrite'>;

export async function openTranslationCache(options: CacheOptions = {}): Promise<TranslationCache> {
  const memory = new LruMap(options.memoryEntries ?? 5_000, options.memoryBytes ?? 4 * 1024 * 1024);
  const maxEntries = options.maxEntries ?? 50_000;
  const maxBytes = options.maxBytes ?? 20 * 1024 * 1024;
  const counters = { hits: 0, misses: 0, charactersSaved: 0 };
  const now = options.now ?? Date.now;
  /**
   * Served from memory since the last disk transaction: their rows' last use is brought up to date
   * with the next one (a read that misses memory, or a write, which is when eviction runs), so
   * entries hot in memory are not the first evicted from disk, without a disk write per hit.
   */
  const touched = new Set<string>();
  let db: IDBPDatabase | undefined;
  let diskEntries = 0;
  let diskBytes = 0;

  /** Any IndexedDB failure after opening turns the cache into memory-only rather than failing a translation. */
  const dropDisk = () => {
    db?.close();
    db = undefined;
  };

  const factory = options.indexedDB === undefined ? globalThis.indexedDB : options.indexedDB;
  if (factory) {
    try {
      // idb's openDB only knows the global factory; open through the given one and wrap the request.
      const request = factory.open(options.dbName ?? 'rednote-lens-cache', 1);
      request.onupgradeneeded = () => {
        request.result.createObjectStore(STORE, { keyPath: 'key' }).createIndex('used', 'used');
      };
      db = (await wrap(request)) as unknown as IDBPDatabase;
      // Another context deleting or upgrading the database, or the browser closing it: go memory-only.
      db.addEventListener('versionchange', () => dropDisk());
      db.addEventListener('close', () => dropDisk());
      // Sizes are counted once at open; after that every write keeps them current.
      let cursor = await db.transaction(STORE).store.openCursor();
      while (cursor) {
        diskEntries++;
        diskBytes += (cursor.value as Row).bytes;
        cursor = await cursor.continue();
      }
    } catch {
      db = undefined;
    }
  }

  async function refreshTouched(store: Store, used: number) {
    const keys = [...touched];
    touched.clear();
    const rows = (await Promise.all(keys.map((key) => store.get(key)))) as Array<Row | undefined>;
    for (const row of rows) if (row) void store.put({ ...row, used });
  }

  async function evictFromDisk(database: IDBPDatabase) {
    if (diskEntries <= maxEntries && diskBytes <= maxBytes) return;
    // Evict down to 90 % so eviction runs in batches, not on every write.
    const tx = database.transaction(STORE, 'readwrite');
    let cursor = await tx.store.index('used').openCursor();
    while (cursor && (diskEntries > maxEntries * 0.9 || diskBytes > maxBytes * 0.9)) {
      diskEntries--;
      diskBytes -= (cursor.value as Row).bytes;
      await cursor.delete();
      cursor = await cursor.continue();
    }
    await tx.done;
  }

  return {
    async getMany(keys) {
      const found = new Map<string, string>();
      const missing: string[] = [];
      for (const key of keys) {
        const value = memory.get(key);
        if (value === undefined) missing.push(key);
        else {
          found.set(key, value);
          if (db) touched.add(key);
        }
      }
      if (missing.length && db) {
        try {
          const tx = db.transaction(STORE, 'readwrite');
          const used = now();
          const rows = (await Promise.all(missing.map((key) => tx.store.get(key)))) as Array<Row | undefined>;
          for (const row of rows) {
            if (!row) continue;
            found.set(row.key, row.value);
            memory.set(row.key, row.value);
            void tx.store.put({ ...row, used });
          }
          await refreshTouched(tx.store, used);
          await tx.done;
        } catch {
          dropDisk();
        }
        // Written while we read the disk (a translation just arrived): found after all, not asked again.
        for (const key of missing) {
          const value = found.has(key) ? undefined : memory.get(key);
          if (value !== undefined) found.set(key, value);
        }
      }
      for (const key of keys) {
        if (found.has(key)) {
          counters.hits++;
          counters.charactersSaved += [...sourceOf(key)].length;
        } else counters.misses++;
      }
      return found;
    },

    async setMany(entries) {
      for (const [key, value] of entries) memory.set(key, value);
      if (!db || !entries.length) return;
      try {
        const tx = db.transaction(STORE, 'readwrite');
        const used = now();
        await refreshTouched(tx.store, used);
        const olds = (await Promise.all(entries.map(([key]) => tx.store.get(key)))) as Array<Row | undefined>;
        entries.forEach(([key, value], i) => {
          const bytes = entryBytes(key, value);
          const old = olds[i];
          if (old) diskBytes -= old.bytes;
          else diskEntries++;
          diskBytes += bytes;
          void tx.store.put({ key, value, used, bytes } satisfies Row);
        });
        await tx.done;
        await evictFromDisk(db);
      } catch {
        dropDisk();
      }
    },

    stats() {
      return {
        ...counters,
        entries: db ? diskEntries : memory.size,
        bytes: db ? diskBytes : memory.bytes,
        persistent: Boolean(db),
      };
    },

    async clear() {
      memory.clear();
      touched.clear();
      if (!db) return;
      try {
        await db.clear(STORE);
        diskEntries = 0;
        diskBytes = 0;
      } catch {
        dropDisk();
      }
    },
  };
}
