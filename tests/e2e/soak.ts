// Soak runs on the replica with the extension on: a feed scrolled through 1,000 cards and a note
// with 2,000 comments and their replies, every text unique. Each step waits until what is in view
// is translated and records what the reader saw, what the content script holds, what the page's
// heap holds and what went to the translator (DeepL or a chat model). Shared by the soak test
// (asserts) and `npm run bench` (prints).
import type { CDPSession, Page } from 'playwright-core';
import type { PageTranslatorStats } from '../../lib/content/page-translator';
import { ANY_TARGET } from '../../lib/sites/xiaohongshu/selectors';
import type { ExtensionSession } from './harness';
import { coverage, type Coverage } from './page-probe';
import { clickPrompt, PROMPT } from './quota-attack';

/** What the content script reports from its isolated world (entrypoints/content). */
export type ContentStats = PageTranslatorStats & { underlinedElements: number; underlineRanges: number; buttonClicks: number; toggles: number; applied: number };

export interface SoakFigures {
  steps: number;
  /** Cards or comment items the page rendered over the run. */
  items: number;
  /** Visible targets checked at the end of each step, and how many were translated then. */
  seen: number;
  translated: number;
  duplicates: number;
  stale: number;
  errors: number;
  /** Steps that did not settle (something in view still pending or missing). */
  unsettled: number;
  requests: number;
  /** Σ over steps of ⌈texts sent in the step ÷ 50⌉: a perfect batcher's count for the same asks. */
  minimumRequests: number;
  /** ⌈unique texts ÷ 50⌉: the floor if everything could wait for one full batch. */
  floorRequests: number;
  textsSent: number;
  uniqueTextsSent: number;
  /** Largest number of our elements in the page, and of target elements at that moment. */
  maxWrappers: number;
  maxTargets: number;
  /** Page heap after a forced GC at the start (after the first screen) and at the end, bytes. */
  heapStart: number;
  heapEnd: number;
  stats: ContentStats;
  /** At the end, every target in the page, on screen or not (all passed through the preload band). */
  everything: Coverage;
  maxMemo: number;
  maxQueuedRecords: number;
  ms: number;
}

/** Evaluates inside the content script's isolated world (and the page's heap) over CDP. */
export async function contentProbe(page: Page) {
  const cdp: CDPSession = await page.context().newCDPSession(page);
  const contexts = new Map<number, { origin: string; auxData?: { type?: string } }>();
  cdp.on('Runtime.executionContextCreated', ({ context }) => contexts.set(context.id, context));
  cdp.on('Runtime.executionContextDestroyed', ({ executionContextId }) => contexts.delete(executionContextId));
  await cdp.send('Runtime.enable');
  const isolated = () => [...contexts].find(([, c]) => c.auxData?.type === 'isolated' && c.origin.startsWith('chrome-extension://'))?.[0];
  return {
    async stats(): Promise<ContentStats> {
      const contextId = isolated();
      if (contextId === undefined) throw new Error('The content script’s world is not in this page');
      const answer = await cdp.send('Runtime.evaluate', { expression: 'globalThis.__rnlStats()', contextId, returnByValue: true });
      if (answer.exceptionDetails) throw new Error(answer.exceptionDetails.text);
      return answer.result.value as ContentStats;
    },
    /** Any expression in the content script's world, awaited: what code running there could do. */
    async evaluate<T>(expression: string): Promise<T> {
      const contextId = isolated();
      if (contextId === undefined) throw new Error('The content script’s world is not in this page');
      const answer = await cdp.send('Runtime.evaluate', { expression, contextId, returnByValue: true, awaitPromise: true });
      if (answer.exceptionDetails) throw new Error(answer.exceptionDetails.exception?.description ?? answer.exceptionDetails.text);
      return answer.result.value as T;
    },
    /** Used JS heap of the page's isolate (page and content script) after a full GC. */
    async heapAfterGc(): Promise<number> {
      await cdp.send('HeapProfiler.collectGarbage');
      return (await cdp.send('Runtime.getHeapUsage')).usedSize;
    },
    detach: () => cdp.detach(),
  };
}

const countOurs = (page: Page) =>
  page.evaluate((any) => ({ wrappers: document.querySelectorAll('.rnl-t').length, targets: document.querySelectorAll(any).length }), ANY_TARGET);

type Probe = Awaited<ReturnType<typeof contentProbe>>;

