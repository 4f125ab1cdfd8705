// Engine figures against the local DeepL-compatible server (with a recorded latency): cost and
// requests against their floor, the batch window's added latency, the cache.
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { cacheKey, openTranslationCache } from '../../lib/cache';
import { countHan } from '../../lib/detect/chinese';
import type { Segment } from '../../lib/messaging/contract';
import { DEFAULT_SETTINGS } from '../../lib/settings/defaults';
import { createEngine } from '../../lib/worker/engine';
import { startDeeplServer } from '../../tests/support/deepl-server';
import type { BenchRow } from './table';

const PROVIDER_LATENCY_MS = 120;
const pool = ['宝子们', '绝绝子', '求链接', '蹲一个', '太好看了吧', '这家店在哪里', '已经无限回购了', '种草了', '姐妹们冲', '笑死我了哈哈哈'];

/** A browsing session: 3 tabs, bursts of visible texts arriving over time, 40 % repeats. */
function workload(): Segment[][] {
  const bursts: Segment[][] = [];
  let n = 0;
  for (let burst = 0; burst < 30; burst++) {
    const segments: Segment[] = [];
    for (let i = 0; i < 20; i++, n++) {
      const repeat = n % 5 < 2;
      const text = repeat ? pool[n % pool.length]! : `第${n}条：${pool[n % pool.length]}，${pool[(n * 7) % pool.length]}`;
      segments.push({ id: `t${burst % 3}-${n}`, text });
    }
    bursts.push(segments);
  }
  return bursts;
}

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
};

async function runSession(windowMs: number) {
  const server = await startDeeplServer({ latencyMs: PROVIDER_LATENCY_MS });
  const key = 'bench:fx';
  const cache = await openTranslationCache({ indexedDB: new IDBFactory() });
  const engine = createEngine({ cache, queue: { windowMs } });
  engine.configure({ key, serverUrl: server.url, settings: DEFAULT_SETTINGS });
  const bursts = workload();
  const unique = new Set(bursts.flat().map((s) => s.text));
  const submitted = new Map<string, number>();
  const pending: Array<Promise<unknown>> = [];
  for (const burst of bursts) {
    const now = performance.now() + performance.timeOrigin;
    for (const s of burst) if (!submitted.has(s.text)) submitted.set(s.text, now);
    pending.push(engine.handlers.translate({ type: 'translate', segments: burst }, {}));
    await new Promise((r) => setTimeout(r, 16)); // one burst per frame
  }
  await Promise.all(pending);
  // Added latency: from a text's arrival to its request leaving the queue.
  const waits: number[] = [];
  for (const request of server.translateRequests()) for (const text of request.texts ?? []) waits.push(request.at - submitted.get(text)!);
  const firstRequests = server.translateRequests().length;
  const billed = server.usageOf(key).character_count;
  const uniqueHan = [...unique].reduce((n, t) => n + countHan(t), 0);
  // Second visit: the same pages again.
  const before = engine.service.stats();
  for (const burst of bursts) await engine.handlers.translate({ type: 'translate', segments: burst }, {});
  const after = engine.service.stats();
  const hitRate = (after.fromCache - before.fromCache) / (after.translated - before.translated);
  await server.close();
  return { firstRequests, minimum: Math.ceil(unique.size / 50), billed, uniqueHan, waits, hitRate, secondRequests: server.translateRequests().length - firstRequests };
}

async function cacheThroughput(): Promise<{ memory: number; disk: number }> {
  const parts = { provider: 'deepl', source: 'ZH', target: 'EN-US', glossaryVersion: 'none' };
  const keys = Array.from({ length: 5_000 }, (_, i) => cacheKey({ ...parts, text: `缓存测试文本${i}` }));
  const diskOnly = await openTranslationCache({ indexedDB: new IDBFactory(), memoryEntries: 1 });
  const memory = await openTranslationCache({ indexedDB: null });
  for (let i = 0; i < keys.length; i += 50) {
    const batch = keys.slice(i, i + 50).map((k) => [k, 'translation'] as const);
    await memory.setMany(batch);
    await diskOnly.setMany(batch);
  }
  const time = async (cache: typeof memory, rounds: number) => {
    const start = performance.now();
    for (let r = 0; r < rounds; r++) for (let i = 0; i < keys.length; i += 50) await cache.getMany(keys.slice(i, i + 50));
    return (rounds * keys.length) / ((performance.now() - start) / 1000);
  };
  return { memory: await time(memory, 20), disk: await time(diskOnly, 1) };
}

export async function runEngineBench(): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  for (const windowMs of [30, 60]) {
    const s = await runSession(windowMs);
    const tag = `window ${windowMs} ms`;
    rows.push({ name: `requests ÷ minimum (${tag})`, value: s.firstRequests / s.minimum, unit: '×', against: `minimum ⌈unique ÷ 50⌉ = ${s.minimum}; sent ${s.firstRequests}` });
    rows.push({ name: `added latency p50 (${tag})`, value: percentile(s.waits, 50), unit: 'ms', against: `provider latency ${PROVIDER_LATENCY_MS} ms, not included` });
    rows.push({ name: `added latency p95 (${tag})`, value: percentile(s.waits, 95), unit: 'ms', against: `provider latency ${PROVIDER_LATENCY_MS} ms, not included` });
    if (windowMs === 60) {
      rows.push({ name: 'characters billed ÷ unique Han characters', value: s.billed / s.uniqueHan, unit: '×', against: `floor 1.0 (${s.uniqueHan} Han; billing also counts punctuation and digits)` });
      rows.push({ name: 'cache hit rate, second visit', value: s.hitRate * 100, unit: '%', against: `100 %; requests on second visit: ${s.secondRequests}` });
    }
  }
  const throughput = await cacheThroughput();
  rows.push({ name: 'cache lookups, memory tier', value: throughput.memory, unit: '/s', against: 'batches of 50 keys' });
  rows.push({ name: 'cache lookups, IndexedDB tier', value: throughput.disk, unit: '/s', against: 'batches of 50 keys, fake-indexeddb in Node' });
  return rows;
}
