// Stand-ins for what jsdom lacks or tests must control: animation frames and IntersectionObserver.
import type { IntersectionEntry, IntersectionFactory } from '../../../lib/content/visibility';

/** Frames run when the test says so. */
export function fakeFrames() {
  const queue: Array<() => void> = [];
  return {
    nextFrame: (fn: () => void) => void queue.push(fn),
    run() {
      for (const fn of queue.splice(0)) fn();
    },
    get queued() {
      return queue.length;
    },
  };
}

export interface FakeIntersections {
  init: IntersectionObserverInit;
  observed: Set<Element>;
  /** Report elements intersecting, at a rectangle (on screen by default). */
  enter(els: Element[], rect?: DOMRectReadOnly): void;
}

/** On screen in jsdom's 1024×768 window, and below it (in the preload band only). */
export const ON_SCREEN = { top: 100, left: 10, bottom: 120, right: 300, width: 290, height: 20, x: 10, y: 100 } as DOMRectReadOnly;
export const BELOW_SCREEN = { top: 1_000, left: 10, bottom: 1_020, right: 300, width: 290, height: 20, x: 10, y: 1_000 } as DOMRectReadOnly;

/** IntersectionObservers the test drives; each run makes two: the preload band, then the on-screen watch. */
export function fakeIntersections() {
  const created: FakeIntersections[] = [];
  const factory: IntersectionFactory = (callback, init) => {
    const observed = new Set<Element>();
    created.push({
      init,
      observed,
      enter: (els, rect = ON_SCREEN) =>
        callback(els.filter((el) => observed.has(el)).map((target): IntersectionEntry => ({ target, isIntersecting: true, boundingClientRect: rect }))),
    });
    return { observe: (el) => void observed.add(el), unobserve: (el) => void observed.delete(el), disconnect: () => observed.clear() };
  };
  return {
    factory,
    get band() {
      return created.at(-2)!;
    },
    get screen() {
      return created.at(-1)!;
    },
    get count() {
      return created.length;
    },
  };
}

/** A MutationObserver's records are delivered in a microtask. */
export const mutationsDelivered = () => new Promise<void>((resolve) => queueMicrotask(resolve));
