// The service worker: storage in, engine wired, messages answered. Logic lives in lib/.
import { browser } from 'wxt/browser';
import { storage } from 'wxt/utils/storage';
import { openTranslationCache } from '../lib/cache';
import { createMessageHandler } from '../lib/messaging/handler';
import { listenForMessages } from '../lib/messaging/listen';
import { deeplKeyItem, getSettings, settingsItem, toggledMode, updateSettings } from '../lib/settings';
import type { MonthlyCount } from '../lib/usage/budget';
import { createEngine, type Engine } from '../lib/worker/engine';

const budgetItem = storage.defineItem<MonthlyCount | null>('local:budgetCount', { fallback: null });

export default defineBackground(() => {
  // The listener must be registered synchronously, so a message that woke the worker is not lost;
  // it waits for the engine, which needs storage and IndexedDB first.
  const ready: Promise<Engine> = (async () => {
    const [cache, budgetCount] = await Promise.all([openTranslationCache(), budgetItem.getValue()]);
    const engine = createEngine({ cache, budgetCount: budgetCount ?? undefined, saveBudgetCount: (count) => void budgetItem.setValue(count) });
    const reconfigure = async () => engine.configure({ settings: await getSettings(), key: await deeplKeyItem.getValue() });
    await reconfigure();
    settingsItem.watch(() => void reconfigure());
    deeplKeyItem.watch(() => void reconfigure());
    return engine;
  })();

  const handle = createMessageHandler({
    extensionId: browser.runtime.id,
    extensionOrigin: browser.runtime.getURL('/'),
    handlers: ready.then((engine) => engine.handlers),
  });
  listenForMessages(handle);

  // The keyboard shortcut (Alt+T unless the reader changed it in the browser's shortcut settings).
  browser.commands.onCommand.addListener((command) => {
    if (command === 'toggle-translation') void getSettings().then((settings) => updateSettings(toggledMode(settings)));
  });
});
