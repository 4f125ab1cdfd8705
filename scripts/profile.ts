// `npm run profile`: where the content script's main-thread time goes on the replica feed.
//   npm run profile                        build unminified (readable names), profile 3 × 100 new cards:
//                                          self time by function (a DOM call named with its caller), and
//                                          inclusive time of ours; FOCUS=name also prints that function's callers
//   npm run profile -- trace [DIR]         CPU time by kind of work (script, layout, style, paint…), on − off
//   npm run profile -- cpu DIR_A DIR_B [N] cost per 100 new cards in CPU time, builds A and B alternating N times
//   npm run profile -- ab DIR_A DIR_B [N]  the same in the bench's own wall-clock metric
//   npm run profile -- longest DIR… [N]    the bench's 1,000-card scroll: longest task, wall and CPU
// (A build to compare: `npm run build && cp -r .output/chrome-mv3 /tmp/a`.) The cost is the bench's
// (scripts/bench/content.ts): the same 100 cards with the extension on minus off, in one browser.
// On a shared machine wall time mostly measures the others: the CPU figures come from a trace's
// thread times, which leave out the time the thread waited for a core; A/B runs alternate so
// what is left of the noise weighs on both sides alike. Compare medians, and ours ÷ the page's own.
import { execFileSync } from 'node:child_process';
import type { Page } from 'playwright-core';
import { DEFAULT_SETTINGS } from '../lib/settings/defaults';
import { rawEntries, STORED } from '../lib/storage/keys';
import { EXTENSION_DIR, launchWithExtension } from '../tests/support/browser';
import { startDeeplServer } from '../tests/support/deepl-server';
import { hundredCards, scrollThousandCards, WATCH_SCRIPT } from './bench/content';
import { cpu } from './bench/trace-cpu';

const SITE = 'https://www.xiaohongshu.com';
type Metrics = Record<string, number>;
const PARTS = ['ScriptDuration', 'LayoutDuration', 'RecalcStyleDuration'] as const;

async function split(page: Page, work: () => Promise<void>): Promise<Record<(typeof PARTS)[number], number>> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  const read = async () => Object.fromEntries(((await cdp.send('Performance.getMetrics')) as { metrics: Array<{ name: string; value: number }> }).metrics.map((m) => [m.name, m.value])) as Metrics;
  const before = await read();
  await work();
  const after = await read();
  await cdp.detach();
  return Object.fromEntries(PARTS.map((p) => [p, ((after[p] ?? 0) - (before[p] ?? 0)) * 1000])) as Record<(typeof PARTS)[number], number>;
}

async function session(extensionDir: string) {
  const deepl = await startDeeplServer({ latencyMs: 100 });
  const browser = await launchWithExtension({ fixtures: true, deeplUrl: deepl.url, extensionDir });
  type Local = { chrome: { storage: { local: { get(k: string): Promise<Record<string, unknown>>; set(v: object): Promise<void> } } } };
  const writeLocal = (entries: Record<string, unknown>) => browser.worker.evaluate((v) => (globalThis as unknown as Local).chrome.storage.local.set(v), entries);
  await writeLocal(rawEntries('deeplKey', 'bench-key:fx'));
  return {
    browser,
    async setMode(mode: string) {
      const current = await browser.worker.evaluate(async (key) => (await (globalThis as unknown as Local).chrome.storage.local.get(key))[key] as object | undefined, STORED.settings.key);
      await writeLocal(rawEntries('settings', { ...DEFAULT_SETTINGS, ...current, mode, lastOnMode: 'bilingual' }));
    },
    async feed() {
      const page = await browser.context.newPage();
      await page.goto(`${SITE}/explore?cards=20&cap=400`);
      await page.waitForTimeout(800);
      return page;
    },
    async close() {
      await browser.close();
      await deepl.close();
    },
  };
}

