// The content script's page translator: composes discovery (targets), observation (visibility),
// the request loop (requests) and the per-element decision and rendering (element-translation).
// Each time it is switched on it starts a run with its own abort signal; switching off or stop()
// aborts it, which ends every observer, timer and pending request the run started.
import { LruMap } from '../cache/lru';
import { isBlocking } from '../core/errors';
import type { SegmentError, SegmentResult, Segment } from '../messaging/contract';
import { keepReadingPosition } from '../render/anchor';
import { fitFor, measuredFit } from '../render/fit';
import { clear, injectStyle, removeAll, removeStyle, showError, showOffer, showPending, showPlaceholderFailed, showsOurs } from '../render/render';
import type { Settings } from '../settings/defaults';
import { READING_BLOCKS } from '../sites/xiaohongshu/selectors';
import { answerKey, answersDiffer, decide, LONG_TEXT_CHARS, displayOf, showAnswer, showsError, wanted } from './element-translation';
import { createRequests, type Ask, type Outcome, type Requests } from './requests';
import { createBlockedTexts, type BlockedState } from './blocked-texts';
import { hydrated } from './hydration';
import { contextOf, sourceOf, targetOf, targetsWithin, type Role, type TextTarget } from './targets';
import { belowScreen, browserIntersections, createVisibility, type IntersectionFactory, type Look, type Visibility } from './visibility';
import { mountVolumeNotice, type VolumeNotice } from './volume-notice';

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
  /** The reader said continue after the worker paused this page for an unusual amount of text. */
  continueTranslating?(): Promise<void>;
  /** Shows the one "continue?" prompt (tests inject a fake: jsdom has no trusted clicks). */
  mountNotice?(doc: Document, onContinue: () => void): VolumeNotice;
  /** Nothing can be translated until the reader acts (no translator, key refused …), or no longer: one state for the page. */
  onBlocked?(state: BlockedState | undefined): void;
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

/** One element's trouble stays its own: the others are still handled. */
function each<T>(items: Iterable<T>, handle: (item: T) => void) {
  for (const item of items) {
    try {
      handle(item);
    } catch (error) {
      console.warn('RedNote Lens: an element could not be handled.', error);
    }
  }
}

