// The content script's settings and glossary lists, from the worker: asked for once, then followed
// through the worker's pushes. The content script does not read extension storage (closed to it in
// Chromium, and holding the key).
import * as v from 'valibot';
import { browser } from 'wxt/browser';
import { sendToWorker } from '../messaging/client';
import { PageSettingsPushSchema, type PageSettings } from '../messaging/contract';

export type { PageSettings };

/** Pauses between asks for the first settings while the worker does not answer. */
const FIRST_ASK_RETRY_MS = [250, 500, 1_000, 2_000, 5_000];

interface Sender {
  id?: string;
}

/**
 * Start following the page settings: `ready` gives the first state; `onChange` gets every later one.
 * Only messages from this extension, in the contract's shape, count; others are left to other listeners.
 */
export function followPageSettings(onChange: (state: PageSettings) => void, extensionId = browser.runtime.id, retryMs: readonly number[] = FIRST_ASK_RETRY_MS) {
  let pushed: PageSettings | undefined;
  const listener = (message: unknown, sender: Sender, sendResponse: (answer: unknown) => void) => {
    if (sender.id !== extensionId) return;
    const parsed = v.safeParse(PageSettingsPushSchema, message);
    if (!parsed.success) return;
    const { type: _, ...state } = parsed.output;
    pushed = state;
    sendResponse({ ok: true });
    onChange(state);
  };
  type Listener = Parameters<typeof browser.runtime.onMessage.addListener>[0];
  // Listen before asking, so a change made while the answer travels is not missed.
  browser.runtime.onMessage.addListener(listener as unknown as Listener);
  let stopped = false;
  // A worker that is starting, restarting or briefly unreachable must not leave the page untranslated
  // for good: ask again, with growing pauses, until it answers (or the page stops following).
  const ask = async (attempt: number): Promise<PageSettings> => {
    try {
      return await sendToWorker({ type: 'page-settings' });
    } catch (error) {
      if (stopped) throw error;
      await new Promise((resolve) => setTimeout(resolve, retryMs[Math.min(attempt, retryMs.length - 1)]));
      return ask(attempt + 1);
    }
  };
  // A push that arrived before the answer is the newer state.
  const ready = ask(0).then((answer) => pushed ?? answer);
  return {
    ready,
    stop: () => {
      stopped = true;
      browser.runtime.onMessage.removeListener(listener as unknown as Listener);
    },
  };
}

/** The term card's "learned" box, applied by the worker. */
export function setLearned(term: string, learned: boolean): Promise<unknown> {
  return sendToWorker({ type: 'set-learned', term, learned });
}

/** The reader's click on the page's "no translator" notice or button: the worker opens the welcome page. */
export function openWelcome(): Promise<unknown> {
  return sendToWorker({ type: 'open-welcome' });
}

/** The floating button: off ↔ the last mode that was on, applied by the worker on the stored settings. */
export function toggleTranslation(): Promise<unknown> {
  return sendToWorker({ type: 'toggle-translation' });
}