/** One run of the bench's cost: page alone and extension on, each part. */
async function costRun(extensionDir: string) {
  const s = await session(extensionDir);
  try {
    const out: Record<string, Record<string, number>> = {};
    for (const mode of ['off', 'bilingual']) {
      await s.setMode(mode);
      const page = await s.feed();
      out[mode] = await split(page, () => hundredCards(page));
      await page.close();
    }
    const total = (m: Record<string, number>) => PARTS.reduce((n, p) => n + (m[p] ?? 0), 0);
    const ours = Object.fromEntries(PARTS.map((p) => [p, out.bilingual![p]! - out.off![p]!]));
    return { page: total(out.off!), ours: total(out.bilingual!) - total(out.off!), split: ours };
  } finally {
    await s.close();
  }
}

const median = (v: number[]) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)]!;
const f0 = (n: number) => n.toFixed(0).padStart(4);

/** Main-thread CPU per 100 new cards (trace), page alone and ours on top, over `rounds` × 100 cards. */
async function cpuRun(extensionDir: string, rounds: number) {
  const s = await session(extensionDir);
  try {
    const out: Record<string, { total: number; sls: number; layout: number; style: number; cards: number }> = {};
    for (const mode of ['off', 'bilingual']) {
      await s.setMode(mode);
      const page = await s.feed();
      const { total, sls, layout, style } = await cpu(page, async () => {
        for (let i = 0; i < rounds; i++) await hundredCards(page);
      });
      // The page's own work: the cards it made. The feed appends more as the scroll nears its end, so a
      // build that makes cards taller makes the page make fewer, and "ours" (on − off) looks cheaper.
      const cards = await page.evaluate('document.querySelectorAll("section.note-item").length');
      out[mode] = { total: total / rounds, sls: sls / rounds, layout: layout / rounds, style: style / rounds, cards: cards as number };
      await page.close();
    }
    return { page: out.off!.total, ours: out.bilingual!.total - out.off!.total, pageSls: out.off!.sls, oursSls: out.bilingual!.sls - out.off!.sls, layout: out.bilingual!.layout - out.off!.layout, style: out.bilingual!.style - out.off!.style, cards: `${out.off!.cards} off, ${out.bilingual!.cards} on` };
  } finally {
    await s.close();
  }
}

async function abCpu(dirs: string[], runs: number) {
  const results = new Map<string, Array<Awaited<ReturnType<typeof cpuRun>>>>(dirs.map((d) => [d, []]));
  for (let i = 0; i < runs; i++) {
    for (const dir of i % 2 ? [...dirs].reverse() : dirs) {
      const r = await cpuRun(dir, 2);
      results.get(dir)!.push(r);
      console.log(`run ${i + 1} ${dir}: CPU ours ${f0(r.ours)} ms, page ${f0(r.page)} ms; script+layout+style ours ${f0(r.oursSls)} ms (layout ${f0(r.layout)}, style ${f0(r.style)}), page ${f0(r.pageSls)} ms; cards made ${r.cards}`);
    }
  }
  for (const [dir, rs] of results) {
    console.log(`${dir}: median CPU ours ${f0(median(rs.map((r) => r.ours)))} ms, page ${f0(median(rs.map((r) => r.page)))} ms; script+layout+style ours ${f0(median(rs.map((r) => r.oursSls)))} ms, page ${f0(median(rs.map((r) => r.pageSls)))} ms, share ${median(rs.map((r) => r.oursSls / r.pageSls)).toFixed(2)}; layout ${f0(median(rs.map((r) => r.layout)))}, style ${f0(median(rs.map((r) => r.style)))}`);
  }
}

