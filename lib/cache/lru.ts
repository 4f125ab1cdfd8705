// A memory LRU bounded by entry count and by bytes. A Map keeps insertion order, so re-inserting
// on every read makes its first key the least recently used.

export class LruMap {
  private readonly map = new Map<string, string>();
  private totalBytes = 0;

  constructor(
    private readonly maxEntries: number,
    private readonly maxBytes: number,
  ) {}

  get size(): number {
    return this.map.size;
  }

  get bytes(): number {
    return this.totalBytes;
  }

  get(key: string): string | undefined {
    const value = this.map.get(key);
    if (value === undefined) return undefined;
    this.map.delete(key);
    this.map.set(key, value);
    return value;
  }

  set(key: string, value: string): void {
    const old = this.map.get(key);
    if (old !== undefined) {
      this.totalBytes -= entryBytes(key, old);
      this.map.delete(key);
    }
    this.map.set(key, value);
    this.totalBytes += entryBytes(key, value);
    while (this.map.size > this.maxEntries || (this.totalBytes > this.maxBytes && this.map.size > 1)) {
      const oldest = this.map.keys().next().value as string;
      this.totalBytes -= entryBytes(oldest, this.map.get(oldest)!);
      this.map.delete(oldest);
    }
  }

  clear(): void {
    this.map.clear();
    this.totalBytes = 0;
  }

  keys(): IterableIterator<string> {
    return this.map.keys();
  }
}

/** JS strings are UTF-16: two bytes a code unit is what they cost in memory. */
export function entryBytes(key: string, value: string): number {
  return 2 * (key.length + value.length);
}
