// Waiting for the page's framework to take over its server-rendered DOM. Vue 3 hydrates by
// comparing that DOM with what it would render; a node of ours in it is a mismatch, and Vue
// discards it and re-renders the subtree. So nothing is written into the page before hydration.
// Signs read from the DOM (the content script's isolated world cannot see the page's
// __vue_app__): the server's state script (window.__INITIAL_STATE__) or its skeleton
// (#ssr-skeleton) say a hydration is coming; the mount container's data-v-app says it is done
// (Vue sets it once mount(), which hydrates synchronously, returns).

/** Vue's mark on a mounted app's container. */
export const MOUNTED = 'data-v-app';
/**
 * Past this the page is translated anyway: a site that stopped marking its mount must not stop us
 * for long. A hydration later still discards our nodes, and the page translator puts them back
 * (lib/content/visibility.ts looks again at a target whose line the page removed).
 */
export const HYDRATION_TIMEOUT_MS = 10_000;

/** The page was rendered on the server and its framework has not mounted yet. */
export function awaitingHydration(doc: Document): boolean {
  if (doc.querySelector(`[${MOUNTED}]`)) return false;
  if (doc.getElementById('ssr-skeleton')) return true;
  for (const script of doc.scripts) if (!script.src && script.text.includes('__INITIAL_STATE__')) return true;
  return false;
}

/**
 * null when the page may be written to now; otherwise a promise that settles once the framework
 * has mounted (or the timeout passed, or the signal aborted: check it before writing).
 */
export function hydrated(doc: Document, signal: AbortSignal, setTimer: (fn: () => void, ms: number) => unknown, timeoutMs = HYDRATION_TIMEOUT_MS): Promise<void> | null {
  if (!awaitingHydration(doc)) return null;
  return new Promise((resolve) => {
    const done = () => {
      watcher.disconnect();
      resolve();
    };
    const watcher = new (doc.defaultView?.MutationObserver ?? MutationObserver)(() => {
      if (doc.querySelector(`[${MOUNTED}]`)) done();
    });
    watcher.observe(doc.documentElement, { subtree: true, attributes: true, attributeFilter: [MOUNTED] });
    setTimer(done, timeoutMs);
    signal.addEventListener('abort', done, { once: true });
  });
}
