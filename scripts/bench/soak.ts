// Soak figures (`npm run bench`): the replica feed through 1,000 unique cards and a note with 2,000
// comments and replies, provider latency 100 ms; the same runs the soak test asserts on.
import { countHan } from '../../lib/detect/chinese';
import { launchExtension, TEST_KEY } from '../../tests/e2e/harness';
import { runSoak, SOAKS, type SoakFigures } from '../../tests/e2e/soak';
import type { BenchRow } from './table';

const PROVIDER_LATENCY_MS = 100;
const MB = 1_048_576;

function rows(name: string, f: SoakFigures, billed: number, uniqueHan: number): BenchRow[] {
  return [
    { name: `${name}: visible texts translated`, value: (100 * f.translated) / f.seen, unit: '%', against: `${f.seen} checks over ${f.steps} steps; duplicates ${f.duplicates}, stale ${f.stale}` },
    { name: `${name}: requests ÷ per-step minimum`, value: f.requests / f.minimumRequests, unit: '×', against: `${f.requests} requests; a perfect batcher for the same steps: ${f.minimumRequests}; one batch for everything: ${f.floorRequests}` },
    { name: `${name}: characters billed ÷ unique Han`, value: billed / uniqueHan, unit: '×', against: `floor 1.0 (${uniqueHan} Han in ${f.uniqueTextsSent} texts; ${f.textsSent} sent)` },
    { name: `${name}: heap growth, page + content script`, value: (f.heapEnd - f.heapStart) / MB, unit: 'MB', against: `after forced GC; ${(f.heapStart / MB).toFixed(1)} MB at the start, ${f.items} items rendered` },
    { name: `${name}: our elements at most`, value: f.maxWrappers, unit: '', against: `target elements in the page then: ${f.maxTargets}` },
    { name: `${name}: page memory of answers at most`, value: f.maxMemo, unit: '', against: 'cap 3,000 entries' },
  ];
}

export async function runSoakBench(): Promise<BenchRow[]> {
  const session = await launchExtension({ latencyMs: PROVIDER_LATENCY_MS });
  // tsx keeps function names with an `__name` helper that functions sent to the page call; vitest
  // (the soak test) does not. Give the replica pages a stand-in.
  await session.context.addInitScript({ content: 'globalThis.__name = (fn) => fn;' });
  const out: BenchRow[] = [];
  try {
    for (const soak of Object.values(SOAKS)) {
      const billedBefore = session.deepl.usageOf(TEST_KEY).character_count;
      const figures = await runSoak(session, soak);
      const sent = new Set(session.deepl.translateRequests().flatMap((r) => r.texts ?? []));
      const uniqueHan = [...sent].reduce((n, t) => n + countHan(t), 0);
      out.push(...rows(soak.name, figures, session.deepl.usageOf(TEST_KEY).character_count - billedBefore, uniqueHan));
      session.deepl.reset();
    }
  } finally {
    await session.close();
  }
  return out;
}
