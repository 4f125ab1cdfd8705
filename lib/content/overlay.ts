// The content script's engine: find target elements (site adapter), translate what is on or near
// the screen (IntersectionObserver), follow the page as it changes (MutationObserver, batched per
// frame, work proportional to what changed), ask the worker in batches, render, retry.
import { LruMap } from '../cache/lru';
import { hasHan, normalizeText } from '../detect/chinese';
import { translateLocally } from '../format/local';
import type { ErrorKind } from '../core/errors';
import { pageRetryDelay } from '../core/retry-policy';
import type { Segment, SegmentError, SegmentResult } from '../messaging/contract';
import { keepReadingPosition } from '../render/anchor';
import { clear, injectStyle, isOurs, originalPlaceholder, removeAll, shownSource, showError, showOffer, showPending, showPlaceholder, showTranslation, sourceText, type Display } from '../render/render';
import type { Settings } from '../settings/defaults';
import { createFlushScheduler } from './flush-scheduler';
import { ANY_TARGET, NOTE_CONTAINER, READING_BLOCKS, NOTE_TITLE, SCROLL_BOXES, TEXT_TARGETS, type Role, type TextTarget } from '../sites/xiaohongshu/selectors';

export interface OverlayDeps {
  doc: Document;
  /** Our stylesheet: injected while on, removed with everything else when off. */
  css: string;
  translate(segments: Segment[]): Promise<SegmentResult[]>;
  /** Preload distance around the viewport. */
  rootMargin?: string;
  nextFrame?: (fn: () => void) => void;
  setTimer?: (fn: () => void, ms: number) => unknown;
  now?: () => number;
  /** Told about every Chinese text the reader gets to see, with its role (for glossary underlines). */
  onChineseText?(el: Element, role: Role): void;
}

/** The page's memory of answers, bounded for long sessions; past it the worker's cache answers. */
const MEMO_ENTRIES = 3_000;
const MEMO_BYTES = 2 * 1024 * 1024;
/**
 * Longer texts are translated only when the reader clicks: a note body holds at most 1,000
 * characters on Xiaohongshu, so anything this long is spam or an attack on the reader's quota.
 */
export const LONG_TEXT_CHARS = 5_000;
/** How far around the screen (and around a scrolling box's visible part) text is asked for. */
export const PRELOAD_MARGIN = '100% 50%';

/** What the overlay holds and has done: read by the soak test and the benchmark, never by the page. */
export interface OverlayStats {
  memo: number;
  waiting: number;
  /** Mutation records received but not yet processed (0 between frames). */
  queuedRecords: number;
  /** Texts due to be sent soon, or asked for and not yet answered (a few preload stragglers may wait longer). */
  busy: boolean;
  recordsSeen: number;
  messages: number;
  segmentsAsked: number;
}

const ROLE_SETTING: Record<Role, keyof Settings['translate'] | null> = {
  ui: 'interface',
  title: 'titles',
  body: 'bodies',
  comment: 'comments',
  nickname: 'nicknames',
  meta: null,
};

