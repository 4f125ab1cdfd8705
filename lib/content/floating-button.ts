// A small on-page switch, in a shadow root so the page's CSS cannot reach it and ours cannot leak.
// Plain DOM rather than React: it is one button, and the content script ships on every page load.
import { createClosedHost } from '../render/closed-host';
import type { DisplayMode } from '../settings/defaults';

const LABEL: Record<DisplayMode, string> = { bilingual: '译 EN', replace: 'EN', off: '译' };
const TITLE: Record<DisplayMode, string> = {
  bilingual: 'RedNote Lens: bilingual. Click to turn translations off.',
  replace: 'RedNote Lens: translation only. Click to turn translations off.',
  off: 'RedNote Lens: off. Click to turn translations on.',
};

export const FLOATING_BUTTON_ID = 'rnl-floating-button';

export function mountFloatingButton(doc: Document, onClick: () => void) {
  const { host, shadow } = createClosedHost(doc, 'button', `
    :host { all: initial; position: fixed; z-index: 2147483000; right: 20px; bottom: 96px; }
    button { font: 600 13px/1 system-ui, sans-serif; border: none; border-radius: 999px; padding: 10px 14px; cursor: pointer;
      color: #fff; background: #ff2442; box-shadow: 0 2px 10px rgba(0,0,0,.18); }
    button[data-mode=off] { background: #fff; color: #ff2442; outline: 1px solid #ff2442; }
    button[data-alert] { background: #333; color: #fff; outline: none; }
    button:focus-visible { outline: 3px solid #1f5fa8; outline-offset: 2px; }`);
  host.id = FLOATING_BUTTON_ID;
  const button = doc.createElement('button');
  button.type = 'button';
  let clicks = 0;
  button.addEventListener('click', (event) => {
    clicks++;
    // isTrusted: a page script's synthetic click must not flip the reader's settings.
    if (event.isTrusted) onClick();
  });
  shadow.append(button);
  doc.body.append(host);
  let mode: DisplayMode = 'off';
  /** A state that stops translation (no translator, key refused …): shown instead of the mode, until it clears. */
  let alert: string | undefined;
  const render = () => {
    const title = alert ? `RedNote Lens: ${alert}` : TITLE[mode];
    button.dataset.mode = mode;
    button.toggleAttribute('data-alert', Boolean(alert));
    button.textContent = alert ? `${LABEL[mode]} ⚠` : LABEL[mode];
    button.title = title;
    button.setAttribute('aria-label', title);
  };
  return {
    update(next: DisplayMode) {
      mode = next;
      render();
    },
    setAlert(next: string | undefined) {
      alert = next;
      render();
    },
    /** The button shows a state to act on (its click then opens the welcome page). */
    get alerting() {
      return alert !== undefined;
    },
    /** The reader can hide the button in the popup, and bring it back. */
    setShown(shown: boolean) {
      if (!shown) host.remove();
      else if (!host.isConnected) doc.body.append(host);
    },
    remove: () => host.remove(),
    /** Clicks the button received, the reader's or not: a test waits for this, not for time. */
    clicks: () => clicks,
  };
}
