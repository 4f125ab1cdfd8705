// The reader's own gestures (a trusted press, wheel or touch: a page script cannot make one), so
// work that costs the reader's quota without being seen — reading the next slide ahead — happens at most
// once per gesture, at the reader's pace, and never because a page marked slides current by itself.

/** How long after the reader's gesture a slide change counts as theirs (a swipe's slide lasts well under this). */
export const GESTURE_WINDOW_MS = 3_000;

/** No keys: the page side listens for none (the shortcut is the worker's command); a slide by key is translated once seen, not read ahead. */
const GESTURES = ['pointerdown', 'wheel', 'touchend'] as const;

export interface ReaderGestures {
  /** True once per gesture, within GESTURE_WINDOW_MS of it. */
  take(): boolean;
}

export function watchReaderGestures(doc: Document, signal: AbortSignal, now: () => number = () => performance.now()): ReaderGestures {
  let at = -Infinity;
  let taken = true;
  const seen = (event: Event) => {
    if (!event.isTrusted) return;
    at = now();
    taken = false;
  };
  for (const type of GESTURES) doc.addEventListener(type, seen, { capture: true, passive: true, signal });
  return {
    take() {
      if (taken || now() - at > GESTURE_WINDOW_MS) return false;
      taken = true;
      return true;
    },
  };
}
