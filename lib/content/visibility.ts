// Observation: which targets need a look now. An IntersectionObserver reports targets entering the
// preload band around the screen (each once; urgent when on screen itself); a MutationObserver
// follows the page as it changes, its records batched per frame and handled in work proportional
// to what changed. Everything it starts ends when the signal aborts.
import { clear, isOurs, placeholderIsOurs, showsOurs, translationOutdated, underOurLine } from '../render/render';
import { SCROLL_BOXES } from '../sites/xiaohongshu/selectors';
import { sourceOf, targetAround, targetOf, targetsWithin } from './targets';

/** How far around the screen (and around a scrolling box's visible part) text is asked for. */
export const PRELOAD_MARGIN = '100% 50%';

/** The part of IntersectionObserver this module uses, so tests can drive a fake one (jsdom has none). */
export interface Intersections {
  observe(el: Element): void;
  unobserve(el: Element): void;
  disconnect(): void;
}
export type IntersectionEntry = Pick<IntersectionObserverEntry, 'target' | 'isIntersecting' | 'boundingClientRect'> & Partial<Pick<IntersectionObserverEntry, 'intersectionRect'>>;
export type IntersectionFactory = (callback: (entries: IntersectionEntry[]) => void, init: IntersectionObserverInit) => Intersections;

export const browserIntersections: IntersectionFactory = (callback, init) => new IntersectionObserver(callback, init);

/** A target to look at: urgent when the reader may be looking at it now, otherwise in the preload band. */
export interface Look {
  el: Element;
  urgent: boolean;
}

export interface VisibilityDeps {
  doc: Document;
  signal: AbortSignal;
  nextFrame(fn: () => void): void;
  /** For looking again at a target that was not drawn yet (a fade-in). */
  setTimer(fn: () => void, ms: number): unknown;
  intersections: IntersectionFactory;
  rootMargin?: string;
  /** Targets that entered the preload band (each once per watch). */
  look(looks: Look[]): void;
  /** A target announced with watchOnScreen came on screen. */
  cameOnScreen(el: Element): void;
  /** Mutation records received (a running count for the page's stats). */
  counts: { recordsSeen: number };
}

/** A translation of ours in el whose source is no longer el's text. */
const outdated = (el: Element) =>
  translationOutdated(el, () => {
    const target = targetOf(el);
    return target ? sourceOf(el, target) : '';
  });

const onlyOurs = (nodes: NodeList) => {
  for (const node of nodes) if (!isOurs(node)) return false;
  return true;
};

/** In the window and in the box that scrolls it, if any: the reader may be looking at it now. */
export function isOnScreen(el: Element, rect: DOMRectReadOnly): boolean {
  const view = el.ownerDocument.defaultView;
  if (!view) return true;
  const box = el.closest(SCROLL_BOXES)?.getBoundingClientRect() ?? { top: 0, left: 0, bottom: view.innerHeight, right: view.innerWidth };
  return rect.bottom > Math.max(0, box.top) && rect.right > Math.max(0, box.left) && rect.top < Math.min(view.innerHeight, box.bottom) && rect.left < Math.min(view.innerWidth, box.right);
}

/** Below everything the reader sees (the window, and the box that scrolls it): what grows there moves nothing on screen. */
export function belowScreen(el: Element, rect: DOMRectReadOnly): boolean {
  const view = el.ownerDocument.defaultView;
  if (!view) return false;
  const box = el.closest(SCROLL_BOXES)?.getBoundingClientRect().bottom ?? Infinity;
  return rect.top >= Math.min(view.innerHeight, box);
}

/**
 * Can a reader see it? Text that is not drawn is never sent unasked: a page script could otherwise
 * fill the page with invisible text and read our translations back (issue 12). Drawn (not hidden by
 * opacity, visibility or display, here or in an ancestor: checkVisibility, Chromium 121+, Firefox
 * 125+; where absent, only the size decides), and of some size where it meets the screen and its
 * preload band once ancestors' boxes have clipped it (the entry's intersectionRect).
 */
export function readerCanSee(entry: IntersectionEntry): boolean {
  const area = entry.intersectionRect ?? entry.boundingClientRect;
  if (!(area.width > 0 && area.height > 0)) return false;
  const el = entry.target as Element & { checkVisibility?(options: { opacityProperty: boolean; visibilityProperty: boolean }): boolean };
  return typeof el.checkVisibility !== 'function' || el.checkVisibility({ opacityProperty: true, visibilityProperty: true });
}

/**
 * A target in the band but not drawn stays observed (it is reported when it next moves in or out)
 * and is looked at again after these delays, for content that fades in; no more, so a page of
 * invisible text costs nothing after that.
 */
export const UNSEEN_RECHECK_MS = [500, 2_000] as const;

