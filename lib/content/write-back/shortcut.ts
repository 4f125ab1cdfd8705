// The write-in-Chinese shortcut reaches the page as the worker's message (a browser command): the
// page side listens for no keys, so a page's synthetic keydown cannot trigger it.
import { browser } from 'wxt/browser';
import * as v from 'valibot';
import { WriteShortcutPushSchema } from '../../messaging/contract';

type Sender = { id?: string; tab?: unknown };

export function followWriteShortcut(onShortcut: () => void, extensionId = browser.runtime.id) {
  const listener = (message: unknown, sender: Sender) => {
    // Only our worker (no tab): another content script of ours cannot stand in for the reader either.
    if (sender.id !== extensionId || sender.tab || !v.is(WriteShortcutPushSchema, message)) return;
    onShortcut();
  };
  type Listener = Parameters<typeof browser.runtime.onMessage.addListener>[0];
  browser.runtime.onMessage.addListener(listener as unknown as Listener);
  return () => browser.runtime.onMessage.removeListener(listener as unknown as Listener);
}
