// WXT stops a content script when a CustomEvent named after the extension id ("a newer copy of this
// script started") reaches the document. The page can dispatch that event too: the id is public (a
// store listing shows it) and a page script can name any event. So such events are stopped before
// they reach WXT's listener; a copy of ours left behind by an extension update stops itself instead
// when it sees its extension gone.

/** How often a running copy checks that its extension is still there (after an update it is not). */
export const ORPHAN_CHECK_MS = 5_000;

/**
 * Stop every `startedEvent` on its way to the document (window, capture phase: before any listener
 * on the document). Returns the function that removes the guard.
 */
export function ignoreStartedEvents(view: Window, startedEvent: string): () => void {
  const stop = (event: Event) => event.stopImmediatePropagation();
  view.addEventListener(startedEvent, stop, { capture: true });
  return () => view.removeEventListener(startedEvent, stop, { capture: true });
}
