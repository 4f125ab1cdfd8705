// The content script's page translator: composes discovery (targets), observation (visibility),
// the request loop (requests) and the per-element decision and rendering (element-translation).
// Each time it is switched on it starts a run with its own abort signal; switching off or stop()
// aborts it, which ends every observer, timer and pending request the run started.
import { LruMap } from '../cache/lru';
import type { SegmentError, SegmentResult, Segment } from '../messaging/contract';
import { keepReadingPosition } from '../render/anchor';
import { clear, injectStyle, removeAll, showError, showOffer, showPending, showPlaceholderFailed, showsOurs } from '../render/render';
import type { Settings } from '../settings/defaults';
import { READING_BLOCKS } from '../sites/xiaohongshu/selectors';
import { answerKey, answersDiffer, decide, displayOf, showAnswer, showsError, wanted } from './element-translation';
import { createRequests, type Ask, type Outcome, type Requests } from './requests';
import { contextOf, sourceOf, targetOf, targetsWithin, type Role } from './targets';
import { browserIntersections, createVisibility, type IntersectionFactory, type Look, type Visibility } from './visibility';

export interface PageTranslatorDeps {
  doc: Document;
  /** Our stylesheet: injected while on, removed with everything else when off. */
  css: string;
  translate(segments: Segment[]): Promise<SegmentResult[]>;
  /** Preload distance around the viewport. */
  rootMargin?: string;
  nextFrame?: (fn: () => void) => void;
  setTimer?: (fn: () => void, ms: number) => unknown;
  /** Monotonic clock (batching). */
  now?: () => number;
  /** Wall clock (the worker's "retry at" times). */
  wallClock?: () => number;
  intersections?: IntersectionFactory;
  /** Told about every Chinese text the reader gets to see, with its role (for glossary underlines). */
  onChineseText?(el: Element, role: Role): void;
}

/** The page's memory of answers, bounded for long sessions; past it the worker's cache answers. */
const MEMO_ENTRIES = 3_000;
const MEMO_BYTES = 2 * 1024 * 1024;