export function createVisibility(deps: VisibilityDeps) {
  const { doc, signal } = deps;
  const margin = deps.rootMargin ?? PRELOAD_MARGIN;
  let queued: MutationRecord[] = [];
  const rechecks = new WeakMap<Element, number>();

  function recheckLater(el: Element) {
    const done = rechecks.get(el) ?? 0;
    const wait = UNSEEN_RECHECK_MS[done];
    if (wait === undefined) return;
    rechecks.set(el, done + 1);
    deps.setTimer(() => {
      if (signal.aborted || !el.isConnected) return;
      // Observed afresh, the band reports it again with its current state.
      band.unobserve(el);
      band.observe(el);
    }, wait);
  }

  const band = deps.intersections(
    (entries) => {
      if (signal.aborted) return;
      const looks: Look[] = [];
      for (const entry of entries) {
        if (!entry.isIntersecting) continue;
        if (!readerCanSee(entry)) {
          recheckLater(entry.target);
          continue;
        }
        band.unobserve(entry.target);
        looks.push({ el: entry.target, urgent: isOnScreen(entry.target, entry.boundingClientRect) });
      }
      if (looks.length) deps.look(looks);
    },
    // scrollMargin (Chromium 120+) extends the preload to scrolling boxes inside the page, such as
    // the note overlay's comment list; elsewhere it is ignored and texts load as they appear.
    // A screen ahead (and behind): a reader's one-screen scroll brings nothing on screen that was
    // not asked for already, so a gesture costs one request and the reader waits for none.
    { rootMargin: margin, scrollMargin: margin } as IntersectionObserverInit,
  );

  // Preload text still waiting for company when the reader scrolls it onto the screen goes at once.
  const screen = deps.intersections((entries) => {
    if (signal.aborted) return;
    for (const entry of entries) if (entry.isIntersecting) deps.cameOnScreen(entry.target);
  }, {});

  const watcher = new (doc.defaultView?.MutationObserver ?? MutationObserver)((records) => {
    undoOutdated(records);
    if (!queued.length) deps.nextFrame(processMutations);
    queued.push(...records);
    deps.counts.recordsSeen += records.length;
  });

  const watchWithin = (node: Node, around?: Map<Element, Element | null>) => {
    for (const el of targetsWithin(node, around)) band.observe(el);
  };

  /**
   * Mutation callbacks run as microtasks, after the script that changed the page and before the
   * browser paints: a translation whose text the page just rewrote is removed here, so the reader
   * never sees an old translation over (or instead of) a new count. The element is looked at again
   * at the next frame, like any change.
   */
  function undoOutdated(records: MutationRecord[]) {
    for (const record of records) {
      // A text node's value (Vue's patch in mixed content): the target around it. Children changed
      // (a patch by textContent, a replaced child): the element itself, the cheap test, as pages
      // append and remove many nodes that hold no translation of ours.
      // Most changes are far from any line of ours (a card appended, a count elsewhere): one walk up tells.
      if (record.type === 'attributes' || !underOurLine(record.target)) continue;
      if (record.type === 'characterData') {
        if (isOurs(record.target)) continue;
        const owner = targetAround(record.target);
        if (owner && outdated(owner)) clear(owner);
      } else if (record.target.nodeType === 1 && !(onlyOurs(record.addedNodes) && onlyOurs(record.removedNodes))) {
        if (outdated(record.target as Element)) clear(record.target as Element);
      }
    }
  }

  function processMutations() {
    const records = queued;
    queued = [];
    if (signal.aborted) return;
    const seen = new Set<Node>();
    /** Known targets around the containers changed in this batch (targets.ts, knownHolding). */
    const around = new Map<Element, Element | null>();
    for (const record of records) {
      if (isOurs(record.target)) continue;
      // A placeholder, title or aria-label the page rewrote (ours, written when translating it, is not news).
      if (record.type === 'attributes') {
        if (!placeholderIsOurs(record.target as Element)) watchWithin(record.target);
        continue;
      }
      if (record.type === 'characterData') {
        if (!seen.has(record.target)) watchWithin(record.target);
        seen.add(record.target);
        continue;
      }
      for (const node of record.addedNodes) {
        if (seen.has(node) || isOurs(node)) continue;
        seen.add(node);
        watchWithin(node, around);
      }
      // A child replaced under a target (Vue re-render) changes the target's text; a line of ours
      // the page removed (a framework discarding nodes it does not know) is shown again.
      if (record.removedNodes.length) {
        const owner = targetAround(record.target);
        const pageRemoved = [...record.removedNodes].some((n) => !isOurs(n));
        if (owner && (pageRemoved || !showsOurs(owner))) band.observe(owner);
      }
    }
  }

  watcher.observe(doc.documentElement, { childList: true, subtree: true, characterData: true, attributes: true, attributeFilter: ['placeholder', 'title', 'aria-label'] });
  signal.addEventListener(
    'abort',
    () => {
      watcher.disconnect();
      band.disconnect();
      screen.disconnect();
      queued = [];
    },
    { once: true },
  );

  return {
    /** Look at every target in the page once it is in the preload band. */
    watchAll() {
      watchWithin(doc);
    },
    /** Tell cameOnScreen when this (preload) target comes on screen. */
    watchOnScreen(el: Element) {
      screen.observe(el);
    },
    /** Nothing waits any more: stop reporting targets coming on screen. */
    unwatchOnScreen() {
      screen.disconnect();
    },
    /** Mutation records received but not yet processed (0 between frames). */
    get queuedRecords() {
      return queued.length;
    },
  };
}

export type Visibility = ReturnType<typeof createVisibility>;
