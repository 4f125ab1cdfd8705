// The one notice a page gets while no text can be translated until the reader acts (no translator,
// key refused, quota used up, budget reached, no such model), instead of a line under every text. Like the volume
// prompt: a closed shadow root (the page can neither read nor restyle it), only the reader's own
// clicks (isTrusted) count, no figure of the account. Its button opens the welcome page.
import type { BlockingKind } from '../core/errors';
import type { ProviderChoice } from '../core/provider-types';
import { translatorName } from '../core/translator-words';
import { createClosedHost } from '../render/closed-host';

/** Why nothing is translated, and what a click on the notice (or the button) leads to, for each blocking kind. */
export function blockedNoticeText(kind: BlockingKind, provider: ProviderChoice): { reason: string; action: string } {
  const name = translatorName(provider);
  switch (kind) {
    case 'no-provider':
      if (provider === 'on-device') return { reason: 'the on-device translator needs Chinese first, so only labels, counts and dates are in English.', action: 'Download Chinese' };
      return { reason: 'no translator is set up yet, so only labels, counts and dates are in English.', action: 'Choose a translator' };
    case 'auth':
      return { reason: `${name} refused your key, so notes and comments are not translated.`, action: 'Check the key' };
    case 'quota':
      return { reason: `${name}'s quota for this month is used up, so notes and comments are not translated.`, action: 'Choose another translator' };
    case 'budget':
      return { reason: 'the monthly budget you set is reached, so notes and comments are not translated.', action: 'Change the budget or translator' };
    case 'no-model':
      return { reason: `${name}'s server has no model by the name you set, so notes and comments are not translated.`, action: 'Check the model' };
  }
}

/** The floating button's words for the same state (its click opens the welcome page too). */
export function blockedButtonTitle(kind: BlockingKind, provider: ProviderChoice): string {
  const { reason, action } = blockedNoticeText(kind, provider);
  return `${reason} Click to ${action[0]!.toLowerCase()}${action.slice(1)}.`;
}

/**
 * Whether the page shows the notice for a blocking state (the button shows it anyway): not once the
 * reader closed it on this page, nor when they chose no translator ("None": local answers only).
 */
export const noticeWanted = (provider: ProviderChoice, dismissed: boolean) => !dismissed && provider !== 'off';

export interface BlockedNoticeActions {
  /** The reader's click on the button: open the welcome page. */
  open(): void;
  /** The reader closed the notice (the floating button keeps the state). */
  dismiss(): void;
}

export function mountBlockedNotice(doc: Document, actions: BlockedNoticeActions) {
  const { host, shadow } = createClosedHost(doc, 'blocked-notice', `
    :host { all: initial; position: fixed; z-index: 2147483001; left: 50%; bottom: 24px; transform: translateX(-50%); }
    div { cursor: pointer; display: flex; align-items: center; gap: 12px; max-width: min(720px, 90vw); padding: 10px 10px 10px 16px; border-radius: 10px;
      font: 14px/1.4 system-ui, sans-serif; color: #fff; background: #333; box-shadow: 0 2px 12px rgba(0,0,0,.25); }
    button { font: 600 14px/1.2 system-ui, sans-serif; border: none; border-radius: 8px; padding: 8px 12px; cursor: pointer; color: #fff; background: #ff2442; white-space: nowrap; }
    button.close { background: transparent; color: #ccc; padding: 8px; font-size: 18px; }
    button:focus-visible { outline: 3px solid #8ab4f8; outline-offset: 2px; }`);
  const box = doc.createElement('div');
  box.setAttribute('role', 'status');
  const text = doc.createElement('span');
  const open = doc.createElement('button');
  open.type = 'button';
  const close = doc.createElement('button');
  close.type = 'button';
  close.className = 'close';
  close.textContent = '×';
  close.setAttribute('aria-label', 'Close this notice');
  // A click anywhere on the notice but its × opens the welcome page (the button says so). A page
  // script's synthetic click must not act for the reader.
  box.addEventListener('click', (event) => event.isTrusted && actions.open());
  close.addEventListener('click', (event) => {
    event.stopPropagation();
    if (!event.isTrusted) return;
    host.remove();
    actions.dismiss();
  });
  box.append(text, open, close);
  shadow.append(box);
  return {
    /** Show it (again) with this state's words. */
    show(kind: BlockingKind, provider: ProviderChoice) {
      const words = blockedNoticeText(kind, provider);
      text.textContent = `RedNote Lens: ${words.reason}`;
      open.textContent = words.action;
      if (!host.isConnected) (doc.body ?? doc.documentElement).append(host);
    },
    get shown() {
      return host.isConnected;
    },
    remove: () => host.remove(),
  };
}

export type BlockedNotice = ReturnType<typeof mountBlockedNotice>;
