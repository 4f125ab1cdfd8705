// The one prompt a page gets when the worker paused it for an unusual amount of text (a page script
// may be spending the reader's quota). In a closed shadow root: the page can neither read it nor
// style it away; only the reader's own click (isTrusted) continues. It says no figure of the account.
import { createClosedHost } from '../render/closed-host';

export const VOLUME_NOTICE_TEXT = 'RedNote Lens: unusual amount of text to translate on this page. Continue translating?';

export function mountVolumeNotice(doc: Document, onContinue: () => void) {
  const { host, shadow } = createClosedHost(doc, 'notice', `
    :host { all: initial; position: fixed; z-index: 2147483001; left: 50%; bottom: 24px; transform: translateX(-50%); }
    button { font: 500 14px/1.4 system-ui, sans-serif; border: none; border-radius: 10px; padding: 12px 18px; cursor: pointer;
      color: #fff; background: #333; box-shadow: 0 2px 12px rgba(0,0,0,.25); max-width: 90vw; }
    button:focus-visible { outline: 3px solid #1f5fa8; outline-offset: 2px; }`);
  const button = doc.createElement('button');
  button.type = 'button';
  button.textContent = VOLUME_NOTICE_TEXT;
  button.addEventListener('click', (event) => {
    // A page script's synthetic click must not say yes for the reader.
    if (!event.isTrusted) return;
    host.remove();
    onContinue();
  });
  shadow.append(button);
  (doc.body ?? doc.documentElement).append(host);
  return {
    get shown() {
      return host.isConnected;
    },
    remove: () => host.remove(),
  };
}

export type VolumeNotice = ReturnType<typeof mountVolumeNotice>;