async function ab(dirs: string[], runs: number) {
  const results = new Map<string, Array<Awaited<ReturnType<typeof costRun>>>>(dirs.map((d) => [d, []]));
  for (let i = 0; i < runs; i++) {
    for (const dir of i % 2 ? [...dirs].reverse() : dirs) {
      const r = await costRun(dir);
      results.get(dir)!.push(r);
      console.log(`run ${i + 1} ${dir}: ours ${f0(r.ours)} ms (script ${f0(r.split.ScriptDuration!)}, layout ${f0(r.split.LayoutDuration!)}, style ${f0(r.split.RecalcStyleDuration!)}), page ${f0(r.page)} ms, share ${(r.ours / r.page).toFixed(2)}`);
    }
  }
  for (const [dir, rs] of results) {
    console.log(`${dir}: median ours ${f0(median(rs.map((r) => r.ours)))} ms, page ${f0(median(rs.map((r) => r.page)))} ms, share ${median(rs.map((r) => r.ours / r.page)).toFixed(2)}; script ${f0(median(rs.map((r) => r.split.ScriptDuration!)))}, layout ${f0(median(rs.map((r) => r.split.LayoutDuration!)))}, style ${f0(median(rs.map((r) => r.split.RecalcStyleDuration!)))}`);
  }
}

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** Self time by function (content script's and the rest by kind) from a CPU profile. */
function selfTimes(profile: Profile) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const name = (frame: ProfileNode['callFrame']) => `${frame.functionName || '(anonymous)'}:${frame.lineNumber + 1}`;
  const self = new Map<string, number>();
  profile.samples.forEach((id, i) => {
    const frame = byId.get(id)!.callFrame;
    // A browser function (a DOM call, with the style or layout it forced) is named with its caller.
    const caller = !frame.url && !frame.functionName.startsWith('(') ? byId.get(parent.get(id) ?? -1)?.callFrame : undefined;
    const where = caller
      ? `${caller.url.includes('content-scripts') ? 'ours' : 'page'}  ${frame.functionName} ← ${name(caller)}`
      : frame.url.includes('content-scripts') ? `ours  ${name(frame)}` : frame.url.startsWith('chrome-extension') ? 'ours  (other)' : frame.url ? `page  ${frame.functionName || '(anonymous)'}` : frame.functionName;
    self.set(where, (self.get(where) ?? 0) + (profile.timeDeltas[i + 1] ?? 0) / 1000);
  });
  return [...self].sort((a, b) => b[1] - a[1]);
}

/** Inclusive time of our functions: which of our entry points the time is spent under. */
function inclusiveOurs(profile: Profile) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const total = new Map<string, number>();
  profile.samples.forEach((id, i) => {
    const ms = (profile.timeDeltas[i + 1] ?? 0) / 1000;
    const names = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const frame = byId.get(at)!.callFrame;
      if (frame.url.includes('content-scripts')) names.add(`${frame.functionName || '(anonymous)'}:${frame.lineNumber + 1}`);
    }
    for (const name of names) total.set(name, (total.get(name) ?? 0) + ms);
  });
  return [...total].sort((a, b) => b[1] - a[1]);
}

async function profile(extensionDir: string) {
  const s = await session(extensionDir);
  try {
    await s.setMode('bilingual');
    const page = await s.feed();
    await hundredCards(page); // warm up
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
    await cdp.send('Profiler.start');
    const parts = await split(page, async () => {
      for (let i = 0; i < 3; i++) await hundredCards(page);
    });
    const { profile } = (await cdp.send('Profiler.stop')) as { profile: Profile };
    console.log(`3 × 100 new cards, extension on: script ${f0(parts.ScriptDuration)} ms, layout ${f0(parts.LayoutDuration)} ms, style ${f0(parts.RecalcStyleDuration)} ms`);
    console.log('\nself time (ms), top 40:');
    for (const [name, ms] of selfTimes(profile).slice(0, 40)) console.log(`${ms.toFixed(1).padStart(8)}  ${name}`);
    console.log('\ninclusive time of our functions (ms), top 40:');
    for (const [name, ms] of inclusiveOurs(profile).slice(0, 40)) console.log(`${ms.toFixed(1).padStart(8)}  ${name}`);
    if (process.env.FOCUS) {
      console.log(`\ncallers of ${process.env.FOCUS} (ms):`);
      for (const [name, ms] of callersOf(profile, process.env.FOCUS).slice(0, 15)) console.log(`${ms.toFixed(1).padStart(8)}  ${name}`);
    }
    await page.close();
  } finally {
    await s.close();
  }
}

