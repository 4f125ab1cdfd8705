// The service worker: storage in, engine wired, messages answered. Logic lives in lib/.
import { browser } from 'wxt/browser';
import { openTranslationCache } from '../lib/cache';
import { glossaryVersionOf, mergeTerms } from '../lib/glossary/merge';
import { createMessageHandler } from '../lib/messaging/handler';
import { listenForMessages } from '../lib/messaging/listen';
import { isOcrRequest } from '../lib/messaging/ocr';
import { toggleTranslation } from '../lib/storage/settings';
import { budgetCountItem, deeplKeyItem, settingsItem, syncedGlossaryItem, userTermsItem } from '../lib/storage/items';
import { originsOf } from '../lib/deepl/hosts';
import { createDeeplServerSetting } from '../lib/worker/deepl-server';
import { createEngine, type Engine } from '../lib/worker/engine';
import { openImageTextCache } from '../lib/cache/image-text-cache';
import { createImageText } from '../lib/worker/image-text';
import { createOffscreenRecogniser } from '../lib/worker/offscreen';
import { createGlossaryAutosync } from '../lib/worker/glossary-autosync';
import { createPageSettingsPush } from '../lib/worker/page-settings-push';

export default defineBackground(() => {
  // First of all: storage.local for the extension's own pages and this worker only, not content
  // scripts (Chromium; Firefox has no setAccessLevel, see the README). The key lives there.
  const local = browser.storage.local as { setAccessLevel?(options: { accessLevel: string }): Promise<void> };
  void local.setAccessLevel?.({ accessLevel: 'TRUSTED_CONTEXTS' }).catch(() => {});

  const manifest = browser.runtime.getManifest() as { host_permissions?: string[]; permissions?: string[] };
  const server = createDeeplServerSetting(originsOf(manifest.host_permissions ?? manifest.permissions ?? []));
  const pageSettings = createPageSettingsPush({ send: (tabId, message) => browser.tabs.sendMessage(tabId, message) });
  pageSettings.watch();

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
      const [settings, key, serverUrl, userTerms, synced] = await Promise.all([settingsItem.getValue(), deeplKeyItem.getValue(), server.read(), userTermsItem.getValue(), syncedGlossaryItem.getValue()]);
      const version = glossaryVersionOf(userTerms);
      engine.configure({ settings, key, serverUrl, glossary: { version, synced } });
      autosync.consider({ version, synced, provider: settings.provider, key });
    };
    // Watch first, then read: a change made while the worker starts is not missed.
    settingsItem.watch(() => void reconfigure());
    deeplKeyItem.watch(() => void reconfigure());
    server.watch(() => void reconfigure());
    userTermsItem.watch(() => void reconfigure());
    await reconfigure().catch(() => {}); // unreadable storage leaves the engine unconfigured: "no translator" in the page
    return engine;
  })();

  // Text in images: recognised in the offscreen document (Chrome), cached per image URL.
  const imageText = openImageTextCache().then((cache) => createImageText({ cache, recognise: createOffscreenRecogniser((globalThis as unknown as { chrome: Parameters<typeof createOffscreenRecogniser>[0] }).chrome) }));

  const handle = createMessageHandler({
    extensionId: browser.runtime.id,
    extensionOrigin: browser.runtime.getURL('/'),
    handlers: Promise.all([ready, imageText]).then(([engine, images]) => ({
      ...engine.handlers,
      ...pageSettings.handlers,
      ...server.handlers,
      ...images.handlers,
      // "Clear translation cache" forgets the recognised text of images too (a hit answers faster: a page could time it).
      'clear-cache': async (request, sender) => (await images.clear(), engine.handlers['clear-cache'](request, sender)),
    })),
  });
  // The offscreen document's requests are its own to answer.
  listenForMessages(handle, isOcrRequest);

  // Going offline and back: what waited for the network goes now, not at the end of its backoff.
  for (const event of ['online', 'offline']) globalThis.addEventListener(event, () => void ready.then((engine) => engine.checkConnection()));

  // The keyboard shortcut (Alt+T unless the reader changed it in the browser's shortcut settings).
  browser.commands.onCommand.addListener((command) => {
    if (command === 'toggle-translation') void toggleTranslation();
  });
});
