// runtime.onMessage wiring: answer through sendResponse and return true (works with the real API,
// the polyfill and fake-browser alike; a listener returning a promise does not work in all three).
import { browser } from 'wxt/browser';
import type { MessageSender } from './handler';

type Handle = (message: unknown, sender: MessageSender) => Promise<unknown>;

/** `ignore`: messages another context of ours answers (left unanswered here, so its answer arrives). */
export function listenForMessages(handle: Handle, ignore: (message: unknown) => boolean = () => false): () => void {
  const listener = (message: unknown, sender: MessageSender, sendResponse: (response: unknown) => void) => {
    if (ignore(message)) return undefined;
    void handle(message, sender).then(sendResponse, (error: unknown) => sendResponse({ ok: false, error: String(error) }));
    return true as const;
  };
  browser.runtime.onMessage.addListener(listener as Parameters<typeof browser.runtime.onMessage.addListener>[0]);
  return () => browser.runtime.onMessage.removeListener(listener as Parameters<typeof browser.runtime.onMessage.removeListener>[0]);
}