export function createPageTranslator(deps: PageTranslatorDeps) {
  const { doc } = deps;
  const nextFrame = deps.nextFrame ?? ((fn) => requestAnimationFrame(() => fn()));
  const setTimer = deps.setTimer ?? ((fn, ms) => setTimeout(fn, ms));
  const now = deps.now ?? (() => performance.now());
  const wallClock = deps.wallClock ?? (() => Date.now());
  let settings: Settings | undefined;
  let run: Run | undefined;
  /** Switched on while the page's framework has yet to hydrate: aborted if switched off meanwhile. */
  let waiting: AbortController | undefined;
  /** Translations this page already received: turning off and on again costs no message. */
  const memo = new LruMap(MEMO_ENTRIES, MEMO_BYTES);
  const counts = { recordsSeen: 0, messages: 0, segmentsAsked: 0 };
  /** Long texts the reader asked for, and what they said yes to. */
  const confirmedLong = new WeakMap<Element, string>();
  /** Texts the worker paused (unusual volume): they wait, showing "…", for the reader's continue. */
  const paused = new Set<Element>();
  let notice: VolumeNotice | undefined;
  /** Texts that wait for the reader to set up or fix the translator: no line each, one state for the page. */
  const blocked = createBlockedTexts({
    setTimer,
    wallClock,
    reask: (elements) => each(elements, (el) => el.isConnected && consider(el)),
    onChange: (state) => deps.onBlocked?.(state),
  });

  function start(): Run {
    const controller = new AbortController();
    const { signal } = controller;
    // The two parts call each other (a waiting preload text comes on screen); both exist before either is called.
    const visibility: Visibility = createVisibility({
      doc,
      signal,
      nextFrame,
      setTimer,
      intersections: deps.intersections ?? browserIntersections,
      ...(deps.rootMargin ? { rootMargin: deps.rootMargin } : {}),
      look: (looks: Look[]) => {
        // Reads first, all of them (the boxes the page measured), then the writes: one layout, not one per text.
        const reads = readAll(looks);
        writeKeepingPosition([...reads.values()].every((r) => r.movesNothing), () => each(looks, ({ el, urgent }) => consider(el, urgent, reads.get(el))));
      },
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

  /** What consider() reads of an element, read once for a batch before any write. */
  interface Read {
    target: TextTarget | undefined;
    source: string;
    /** Whatever is written for it moves nothing the reader sees (set by measureRead). */
    movesNothing: boolean;
  }
  function read(el: Element): Read {
    const target = targetOf(el);
    return { target, source: target ? sourceOf(el, target) : '', movesNothing: false };
  }
  /** A write for it keeps every box's size: an attribute, a box the page measured, or nothing to write. */
  function writesInPlace(el: Element, r: Read): boolean {
    if (!r.target || !settings || !wanted(r.target, settings)) return !showsOurs(el);
    if (r.target.attribute) return true;
    // Measured while nothing of ours is in it, or for this text before (a line of ours would be measured with it).
    const fit = showsOurs(el) ? measuredFit(el, r.source) : fitFor(el, r.source);
    return Boolean(fit) && r.source.length <= LONG_TEXT_CHARS;
  }
  /** The reads before a batch's writes: the element's box for its text, and whether writing there can move what the reader sees. */
  function measureRead(el: Element, r: Read) {
    r.movesNothing = writesInPlace(el, r) || belowScreen(el, el.getBoundingClientRect());
  }
  /** The reads of a batch of looks, the boxes the page measured among them: all before the writes. */
  function readAll(looks: Look[]): Map<Element, Read> {
    const reads = new Map<Element, Read>();
    each(looks, ({ el }) => {
      const r = read(el);
      measureRead(el, r);
      reads.set(el, r);
    });
    return reads;
  }
  /**
   * Writes that may move what the reader is looking at keep it in place (render/anchor.ts: hit tests
   * and a layout after the writes, the costliest part of a batch). Writes in boxes that keep their
   * size, or below the screen (the preload band ahead of a scroll), move nothing: none of it.
   */
  function writeKeepingPosition(movesNothing: boolean, write: () => void) {
    if (movesNothing) write();
    else keepReadingPosition(doc, READING_BLOCKS, write);
  }

  /** Decide what an element needs now and do it (urgent: on screen, ask at the next frame). */
  function consider(el: Element, urgent = true, known?: Read) {
    const current = settings;
    if (!run || !current || !el.isConnected) return;
    const { target, source } = known ?? read(el);
    if (!target) {
      // No longer a target (the page rewrote "赞" to "1"): nothing of ours may stay on it.
      if (showsOurs(el)) clear(el);
      return;
    }
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
    // Underlines are extra: their failure must not cost the element its translation.
    if (!target.attribute) each([el], () => deps.onChineseText?.(el, target.role));
    switch (decision.do) {
      case 'show':
        return showAnswer(el, target, source, decision.translation, displayOf(current));
      case 'offer':
        return showOffer(el, source, () => {
          confirmedLong.set(el, source);
          consider(el);
        });
      case 'ask':
        // While blocked a content text shows nothing, not a "…" that would never end.
        if (!target.attribute && !blocked.state) showPending(el, source);
        // Paused: new texts wait with the others for the reader, without a message each (and
        // without a worker restarted meanwhile, which forgot the pause, sending them).
        if (notice?.shown) return void paused.add(el);
        return run.requests.ask({ el, source, key: answerKey(current, source), ...(confirmedLong.get(el) === source ? { asked: true } : {}) }, urgent);
    }
  }

  function answered(answers: Array<{ ask: Ask; outcome: Outcome }>) {
    // Reads first here too: each element's text and box, before the first line is written.
    const reads = new Map<Element, Read>();
    each(answers, ({ ask: { el } }) => {
      if (!el.isConnected || reads.has(el)) return;
      const r = read(el);
      measureRead(el, r);
      reads.set(el, r);
    });
    // A failure shows a line of ours (in any box): it may move things.
    const movesNothing = answers.every(({ ask, outcome }) => (outcome.ok || belowScreen(ask.el, ask.el.getBoundingClientRect())) && (reads.get(ask.el)?.movesNothing ?? true));
    writeKeepingPosition(movesNothing, () => {
      each(answers, ({ ask, outcome }) => {
        const { el, source } = ask;
        if (outcome.ok) memo.set(ask.key, outcome.text);
        const { target, source: now } = reads.get(el) ?? {};
        if (!target || !el.isConnected || !settings) return;
        // The page may have re-rendered the element, or the settings changed, while we waited: an
        // answer that no longer fits is not shown; the element is looked at again instead.
        if (now !== source || !wanted(target, settings) || ask.key !== answerKey(settings, source)) {
          consider(el);
          return;
        }
        if (outcome.ok) {
          run?.requests.resetAttempts(el);
          showAnswer(el, target, source, outcome.text, displayOf(settings));
          blocked.translated(el);
        } else failed(ask, outcome.error);
      });
    });
  }

  function failed(ask: Ask, error: SegmentError) {
    const requests = run?.requests;
    if (!requests) return;
    const { el, source } = ask;
    if (error.kind === 'paused') return pausedOn(el);
    if (isBlocking(error.kind)) {
      if (showsOurs(el)) clear(el);
      return blocked.hold(el, { kind: error.kind });
    }
    if (targetOf(el)?.attribute) showPlaceholderFailed(el, source);
    else {
      showError(el, source, error, settings?.provider ?? 'deepl', () => {
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

  /** One prompt for the page, however many texts wait; nothing is asked again until the reader continues. */
  function pausedOn(el: Element) {
    paused.add(el);
    if (notice?.shown) return;
    notice = (deps.mountNotice ?? mountVolumeNotice)(doc, () => {
      notice = undefined;
      // Asked again even if the message failed: still paused, the worker says so and the prompt returns.
      void (deps.continueTranslating?.() ?? Promise.resolve()).catch(() => {}).then(() => {
        const waiting = [...paused];
        paused.clear();
        for (const target of waiting) if (target.isConnected) consider(target);
      });
    });
  }

  function stopRun() {
    waiting?.abort();
    waiting = undefined;
    paused.clear();
    notice?.remove();
    notice = undefined;
    blocked.reset();
    run?.controller.abort();
    run = undefined;
  }

  function begin() {
    injectStyle(doc, deps.css);
    run = start();
    run.visibility.watchAll();
  }

  return {
    /** Apply settings: start, re-render in another mode, or remove every trace. */
    setSettings(next: Settings, enabledHere: boolean) {
      const before = settings;
      settings = next;
      const on = enabledHere && next.mode !== 'off';
      if (!on) {
        const wasOn = run !== undefined;
        stopRun(); // also a start still waiting for hydration
        if (wasOn) {
          removeAll(doc);
          removeStyle(doc);
        }
        return;
      }
      if (waiting) return; // starts with the settings of the moment hydration ends
      if (!run) {
        // Nothing is written into a server-rendered page before its framework has hydrated it.
        const controller = new AbortController();
        const later = hydrated(doc, controller.signal, setTimer);
        if (!later) return begin();
        waiting = controller;
        void later.then(() => {
          if (controller.signal.aborted) return;
          waiting = undefined;
          begin();
        });
        return;
      }
      if (!before || before.mode !== next.mode || JSON.stringify(before.translate) !== JSON.stringify(next.translate) || answersDiffer(before, next)) {
        // Same page, other display or other answers: redraw from memory (requests for what it lacks),
        // then look again at everything.
        removeAll(doc);
        injectStyle(doc, deps.css);
        blocked.reset();
        run.visibility.watchAll();
      }
    },
    /** Ask again now for everything that failed (the reader clicked, or the settings changed). */
    retryFailed() {
      each(targetsWithin(doc), (el) => showsError(el) && consider(el));
    },
    /** Ask now for the texts held while the translator was blocked (the worker pushed: the reader may have fixed it). */
    retryBlocked() {
      blocked.reaskNow();
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
