// Recognised text per image URL (recognition takes seconds; an image's URL names its pixels): a small
// memory map over IndexedDB, bounded by count, the least recently used dropped first. Without
// IndexedDB it keeps working from memory alone.
import { openDB, type IDBPDatabase } from 'idb';
import type { ImageText } from '../ocr/index';

export interface ImageTextCache {
  get(url: string): Promise<ImageText | undefined>;
  set(url: string, text: ImageText): Promise<void>;
  clear(): Promise<void>;
}

const STORE = 'images';

interface Row {
  url: string;
  text: ImageText;
  used: number;
}

/** `indexedDB: false` keeps it in memory (otherwise the global IndexedDB, where there is one). */
export async function openImageTextCache(options: { dbName?: string; maxEntries?: number; indexedDB?: boolean; now?: () => number } = {}): Promise<ImageTextCache> {
  const maxEntries = options.maxEntries ?? 2_000;
  const now = options.now ?? Date.now;
  const memory = new Map<string, ImageText>();
  let db: IDBPDatabase | undefined;
  if (options.indexedDB !== false && globalThis.indexedDB) {
    try {
      db = await openDB(options.dbName ?? 'rnl-image-text', 1, {
        upgrade(database) {
          database.createObjectStore(STORE, { keyPath: 'url' }).createIndex('used', 'used');
        },
      });
    } catch {
      db = undefined;
    }
  }
  const remember = (url: string, text: ImageText) => {
    memory.delete(url);
    memory.set(url, text);
    if (memory.size > 50) memory.delete(memory.keys().next().value!);
  };
  return {
    async get(url) {
      const hit = memory.get(url) ?? ((await db?.get(STORE, url).catch(() => undefined)) as Row | undefined)?.text;
      if (hit) {
        remember(url, hit);
        void db?.put(STORE, { url, text: hit, used: now() } satisfies Row).catch(() => {});
      }
      return hit;
    },
    async set(url, text) {
      remember(url, text);
      if (!db) return;
      try {
        await db.put(STORE, { url, text, used: now() } satisfies Row);
        const count = await db.count(STORE);
        if (count > maxEntries) {
          const tx = db.transaction(STORE, 'readwrite');
          let cursor = await tx.store.index('used').openCursor();
          for (let excess = count - maxEntries; cursor && excess > 0; excess--) {
            await cursor.delete();
            cursor = await cursor.continue();
          }
          await tx.done;
        }
      } catch {
        // a full or broken disk: memory still answers
      }
    },
    async clear() {
      memory.clear();
      await db?.clear(STORE).catch(() => {});
    },
  };
}
