// Texts the worker cannot translate until the reader acts (no translator, key refused, quota used
// up, budget reached: BLOCKING_KINDS). The page shows no line for them, only one state for the
// whole page (a notice, the floating button); they are asked for again together, on one timer or on
// the caller's word (a push from the worker: settings, key, retry) — and at once, all of them, as
// soon as one of them comes back translated (the reader fixed it: no reload needed).
import { pageRetryDelay } from '../core/retry-policy';
import type { BlockingKind } from '../core/errors';

export interface BlockedState {
  kind: BlockingKind;
}

export interface BlockedTextsDeps {
  setTimer(fn: () => void, ms: number): unknown;
  wallClock(): number;
  /** Ask again for these texts (they are no longer held). */
  reask(elements: Element[]): void;
  /** The page's state changed: blocked (with why), or not any more. */
  onChange(state: BlockedState | undefined): void;
}

export function createBlockedTexts(deps: BlockedTextsDeps) {
  let state: BlockedState | undefined;
  const held = new Set<Element>();
  /** Held at some point: an answer for one of these means sending works again. */
  const wasHeld = new WeakSet<Element>();
  /** Bumped on reset: a timer of an earlier period does nothing. */
  let period = 0;
  let timerSet = false;

  function set(next: BlockedState | undefined) {
    if (next?.kind === state?.kind) return;
    state = next;
    deps.onChange(state);
  }

  function reaskNow() {
    const elements = [...held];
    held.clear();
    if (elements.length) deps.reask(elements);
  }

  return {
    /** Why the page is blocked, if it is. */
    get state() {
      return state;
    },
    get held() {
      return held.size;
    },
    /** A text came back blocked: hold it (showing nothing) until it is asked for again. */
    hold(el: Element, error: BlockedState) {
      held.add(el);
      wasHeld.add(el);
      set({ kind: error.kind });
      if (timerSet) return;
      timerSet = true;
      const mine = period;
      deps.setTimer(() => {
        if (mine !== period) return;
        timerSet = false;
        reaskNow();
      }, pageRetryDelay(error, 0, deps.wallClock()));
    },
    /** A text came back translated: if it had been held, the block is over, and every held text goes now. */
    translated(el: Element) {
      held.delete(el);
      if (!state || !wasHeld.has(el)) return;
      set(undefined);
      reaskNow();
    },
    /** Ask for every held text now (the worker pushed: the reader may have fixed it). */
    reaskNow,
    /** Forget everything (switched off, or other settings: every text is looked at again anyway). */
    reset() {
      period++;
      timerSet = false;
      held.clear();
      set(undefined);
    },
  };
}

export type BlockedTexts = ReturnType<typeof createBlockedTexts>;