/** The stacks (three callers deep) under which a function of ours runs, by time. */
function callersOf(profile: Profile, fn: string) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const out = new Map<string, number>();
  profile.samples.forEach((id, i) => {
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      if (byId.get(at)!.callFrame.functionName !== fn) continue;
      const chain: string[] = [];
      for (let up = parent.get(at); up !== undefined && chain.length < 3; up = parent.get(up)) chain.push(byId.get(up)!.callFrame.functionName || '(anonymous)');
      const key = chain.join(' ← ');
      out.set(key, (out.get(key) ?? 0) + (profile.timeDeltas[i + 1] ?? 0) / 1000);
      break;
    }
  });
  return [...out].sort((a, b) => b[1] - a[1]);
}

/** Where our CPU time goes by kind of work: self time per trace event, extension on minus off. */
async function traceDiff(extensionDir: string) {
  const s = await session(extensionDir);
  try {
    const self: Record<string, Map<string, number>> = {};
    for (const mode of ['off', 'bilingual']) {
      await s.setMode(mode);
      const page = await s.feed();
      self[mode] = (await cpu(page, async () => {
        for (let i = 0; i < 2; i++) await hundredCards(page);
      })).self;
      await page.close();
    }
    const names = new Set([...self.off!.keys(), ...self.bilingual!.keys()]);
    const rows = [...names].map((n) => [n, ((self.bilingual!.get(n) ?? 0) - (self.off!.get(n) ?? 0)) / 2, (self.off!.get(n) ?? 0) / 2] as const).sort((a, b) => Math.abs(b[1]) - Math.abs(a[1]));
    console.log('CPU self time per 100 new cards by trace event: ours (on − off), page alone');
    for (const [name, ours, alone] of rows.filter(([n]) => !n.startsWith('#')).slice(0, 25)) console.log(`${ours.toFixed(1).padStart(8)} ${alone.toFixed(1).padStart(8)}  ${name}`);
    console.log('\nhow many of each, per 100 new cards: ours (on − off), page alone');
    for (const [name, ours, alone] of rows.filter(([n]) => n.startsWith('#')).slice(0, 16)) console.log(`${ours.toFixed(0).padStart(8)} ${alone.toFixed(0).padStart(8)}  ${name.slice(1)}`);
  } finally {
    await s.close();
  }
}

/** The bench's 1,000-card scroll: the longest task, and CPU of ours per 100 cards there (recycled cards). */
async function longestRun(extensionDir: string) {
  const s = await session(extensionDir);
  try {
    await s.setMode('bilingual');
    const page = await s.browser.context.newPage();
    await page.goto(`${SITE}/explore?cards=40&cap=120`);
    await page.evaluate(WATCH_SCRIPT);
    const { total, longestCpu, inLongest } = await cpu(page, () => scrollThousandCards(page));
    return { longest: (await page.evaluate('window.__longest')) as number, cpuPer100: total / 9.6, longestCpu, inLongest: inLongest.map(([n, ms]) => `${n} ${ms.toFixed(0)}`).join(', ') };
  } finally {
    await s.close();
  }
}

const [command, ...args] = process.argv.slice(2);
if (command === 'longest') {
  const runs = Number(args.at(-1));
  const dirs = Number.isFinite(runs) ? args.slice(0, -1) : args;
  for (let i = 0; i < (Number.isFinite(runs) ? runs : 3); i++) {
    for (const dir of i % 2 ? [...dirs].reverse() : dirs) {
      const r = await longestRun(dir);
      console.log(`run ${i + 1} ${dir}: longest task ${f0(r.longest)} ms wall, ${f0(r.longestCpu)} ms CPU (${r.inLongest}); main thread CPU (page and ours) per 100 cards scrolled ${f0(r.cpuPer100)} ms`);
    }
  }
} else if (command === 'trace') await traceDiff(args[0] ?? EXTENSION_DIR);
else if (command === 'ab' || command === 'cpu') {
  const runs = Number(args.at(-1));
  const dirs = Number.isFinite(runs) ? args.slice(0, -1) : args;
  await (command === 'ab' ? ab : abCpu)(dirs, Number.isFinite(runs) ? runs : 3);
} else {
  if (!args[0]) execFileSync('npx', ['wxt', 'build'], { stdio: 'inherit', env: { ...process.env, RNL_UNMINIFIED: '1' }, shell: process.platform === 'win32' });
  await profile(args[0] ?? EXTENSION_DIR);
}
