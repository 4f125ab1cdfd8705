// Glossary matching speed: building the matcher, and finding terms in long and short comments.
import { createTermMatcher } from '../../lib/glossary/match';
import { BUILTIN_TERMS } from '../../lib/glossary/terms';
import type { BenchRow } from './table';

export async function runGlossaryBench(): Promise<BenchRow[]> {
  const builds = 200;
  let start = performance.now();
  for (let i = 0; i < builds; i++) createTermMatcher(BUILTIN_TERMS);
  const buildMs = (performance.now() - start) / builds;
  const matcher = createTermMatcher(BUILTIN_TERMS);
  const comment = '宝子们这家店真的绝绝子，求链接！姐妹们快去打卡，氛围感拉满，人均不到一百，性价比超高yyds。';
  const long = comment.repeat(Math.ceil(100_000 / comment.length)).slice(0, 100_000);
  let found = 0;
  start = performance.now();
  for (let i = 0; i < 20; i++) found = matcher.find(long).length;
  const longRate = (20 * long.length) / ((performance.now() - start) / 1000);
  const shorts = Array.from({ length: 1_000 }, (_, i) => `${comment.slice(i % 20)}第${i}条`);
  start = performance.now();
  for (let r = 0; r < 10; r++) for (const s of shorts) matcher.find(s);
  const shortMs = (performance.now() - start) / 10;
  return [
    { name: 'glossary matcher build', value: buildMs, unit: 'ms', against: `${BUILTIN_TERMS.length} terms, once per page` },
    { name: 'term matching, one 100 KB comment', value: longRate / 1e6, unit: 'M chars/s', against: `${found} terms found in 100,000 characters` },
    { name: 'term matching, 1,000 short comments', value: shortMs, unit: 'ms', against: 'a 16 ms frame' },
  ];
}