/** What the page translator holds and has done: read by the soak test and the benchmark, never by the page. */
export interface PageTranslatorStats {
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

/** One period of being on: everything it started ends with its controller. */
interface Run {
  controller: AbortController;
  visibility: Visibility;
  requests: Requests;
}

export function createPageTranslator(deps: PageTranslatorDeps) {
  const { doc } = deps;
  const nextFrame = deps.nextFrame ?? ((fn) => requestAnimationFrame(() => fn()));
  const setTimer = deps.setTimer ?? ((fn, ms) => setTimeout(fn, ms));
  const now = deps.now ?? (() => performance.now());
  const wallClock = deps.wallClock ?? (() => Date.now());
  let settings: Settings | undefined;
  let run: Run | undefined;
  /** Translations this page already received: turning off and on again costs no message. */
  const memo = new LruMap(MEMO_ENTRIES, MEMO_BYTES);
  const counts = { recordsSeen: 0, messages: 0, segmentsAsked: 0 };
  /** Long texts the reader asked for, and what they said yes to. */
  const confirmedLong = new WeakMap<Element, string>();

  function start(): Run {
    const controller = new AbortController();
    const { signal } = controller;
    // The two parts call each other (a waiting preload text comes on screen); both exist before either is called.
    const visibility: Visibility = createVisibility({
      doc,
      signal,
      nextFrame,
      intersections: deps.intersections ?? browserIntersections,
      ...(deps.rootMargin ? { rootMargin: deps.rootMargin } : {}),
      look: (looks: Look[]) => keepReadingPosition(doc, READING_BLOCKS, () => looks.forEach(({ el, urgent }) => consider(el, urgent))),
      cameOnScreen: (el) => requests.cameOnScreen(el),
      counts,
    });
    const requests: Requests = createRequests({
      signal,
      translate: deps.translate,
      nextFrame,
      setTimer,
      now,
      wallClock,
      contextOf,
      watchOnScreen: (el) => visibility.watchOnScreen(el),
      unwatchOnScreen: () => visibility.unwatchOnScreen(),
      answered,
      keep: ({ key }, translation) => memo.set(key, translation),
      counts,
    });
    return { controller, visibility, requests };
  }

  /** Decide what an element needs now and do it (urgent: on screen, ask at the next frame). */
  function consider(el: Element, urgent = true) {
    const current = settings;
    if (!run || !current || !el.isConnected) return;
    const target = targetOf(el);
    if (!target) {
      // No longer a target (the page rewrote "赞" to "1"): nothing of ours may stay on it.
      if (showsOurs(el)) clear(el);
      return;
    }
    const source = sourceOf(el, target);
    const decision = decide(el, target, source, {
      settings: current,
      remembered: (text) => memo.get(answerKey(current, text)),
      confirmedLong: confirmedLong.get(el),
      waiting: run.requests.isWaiting(el),
    });
    if (decision.do === 'clear') {
      if (showsOurs(el)) clear(el);
      return;
    }
    if (!target.attribute) deps.onChineseText?.(el, target.role);
    switch (decision.do) {
      case 'show':
        return showAnswer(el, target, source, decision.translation, displayOf(current));
      case 'offer':
        return showOffer(el, source, () => {
          confirmedLong.set(el, source);
          consider(el);
        });
      case 'ask':
        if (!target.attribute) showPending(el, source);
        return run.requests.ask({ el, source, key: answerKey(current, source) }, urgent);
    }
  }

  function answered(answers: Array<{ ask: Ask; outcome: Outcome }>) {
    keepReadingPosition(doc, READING_BLOCKS, () => {
      for (const { ask, outcome } of answers) {
        const { el, source } = ask;
        if (outcome.ok) memo.set(ask.key, outcome.text);
        const target = targetOf(el);
        if (!target || !el.isConnected || !settings) continue;
        // The page may have re-rendered the element, or the settings changed, while we waited: an
        // answer that no longer fits is not shown; the element is looked at again instead.
        if (sourceOf(el, target) !== source || !wanted(target, settings) || ask.key !== answerKey(settings, source)) {
          consider(el);
          continue;
        }
        if (outcome.ok) {
          run?.requests.resetAttempts(el);
          showAnswer(el, target, source, outcome.text, displayOf(settings));
        } else failed(ask, outcome.error);
      }
    });
  }

  function failed(ask: Ask, error: SegmentError) {
    const requests = run?.requests;
    if (!requests) return;
    const { el, source } = ask;
    if (targetOf(el)?.attribute) showPlaceholderFailed(el, source);
    else {
      showError(el, source, error, () => {
        requests.resetAttempts(el);
        if (el.isConnected) {
          clear(el);
          consider(el);
        }
      });
    }
    // Just after the worker's own next attempt when it says when; otherwise a growing delay.
    requests.retryLater(ask, error, () => el.isConnected && showsError(el));
  }

  function stopRun() {
    run?.controller.abort();
    run = undefined;
  }

  return {
    /** Apply settings: start, re-render in another mode, or remove every trace. */
    setSettings(next: Settings, enabledHere: boolean) {
      const before = settings;
      settings = next;
      const on = enabledHere && next.mode !== 'off';
      if (!on) {
        if (run) {
          stopRun();
          removeAll(doc);
        }
        return;
      }
      if (!run) {
        injectStyle(doc, deps.css);
        run = start();
        run.visibility.watchAll();
        return;
      }
      if (!before || before.mode !== next.mode || JSON.stringify(before.translate) !== JSON.stringify(next.translate) || answersDiffer(before, next)) {
        // Same page, other display or other answers: redraw from memory (requests for what it lacks),
        // then look again at everything.
        removeAll(doc);
        injectStyle(doc, deps.css);
        run.visibility.watchAll();
      }
    },
    /** Ask again now for everything that failed (the reader clicked, or the settings changed). */
    retryFailed() {
      for (const el of targetsWithin(doc)) if (showsError(el)) consider(el);
    },
    stats(): PageTranslatorStats {
      return {
        memo: memo.size,
        waiting: run?.requests.waiting ?? 0,
        queuedRecords: run?.visibility.queuedRecords ?? 0,
        busy: run?.requests.busy ?? false,
        ...counts,
      };
    },
    stop: stopRun,
  };
}

export type PageTranslator = ReturnType<typeof createPageTranslator>;