/** The translator's server as the soak counts it (the local DeepL or chat-completions server): its requests and their texts. */
export interface TranslateLog {
  translateRequests(): Array<{ texts?: string[] }>;
}

/** Poll until nothing in view is pending or missing and the content script has nothing out (or time is up). */
async function settle(page: Page, probe: Probe, timeoutMs = 10_000): Promise<Coverage> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    // The content script's own word first: it is cheap, and the page-wide look is not (12,000 targets).
    const stats = await probe.stats();
    // Busy, or page changes not yet looked at (a recycled card's new title waits for the next frame).
    const last = stats.busy || stats.queuedRecords ? undefined : await coverage(page);
    if (last && !(last.pending || last.missing.length || last.errors || last.stale)) return last;
    if (Date.now() >= deadline) return last ?? coverage(page);
    // Scrolling faster than anyone reads can pass the tab's rate limit (30,000 characters a
    // minute): the reader answers the one prompt, as a reader would (a real click).
    if (await page.locator(PROMPT).count()) await clickPrompt(page);
    await page.waitForTimeout(30);
  }
}

interface StepDriver {
  /** Move on by one screen; false when the run is complete. */
  next(): Promise<boolean>;
  items(): Promise<number>;
}

async function soak(page: Page, server: TranslateLog, driver: StepDriver): Promise<SoakFigures> {
  const started = Date.now();
  const probe = await contentProbe(page);
  await settle(page, probe);
  const heapStart = await probe.heapAfterGc();
  const firstRequest = server.translateRequests().length;
  const sentBefore = new Set(server.translateRequests().flatMap((r) => r.texts ?? []));
  const f = { steps: 0, seen: 0, translated: 0, duplicates: 0, stale: 0, errors: 0, unsettled: 0, minimumRequests: 0, maxWrappers: 0, maxTargets: 0, maxMemo: 0, maxQueuedRecords: 0 };
  let mark = firstRequest;
  while (await driver.next()) {
    const look = await settle(page, probe);
    f.steps++;
    f.seen += look.total;
    f.translated += look.translated;
    f.duplicates += look.duplicates;
    f.stale += look.stale;
    f.errors += look.errors;
    if (look.pending || look.missing.length) f.unsettled++;
    const requests = server.translateRequests();
    const texts = requests.slice(mark).flatMap((r) => r.texts ?? []).length;
    f.minimumRequests += Math.ceil(texts / 50);
    mark = requests.length;
    const ours = await countOurs(page);
    if (ours.wrappers > f.maxWrappers) [f.maxWrappers, f.maxTargets] = [ours.wrappers, ours.targets];
    const stats = await probe.stats();
    f.maxMemo = Math.max(f.maxMemo, stats.memo);
    f.maxQueuedRecords = Math.max(f.maxQueuedRecords, stats.queuedRecords);
  }
  await settle(page, probe);
  // Texts the reader jumped past may still be in a last preload batch (stragglers wait for company).
  let everything = await coverage(page, { nearViewport: false });
  for (const deadline = Date.now() + 10_000; (everything.pending || everything.missing.length) && Date.now() < deadline; ) {
    await page.waitForTimeout(100);
    everything = await coverage(page, { nearViewport: false });
  }
  const requests = server.translateRequests().slice(firstRequest);
  const tail = server.translateRequests().slice(mark).flatMap((r) => r.texts ?? []).length;
  f.minimumRequests += Math.ceil(tail / 50);
  const sent = requests.flatMap((r) => r.texts ?? []);
  const unique = new Set(sent.filter((t) => !sentBefore.has(t)));
  const figures: SoakFigures = {
    ...f,
    items: await driver.items(),
    everything,
    requests: requests.length,
    floorRequests: Math.ceil(unique.size / 50),
    textsSent: sent.length,
    uniqueTextsSent: unique.size,
    heapStart,
    heapEnd: await probe.heapAfterGc(),
    stats: await probe.stats(),
    ms: Date.now() - started,
  };
  await probe.detach();
  return figures;
}

type FixtureWindow = { __fixture: { stats(): { cards: number; comments: number } } };

/** The explore feed, one screen per step, until the page has rendered `cards` cards (recycling at 120). */
export async function soakFeed(page: Page, server: TranslateLog, cards = 1_000): Promise<SoakFigures> {
  const lastIndex = () => page.evaluate(() => Math.max(...[...document.querySelectorAll('section.note-item')].map((c) => Number((c as HTMLElement).dataset.index))) + 1);
  return soak(page, server, {
    async next() {
      if ((await lastIndex()) >= cards) return false;
      await page.mouse.wheel(0, 900);
      return true;
    },
    items: lastIndex,
  });
}

