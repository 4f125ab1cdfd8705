// A renderer main thread's CPU time while work runs, from a trace's thread durations (which leave out
// the time the thread waited for a core: on a busy machine wall time says more about the others).
// Shared by `npm run profile` and the text-in-images bench.
import { writeFileSync } from 'node:fs';
import type { Page } from 'playwright-core';

export interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  tdur?: number;
  args?: { name?: string; data?: { url?: string; message?: string; frames?: Array<{ url?: string; processId?: number }> } };
}

/**
 * CPU time of the renderer main threads while `work` runs: every renderer's, or, with `frameUrl`,
 * only the process showing a frame whose address starts with it (an offscreen document or an
 * extension page in the same trace is another process, left out).
 */
export async function cpu(page: Page, work: () => Promise<void>, frameUrl?: string) {
  const cdp = await page.context().newCDPSession(page);
  const events: TraceEvent[] = [];
  cdp.on('Tracing.dataCollected', ({ value }) => events.push(...(value as unknown as TraceEvent[])));
  const done = new Promise<void>((resolve) => cdp.once('Tracing.tracingComplete', () => resolve()));
  await cdp.send('Tracing.start', { categories: process.env.RNL_TRACE_CATEGORIES ?? 'toplevel,devtools.timeline,disabled-by-default-devtools.timeline', transferMode: 'ReportEvents' });
  // Marks in the page's own trace: a second trace in one browser can hold events from before its start
  // (a page loaded between the two), which are not the work's.
  const mark = (label: string) => page.evaluate((l) => console.timeStamp(l), label);
  await mark('rnl-work-start');
  await work();
  await mark('rnl-work-end');
  await cdp.send('Tracing.end');
  await done;
  await cdp.detach();
  // To look at a trace by hand: RNL_TRACE_DUMP=/tmp/trace writes each one's events (RNL_TRACE_CATEGORIES: other categories).
  if (process.env.RNL_TRACE_DUMP) writeFileSync(`${process.env.RNL_TRACE_DUMP}-${Date.now()}.json`, JSON.stringify(events));
  const pids = frameUrl === undefined ? undefined : new Set(events.flatMap((e) => (e.name === 'TracingStartedInBrowser' ? (e.args?.data?.frames ?? []) : [])).filter((f) => f.url?.startsWith(frameUrl)).map((f) => f.processId));
  if (pids && !pids.size) throw new Error(`No frame at ${frameUrl} in the trace`);
  const main = new Set(events.filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain' && (!pids || pids.has(e.pid))).map((e) => `${e.pid}:${e.tid}`));
  const markAt = (label: string) => events.find((e) => e.name === 'TimeStamp' && e.args?.data?.message === label)?.ts;
  const from = markAt('rnl-work-start') ?? -Infinity;
  const until = markAt('rnl-work-end') ?? Infinity;
  const onMain = (e: TraceEvent) => e.ph === 'X' && main.has(`${e.pid}:${e.tid}`) && e.tdur !== undefined && e.ts >= from && e.ts <= until;
  // Top-level tasks, each counted once (a task inside another is part of it).
  let total = 0;
  let end = -Infinity;
  let longest: TraceEvent | undefined;
  for (const e of events.filter((e) => onMain(e) && (e.name === 'ThreadControllerImpl::RunTask' || e.name === 'RunTask')).sort((a, b) => a.ts - b.ts)) {
    if (e.ts < end) continue;
    end = e.ts + (e.dur ?? 0);
    total += e.tdur!;
    if (!longest || e.tdur! > longest.tdur!) longest = e;
  }
  // What the longest task (in CPU time) was made of.
  const inLongest = longest ? [...selfByName(events.filter((e) => onMain(e) && e.pid === longest.pid && e.tid === longest.tid && e.ts >= longest.ts && e.ts + (e.dur ?? 0) <= longest.ts + (longest.dur ?? 0)))].filter(([n]) => !n.startsWith('#')).sort((a, b) => b[1] - a[1]).slice(0, 5) : [];
  const sum = (name: string) => events.filter((e) => onMain(e) && e.name === name).reduce((n, e) => n + e.tdur!, 0) / 1000;
  const self = selfByName(events.filter(onMain));
  // What the bench's metric counts (script, layout, style), in CPU time: not painting nor the tasks' own overhead.
  const sls = [...self].filter(([name]) => !RENDERING.has(name) && !name.startsWith('#')).reduce((n, [, ms]) => n + ms, 0);
  return { total: total / 1000, sls, layout: sum('Layout'), style: sum('UpdateLayoutTree'), self, longestCpu: (longest?.tdur ?? 0) / 1000, inLongest };
}

/** Trace events of painting and of the task loop itself, left out of the script + layout + style figure. */
const RENDERING = new Set(['Paint', 'PrePaint', 'Layerize', 'Commit', 'UpdateLayer', 'ScrollLayer', 'ThreadControllerImpl::RunTask', 'RunTask', 'Receive mojo message', 'Closed mojo endpoint']);

/** CPU self time by trace event name (an event's thread time minus its children's), ms. */
export function selfByName(events: TraceEvent[]): Map<string, number> {
  const out = new Map<string, number>();
  const byThread = Map.groupBy(events, (e) => `${e.pid}:${e.tid}`);
  for (const list of byThread.values()) {
    list.sort((a, b) => a.ts - b.ts || (b.dur ?? 0) - (a.dur ?? 0));
    const stack: Array<{ e: TraceEvent; child: number }> = [];
    const close = (until: number) => {
      while (stack.length && stack.at(-1)!.e.ts + (stack.at(-1)!.e.dur ?? 0) <= until) {
        const { e, child } = stack.pop()!;
        const name = e.name === 'FunctionCall' || e.name === 'EvaluateScript' ? `${e.name} ${(e.args?.data?.url ?? '').replace(/^chrome-extension:\/\/[a-z]+/, 'ext')}` : e.name;
        out.set(name, (out.get(name) ?? 0) + (e.tdur! - child) / 1000);
        out.set(`#${name}`, (out.get(`#${name}`) ?? 0) + 1);
        if (stack.length) stack.at(-1)!.child += e.tdur!;
      }
    };
    for (const e of list) {
      close(e.ts);
      stack.push({ e, child: 0 });
    }
    close(Infinity);
  }
  return out;
}