export function createOverlay(deps: OverlayDeps) {
  const { doc } = deps;
  const nextFrame = deps.nextFrame ?? ((fn) => requestAnimationFrame(() => fn()));
  const setTimer = deps.setTimer ?? ((fn, ms) => setTimeout(fn, ms));
  let settings: Settings | undefined;
  let running = false;
  /** Translations this page already received: turning off and on again costs no message. */
  const memo = new LruMap(MEMO_ENTRIES, MEMO_BYTES);
  const counts = { recordsSeen: 0, messages: 0, segmentsAsked: 0 };
  const retries = new WeakMap<Element, number>();
  /** Long texts the reader asked for, and what they said yes to. */
  const confirmedLong = new WeakMap<Element, string>();
  const waiting = new Map<Element, string>();
  let messagesOut = 0;
  const flusher = createFlushScheduler({ nextFrame, setTimer, now: deps.now ?? (() => performance.now()) }, (preload) => void flush(preload));
  /** Bumped whenever the display is redrawn or turned off, so late answers from before are dropped. */
  let generation = 0;
  let mutations: MutationRecord[] = [];

  const targetOf = (el: Element): TextTarget | undefined => TEXT_TARGETS.find((t) => el.matches(t.selector));

  const visibility = new IntersectionObserver(
    (entries) =>
      keepReadingPosition(doc, READING_BLOCKS, () => {
        for (const entry of entries) {
          if (!entry.isIntersecting) continue;
          visibility.unobserve(entry.target);
          consider(entry.target, onScreen(entry.target, entry.boundingClientRect));
        }
      }),
    // scrollMargin (Chromium 120+) extends the preload to scrolling boxes inside the page, such as
    // the note overlay's comment list; elsewhere it is ignored and texts load as they appear.
    // A screen ahead (and behind): a reader's one-screen scroll brings nothing on screen that was
    // not asked for already, so a gesture costs one request and the reader waits for none.
    { rootMargin: deps.rootMargin ?? PRELOAD_MARGIN, scrollMargin: deps.rootMargin ?? PRELOAD_MARGIN } as IntersectionObserverInit,
  );

  // Preload text still waiting for company when the reader scrolls it onto the screen goes at once.
  const onScreenNow = new IntersectionObserver((entries) => {
    if (entries.some((entry) => entry.isIntersecting && waiting.has(entry.target))) flusher.soon();
  });

  const watcher = new MutationObserver((records) => {
    if (!mutations.length) nextFrame(processMutations);
    mutations.push(...records);
    counts.recordsSeen += records.length;
  });

  const display = (): Display => (settings?.mode === 'replace' ? 'replace' : 'bilingual');

  function wanted(target: TextTarget): boolean {
    const key = ROLE_SETTING[target.role];
    return key === null || Boolean(settings?.translate[key]);
  }

  /** In the window and in the box that scrolls it, if any: the reader may be looking at it now. */
  const onScreen = (el: Element, rect: DOMRectReadOnly) => {
    const view = doc.defaultView;
    if (!view) return true;
    const box = el.closest(SCROLL_BOXES)?.getBoundingClientRect() ?? { top: 0, left: 0, bottom: view.innerHeight, right: view.innerWidth };
    return rect.bottom > Math.max(0, box.top) && rect.right > Math.max(0, box.left) && rect.top < Math.min(view.innerHeight, box.bottom) && rect.left < Math.min(view.innerWidth, box.right);
  };

  /** Decide what an element needs now: nothing, a local answer, a memo answer, or a request (soon when on screen). */
  function consider(el: Element, urgent = true) {
    if (!running || !el.isConnected) return;
    const target = targetOf(el);
    if (!target) return;
    const source = normalizeText(target.attribute ? (originalPlaceholder(el) ?? '') : sourceText(el));
    if (!wanted(target) || !hasHan(source)) {
      if (shownSource(el) !== null) clear(el);
      return;
    }
    if (!target.attribute) deps.onChineseText?.(el, target.role);
    if (shownSource(el) === source && !el.querySelector(':scope > .rnl-pending, :scope > .rnl-error, :scope > .rnl-offer') && !waiting.has(el)) return;
    const local = translateLocally(source);
    if (local !== null) {
      render(el, target, source, local);
      return;
    }
    if (target.role === 'meta') return; // counts and dates we cannot read are left alone, never sent
    const known = memo.get(source);
    if (known !== undefined) {
      render(el, target, source, known);
      return;
    }
    if (source.length > LONG_TEXT_CHARS && confirmedLong.get(el) !== source) {
      if (!target.attribute && !el.querySelector(':scope > .rnl-offer')) {
        showOffer(el, source, () => {
          confirmedLong.set(el, source);
          consider(el);
        });
      }
      return;
    }
    if (!target.attribute) showPending(el, source);
    waiting.set(el, source);
    if (urgent) flusher.soon();
    else {
      flusher.later();
      onScreenNow.observe(el);
    }
  }

  function render(el: Element, target: TextTarget, source: string, translation: string) {
    if (target.attribute) showPlaceholder(el, source, translation, display());
    // Counts, dates and places carry the same facts in both languages: show the English alone.
    else showTranslation(el, source, translation, target.role === 'meta' ? 'replace' : display(), target.role === 'ui');
  }

  async function flush(preload: boolean) {
    if (!waiting.size || !running) return;
    const batch = [...waiting];
    waiting.clear();
    onScreenNow.disconnect();
    const asked = generation;
    const title = doc.querySelector(NOTE_TITLE);
    const noteTitle = title ? normalizeText(sourceText(title)) : undefined;
    const segments: Segment[] = batch.map(([el, text], i) => ({
      id: String(i),
      text,
      ...(noteTitle && el.closest(NOTE_CONTAINER) && !el.matches(NOTE_TITLE) ? { context: noteTitle } : {}),
      ...(preload ? { preload } : {}),
    }));
    counts.messages++;
    counts.segmentsAsked += segments.length;
    let results: SegmentResult[];
    messagesOut++;
    try {
      results = await deps.translate(segments);
    } catch (error) {
      // The worker was stopped or restarted under us: ask again shortly, nothing is lost.
      const kind: ErrorKind = 'network';
      for (const [el, text] of batch) failed(el, text, { kind, message: String((error as Error)?.message ?? error) });
      return;
    } finally {
      messagesOut--;
    }
    // Turned off (or redrawn) while we waited: keep the answers for later, show none of them now.
    if (!running || generation !== asked) {
      results.forEach((result, i) => result.ok && memo.set(batch[i]![1], result.text));
      return;
    }
    keepReadingPosition(doc, READING_BLOCKS, () =>
      results.forEach((result, i) => {
        const [el, text] = batch[i]!;
        const target = targetOf(el);
        if (!target || !el.isConnected) return;
        // The page may have re-rendered the element while we waited: only a matching answer is shown.
        const now = normalizeText(target.attribute ? (originalPlaceholder(el) ?? '') : sourceText(el));
        if (now !== text) return consider(el);
        if (result.ok) {
          memo.set(text, result.text);
          retries.delete(el);
          render(el, target, text, result.text);
        } else failed(el, text, result.error);
      }),
    );
  }

  function failed(el: Element, source: string, error: SegmentError) {
    if (!running) return;
    const attempt = retries.get(el) ?? 0;
    retries.set(el, attempt + 1);
    const again = () => {
      retries.delete(el);
      if (el.isConnected) {
        clear(el);
        consider(el);
      }
    };
    if (!targetOf(el)?.attribute) showError(el, source, error, again);
    // Just after the worker's own next attempt when it says when; otherwise a growing delay.
    const delay = pageRetryDelay(error, attempt, Date.now());
    setTimer(() => {
      if (running && el.isConnected && el.querySelector(':scope > .rnl-error')) {
        waiting.set(el, source);
        flusher.soon();
      }
    }, delay);
  }

  /** Start watching elements under a node that was added or changed. */
  function observeWithin(node: Node) {
    if (node.nodeType !== 1) {
      const parent = node.parentElement?.closest(ANY_TARGET);
      if (parent) visibility.observe(parent);
      return;
    }
    const el = node as Element;
    if (isOurs(el)) return;
    const owner = el.closest(ANY_TARGET);
    if (owner) visibility.observe(owner);
    for (const inner of el.querySelectorAll(ANY_TARGET)) visibility.observe(inner);
  }

  function processMutations() {
    const records = mutations;
    mutations = [];
    const seen = new Set<Node>();
    for (const record of records) {
      if (isOurs(record.target)) continue;
      if (record.type === 'characterData') {
        if (!seen.has(record.target)) observeWithin(record.target);
        seen.add(record.target);
        continue;
      }
      for (const node of record.addedNodes) {
        if (seen.has(node) || isOurs(node)) continue;
        seen.add(node);
        observeWithin(node);
      }
      // A child replaced under a target (Vue re-render) changes the target's text.
      if (record.removedNodes.length && [...record.removedNodes].some((n) => !isOurs(n))) {
        const owner = (record.target as Element).closest?.(ANY_TARGET);
        if (owner) visibility.observe(owner);
      }
    }
  }

  function scanAll() {
    for (const el of doc.querySelectorAll(ANY_TARGET)) visibility.observe(el);
  }

  return {
    /** Apply settings: start, re-render in another mode, or remove every trace. */
    setSettings(next: Settings, enabledHere: boolean) {
      const before = settings;
      settings = next;
      const on = enabledHere && next.mode !== 'off';
      generation++;
      if (!on) {
        if (running) {
          running = false;
          watcher.disconnect();
          visibility.disconnect();
          onScreenNow.disconnect();
          waiting.clear();
          removeAll(doc);
        }
        return;
      }
      if (!running) {
        running = true;
        injectStyle(doc, deps.css);
        watcher.observe(doc.documentElement, { childList: true, subtree: true, characterData: true });
        scanAll();
        return;
      }
      if (before?.mode !== next.mode || JSON.stringify(before?.translate) !== JSON.stringify(next.translate)) {
        // Same page, other display: redraw from memory (no requests), then look again at everything.
        removeAll(doc);
        injectStyle(doc, deps.css);
        scanAll();
      }
    },
    /** Ask again now for everything that failed (the reader clicked, or the settings changed). */
    retryFailed() {
      for (const el of doc.querySelectorAll(ANY_TARGET)) if (el.querySelector(':scope > .rnl-error')) consider(el);
    },
    stats(): OverlayStats {
      return { memo: memo.size, waiting: waiting.size, queuedRecords: mutations.length, busy: flusher.pending || messagesOut > 0, ...counts };
    },
    stop() {
      running = false;
      watcher.disconnect();
      visibility.disconnect();
      onScreenNow.disconnect();
    },
  };
}

export type Overlay = ReturnType<typeof createOverlay>;