/**
 * A note's comment list, 2.5 box heights per step: less than the preload band (PRELOAD_MARGIN: a
 * box height above and below the box), so every comment stops in it once. A step that finds
 * "展开 N 条回复" buttons in the band clicks them instead (a gesture of its own).
 */
export async function soakComments(page: Page, server: TranslateLog): Promise<SoakFigures> {
  await page.waitForSelector('.comment-item');
  const scroller = page.locator('.note-scroller');
  let sweeping = false;
  return soak(page, server, {
    async next() {
      const box = (await scroller.boundingBox())!;
      const band = { top: box.y - box.height, bottom: box.y + 2 * box.height };
      const expand = (b: { top: number; bottom: number }) =>
        [...document.querySelectorAll<HTMLElement>('.show-more')].filter((el) => el.getBoundingClientRect().top > b.top && el.getBoundingClientRect().top < b.bottom).map((el) => el.click()).length;
      if (await page.evaluate(expand, band)) return true;
      sweeping ||= await scroller.evaluate((s) => s.scrollTop + s.clientHeight >= s.scrollHeight - 2 && Boolean(document.querySelector('.end-container')));
      if (sweeping) {
        // At the end. A button a step jumped past (on a busy machine a wheel scroll can still be
        // moving when the next step looks): the reader goes back to it and clicks, a gesture each.
        return page.evaluate(() => {
          const left = document.querySelector<HTMLElement>('.show-more');
          left?.scrollIntoView({ block: 'center' });
          left?.click();
          return Boolean(left);
        });
      }
      await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
      await page.mouse.wheel(0, 2.5 * box.height);
      return true;
    },
    items: () => page.evaluate(() => (window as unknown as FixtureWindow).__fixture.stats().comments),
  });
}

/** The two soaks, for the test (asserts) and the benchmark (prints): one place for their pages. */
export const SOAKS = {
  feed: { name: 'feed, 1,000 cards', path: '/explore?cards=40&cap=120&unique=1', run: soakFeed, items: 1_000, minUniqueTexts: 900 },
  // 1,340 comments, every fourth with two replies (one behind "展开 1 条回复"): about 2,010 items.
  comments: { name: 'note, 2,000 comments + replies', path: '/explore/66f0a1b2000000001e012345?comments=1340&unique=1&delay=50', run: soakComments, items: 2_000, minUniqueTexts: 1_900 },
} as const;
export type Soak = (typeof SOAKS)[keyof typeof SOAKS];

/** Open the soak's page, run it, close the page (counting the requests of `server`: DeepL's unless told). */
export async function runSoak(session: ExtensionSession, soak: Soak, server: TranslateLog = session.deepl): Promise<SoakFigures> {
  const page = await session.openSite(soak.path);
  try {
    return await soak.run(page, server);
  } finally {
    await page.close();
  }
}

export function describeSoak(name: string, f: SoakFigures): string {
  const mb = (b: number) => (b / 1_048_576).toFixed(1);
  return [
    `${name}: ${f.items} items in ${f.steps} steps, ${(f.ms / 1000).toFixed(1)} s`,
    `  visible targets checked ${f.seen}, translated ${f.translated}, duplicates ${f.duplicates}, stale ${f.stale}, errors ${f.errors}, unsettled steps ${f.unsettled}`,
    `  at the end, all ${f.everything.total} Chinese targets in the page: ${f.everything.translated} translated, ${f.everything.missing.length} never looked at`,
    `  requests ${f.requests} (per-step minimum ${f.minimumRequests}, floor ⌈${f.uniqueTextsSent} unique ÷ 50⌉ = ${f.floorRequests}); texts sent ${f.textsSent}`,
    `  our elements ≤ ${f.maxWrappers} (targets then ${f.maxTargets}); memo ≤ ${f.maxMemo}; mutation records queued ≤ ${f.maxQueuedRecords}, seen ${f.stats.recordsSeen}; underlines: ${f.stats.underlinedElements} elements, ${f.stats.underlineRanges} ranges`,
    `  heap after GC ${mb(f.heapStart)} MB → ${mb(f.heapEnd)} MB`,
  ].join('\n');
}
