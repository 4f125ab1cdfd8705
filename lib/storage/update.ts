// Read-modify-write of a stored item that never works from stale state.
import type { WxtStorageItem } from 'wxt/utils/storage';

const chains = new Map<string, Promise<unknown>>();

/**
 * Replace an item's value with fn(its current value), read fresh from storage.
 *
 * Within one context (the worker, the popup, one page's content script) updates of an item run one
 * after another, each reading what the previous one wrote: two quick toggles give on → off → on,
 * never two writes of the same "off". Across contexts nothing can be promised: storage.local has no
 * compare-and-set, so an update in the popup and one in the worker at the same moment may still
 * interleave and the later write wins. Reading fresh narrows that window to one storage round trip
 * (instead of the life of a rendered popup), and in practice writers do not collide: the popup and the
 * page are written by the reader's hand, the worker by the reader's shortcut.
 */
export function updateItem<T>(item: WxtStorageItem<T, Record<string, unknown>>, fn: (current: T) => T): Promise<T> {
  const run = async () => {
    const next = fn(await item.getValue());
    await item.setValue(next);
    return next;
  };
  const previous = chains.get(item.key) ?? Promise.resolve();
  const result = previous.then(run, run);
  const settled = result.catch(() => {});
  chains.set(item.key, settled);
  // Forget a finished chain so the map does not keep the last promise of every item alive.
  void settled.then(() => chains.get(item.key) === settled && chains.delete(item.key));
  return result;
}
