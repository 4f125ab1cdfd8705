// The service worker: storage in, engine wired, messages answered. Logic lives in lib/.
import { browser } from 'wxt/browser';
import { openTranslationCache } from '../lib/cache';
import { glossaryVersionOf, mergeTerms } from '../lib/glossary/merge';
import { createMessageHandler } from '../lib/messaging/handler';
import { listenForMessages } from '../lib/messaging/listen';
import { toggleTranslation } from '../lib/storage/settings';
import { budgetCountItem, deeplKeyItem, settingsItem, syncedGlossaryItem, userTermsItem } from '../lib/storage/items';
import { createEngine, type Engine } from '../lib/worker/engine';
import { createGlossaryAutosync } from '../lib/worker/glossary-autosync';

export default defineBackground(() => {
  // The listener must be registered synchronously, so a message that woke the worker is not lost;
  // it waits for the engine, which needs storage and IndexedDB first.
  const ready: Promise<Engine> = (async () => {
    const [cache, budgetCount] = await Promise.all([openTranslationCache(), budgetCountItem.getValue()]);
    const engine = createEngine({
      cache,
      budgetCount: budgetCount ?? undefined,
      saveBudgetCount: (count) => void budgetCountItem.setValue(count),
      glossaryTerms: async () => mergeTerms(await userTermsItem.getValue()),
      saveSyncedGlossary: (glossary) => syncedGlossaryItem.setValue(glossary),
    });
    const autosync = createGlossaryAutosync(() => engine.syncGlossary());
    // One reconfiguration at a time, each reading fresh values: the last change always wins.
    let reconfiguring = Promise.resolve();
    const reconfigure = () => (reconfiguring = reconfiguring.then(applyStorage, applyStorage));
    const applyStorage = async () => {
      const [settings, key, userTerms, synced] = await Promise.all([settingsItem.getValue(), deeplKeyItem.getValue(), userTermsItem.getValue(), syncedGlossaryItem.getValue()]);
      const version = glossaryVersionOf(userTerms);
      engine.configure({ settings, key, glossary: { version, synced } });
      autosync.consider({ version, synced, provider: settings.provider, key });
    };
    // Watch first, then read: a change made while the worker starts is not missed.
    settingsItem.watch(() => void reconfigure());
    deeplKeyItem.watch(() => void reconfigure());
    userTermsItem.watch(() => void reconfigure());
    await reconfigure().catch(() => {}); // unreadable storage leaves the engine unconfigured: "no translator" in the page
    return engine;
  })();

  const handle = createMessageHandler({
    extensionId: browser.runtime.id,
    extensionOrigin: browser.runtime.getURL('/'),
    handlers: ready.then((engine) => engine.handlers),
  });
  listenForMessages(handle);

  // Going offline and back: what waited for the network goes now, not at the end of its backoff.
  for (const event of ['online', 'offline']) globalThis.addEventListener(event, () => void ready.then((engine) => engine.checkConnection()));

  // The keyboard shortcut (Alt+T unless the reader changed it in the browser's shortcut settings).
  browser.commands.onCommand.addListener((command) => {
    if (command === 'toggle-translation') void toggleTranslation();
  });
});
