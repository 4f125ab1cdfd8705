// What a page needs of the stored state, served by the worker: content scripts cannot read
// storage.local (closed to them where the browser allows it), so they ask here, and every tab that
// asked gets each change pushed to it. The key and the server URL are never part of it.
import * as v from 'valibot';
import { PageSettingsSchema, type PageSettings, type PageSettingsPush } from '../messaging/contract';
import type { Handlers } from '../messaging/handler';
import { learnedItem, setLearned, userTermsItem } from '../storage/glossary';
import { pageTabsItem } from '../storage/items';
import { settingsItem, toggleTranslation } from '../storage/settings';
import { updateItem } from '../storage/update';

export interface PageSettingsPushDeps {
  /** browser.tabs.sendMessage; rejects when the tab is gone or has no content script of ours. */
  send(tabId: number, message: PageSettingsPush): Promise<unknown>;
}

export type PageSettingsHandlers = Pick<Handlers, 'page-settings' | 'set-learned' | 'toggle-translation'>;

/** The stored state as the page may see it: parsed through the contract, so nothing else goes along. */
async function readPageSettings(): Promise<PageSettings> {
  const [settings, userTerms, learned] = await Promise.all([settingsItem.getValue(), userTermsItem.getValue(), learnedItem.getValue()]);
  return v.parse(PageSettingsSchema, { settings, userTerms, learned });
}

export function createPageSettingsPush(deps: PageSettingsPushDeps) {
  const remember = (tabId: number) => updateItem(pageTabsItem, (tabs) => (tabs.includes(tabId) ? tabs : [...tabs, tabId]));
  const forget = (gone: readonly number[]) => updateItem(pageTabsItem, (tabs) => tabs.filter((t) => !gone.includes(t)));

  /** Send the current state to every tab that asked; a tab that cannot be reached is dropped. One push at a time, each reading fresh state, so the last change is the last one sent. */
  let pushing = Promise.resolve();
  const push = (): Promise<void> => (pushing = pushing.then(pushNow, pushNow));
  async function pushNow(): Promise<void> {
    const [tabs, state] = await Promise.all([pageTabsItem.getValue(), readPageSettings()]);
    const message: PageSettingsPush = { type: 'page-settings-changed', ...state };
    const outcomes = await Promise.all(tabs.map((tabId) => deps.send(tabId, message).then(() => undefined, () => tabId)));
    const gone = outcomes.filter((t): t is number => t !== undefined);
    if (gone.length) await forget(gone);
  }

  const handlers: PageSettingsHandlers = {
    'page-settings': async (_request, sender) => {
      if (sender.tab?.id !== undefined) await remember(sender.tab.id);
      return readPageSettings();
    },
    'set-learned': async (request) => {
      await setLearned(request.term, request.learned);
      return { ok: true };
    },
    'toggle-translation': async () => {
      await toggleTranslation();
      return { ok: true };
    },
  };

  /** Push on every change of what the page sees, whoever made it (popup, shortcut, a page). */
  function watch(): () => void {
    const unwatch = [settingsItem, userTermsItem, learnedItem].map((item) => item.watch(() => void push()));
    return () => unwatch.forEach((u) => u());
  }

  return { handlers, push, watch };
}
