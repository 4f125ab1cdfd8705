// The welcome page: what RedNote Lens does and the choice of translator. It is the options page's
// #welcome view (the options page's trust: it may say where a key goes). Opened on install, from the
// popup, and from a page that has no translator (content scripts cannot open extension pages: they
// ask the worker, `open-welcome`).
import type { Handlers } from '../messaging/handler';

export const WELCOME_PATH = '/options.html#welcome';

export interface WelcomeDeps {
  /** runtime.getURL */
  urlOf(path: string): string;
  /** tabs.create (needs no permission) */
  openTab(options: { url: string; openerTabId?: number; index?: number }): Promise<unknown>;
}

/** runtime.onInstalled: a first install only, not an update or a browser update. */
export const opensOnInstall = (details: { reason: string }) => details.reason === 'install';

export function createWelcome(deps: WelcomeDeps) {
  /** `path`: another view of the options page (the welcome page by default). */
  const open = (near?: { id?: number; index?: number }, path = WELCOME_PATH) =>
    deps.openTab({
      url: deps.urlOf(path),
      // Beside the page that asked, so closing it leads back there.
      ...(near?.id !== undefined ? { openerTabId: near.id } : {}),
      ...(near?.index !== undefined ? { index: near.index + 1 } : {}),
    });
  const handlers: Pick<Handlers, 'open-welcome'> = {
    'open-welcome': async (_request, sender) => {
      await open(sender.tab);
      return { ok: true };
    },
  };
  return { open, handlers };
}
