// The welcome page: what RedNote Lens does and the choice of translator. It is the options page's
// #welcome view (the options page's trust: it may say where a key goes). Opened on install, from the
// popup, and from a page that has no translator (content scripts cannot open extension pages: they
// ask the worker, `open-welcome`).
import type { Handlers } from '../messaging/handler';
import type { ImageAccessOpened } from '../messaging/ocr';
import { IMAGE_ACCESS_PATH } from './image-text';

export const WELCOME_PATH = '/options.html#welcome';

export interface WelcomeDeps {
  /** runtime.getURL */
  urlOf(path: string): string;
  /** tabs.create (needs no permission) */
  openTab(options: { url: string; openerTabId?: number; index?: number }): Promise<unknown>;
  /** The tabs showing the options page (runtime.getContexts: our own pages, no permission needed). */
  optionsTabs?(): Promise<Array<{ tabId: number; windowId: number }>>;
  /** That tab in front, at `url` (tabs.update, windows.update). */
  showTab?(tab: { tabId: number; windowId: number }, url: string): Promise<unknown>;
  /** Whether the reader granted host access to the image CDN. */
  hasImageAccess?(): Promise<boolean>;
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
  /** `path` in an options tab already open (the reader's clicks on several images: one tab), else in a new one. */
  const show = async (near: { id?: number; index?: number } | undefined, path: string) => {
    const [existing] = (await deps.optionsTabs?.()) ?? [];
    if (existing && deps.showTab) await deps.showTab(existing, deps.urlOf(path));
    else await open(near, path);
  };
  const handlers: Pick<Handlers, 'open-welcome' | 'open-image-access'> = {
    'open-welcome': async (_request, sender) => {
      await open(sender.tab);
      return { ok: true };
    },
    // Only while access is really missing: a page script cannot open tabs by sending this.
    'open-image-access': async (_request, sender): Promise<ImageAccessOpened> => {
      if (await (deps.hasImageAccess?.() ?? Promise.resolve(false))) return { ok: false, reason: 'granted' };
      try {
        await show(sender.tab, IMAGE_ACCESS_PATH);
        return { ok: true };
      } catch {
        return { ok: false, reason: 'not-opened' };
      }
    },
  };
  return { open, handlers };
}
