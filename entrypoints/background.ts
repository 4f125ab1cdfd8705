// The service worker: storage in, engine wired, messages answered. Logic lives in lib/.
import { browser } from 'wxt/browser';
import { openTranslationCache } from '../lib/cache';
import { glossaryVersionOf, mergeTerms } from '../lib/glossary/merge';
import { createMessageHandler, type Handlers } from '../lib/messaging/handler';
import { listenForMessages } from '../lib/messaging/listen';
import { isOcrRequest } from '../lib/messaging/ocr';
import type { WriteShortcutPush } from '../lib/messaging/contract';
import { toggleTranslation } from '../lib/storage/settings';
import { chatKeyFor, chatOriginsOf, checkChatEndpoint } from '../lib/chat/endpoint';
import { budgetCountItem, chatKeyItem, chatModelItem, deeplKeyItem, pausedTabsItem, settingsItem, syncedGlossaryItem, userTermsItem } from '../lib/storage/items';
import { originsOf } from '../lib/deepl/hosts';
import { createDeeplServerSetting } from '../lib/worker/deepl-server';
import { createEngine, type Engine } from '../lib/worker/engine';
import { openImageTextCache } from '../lib/cache/image-text-cache';
import { createImageText, lazyImageText, linesInTabsName } from '../lib/worker/image-text';
import { offscreenCanvas, renderOverlay } from '../lib/ocr/overlay';
import { imageAccess } from '../lib/ocr/image-access';
import { createOffscreenRecogniser } from '../lib/worker/offscreen';
import { createGlossaryAutosync } from '../lib/worker/glossary-autosync';
import { createPageSettingsPush } from '../lib/worker/page-settings-push';
import { createWelcome, opensOnInstall } from '../lib/worker/welcome';

/** Chrome's APIs WXT's `browser` does not type: the offscreen document's, and the contexts of our own pages. */
type ChromeApis = Parameters<typeof createOffscreenRecogniser>[0];
type PageContext = { tabId: number; windowId: number; documentUrl?: string };

export default defineBackground(() => {
  // First of all: storage.local for the extension's own pages and this worker only, not content
  // scripts (Chromium; Firefox has no setAccessLevel, see the README). The key lives there.
  const local = browser.storage.local as { setAccessLevel?(options: { accessLevel: string }): Promise<void> };
  void local.setAccessLevel?.({ accessLevel: 'TRUSTED_CONTEXTS' }).catch(() => {});

  const manifest = browser.runtime.getManifest() as { host_permissions?: string[]; permissions?: string[]; optional_host_permissions?: string[]; optional_permissions?: string[] };
  const chatOrigins = chatOriginsOf(manifest);
  const server = createDeeplServerSetting(originsOf(manifest.host_permissions ?? manifest.permissions ?? []));
  const pageSettings = createPageSettingsPush({ send: (tabId, message) => browser.tabs.sendMessage(tabId, message) });
  pageSettings.watch();
  const chrome = (globalThis as unknown as { chrome: ChromeApis }).chrome;
  const welcome = createWelcome({
    urlOf: (path) => browser.runtime.getURL(path as '/options.html'),
    openTab: (options) => browser.tabs.create(options),
    optionsTabs: async () => {
      const options = browser.runtime.getURL('/options.html');
      const tabs = ((await chrome.runtime.getContexts?.({ contextTypes: ['TAB'] })) ?? []) as PageContext[];
      return tabs.filter((c) => c.documentUrl?.startsWith(options) && c.tabId >= 0);
    },
    showTab: async ({ tabId, windowId }, url) => {
      await browser.tabs.update(tabId, { active: true, url });
      await browser.windows.update(windowId, { focused: true });
    },
    hasImageAccess: imageAccess.has,
  });
  // Registered synchronously, like the message listener: the install event wakes the worker.
  browser.runtime.onInstalled.addListener((details) => {
    if (opensOnInstall(details)) void welcome.open();
  });

  /** The engine taking the stored state in; a translate message waits for it (below). */
  let reconfiguring = Promise.resolve();
  // The listener must be registered synchronously, so a message that woke the worker is not lost;
  // it waits for the engine, which needs storage and IndexedDB first.
  const ready: Promise<Engine> = (async () => {
    const [cache, budgetCount, pausedTabs] = await Promise.all([openTranslationCache(), budgetCountItem.getValue(), pausedTabsItem.getValue()]);
    const engine = createEngine({
      cache,
      budgetCount: budgetCount ?? undefined,
      saveBudgetCount: (count) => void budgetCountItem.setValue(count),
      pausedTabs,
      savePausedTabs: (tabs) => pausedTabsItem.setValue(tabs),
      glossaryTerms: async () => mergeTerms(await userTermsItem.getValue()),
      saveSyncedGlossary: (glossary) => syncedGlossaryItem.setValue(glossary),
      hasHostAccess: (pattern) => browser.permissions.contains({ origins: [pattern] }),
      chatOrigins,
    });
    const autosync = createGlossaryAutosync(() => engine.syncGlossary());
    // One reconfiguration at a time, each reading fresh values: the last change always wins.
    const reconfigure = () => (reconfiguring = reconfiguring.then(applyStorage, applyStorage));
    const applyStorage = async () => {
      const [settings, key, serverUrl, userTerms, synced, chatModel, chatKey] = await Promise.all([
        settingsItem.getValue(),
        deeplKeyItem.getValue(),
        server.read(),
        userTermsItem.getValue(),
        syncedGlossaryItem.getValue(),
        chatModelItem.getValue(),
        chatKeyItem.getValue(),
      ]);
      const version = glossaryVersionOf(userTerms);
      // The chat endpoint is used only once the reader granted host access to it (asked at run time).
      const endpoint = checkChatEndpoint(chatModel.endpoint, chatOrigins);
      const granted = endpoint.ok && (await browser.permissions.contains({ origins: [endpoint.permission] }).catch(() => false));
      // The key goes only to the origin it was saved for.
      const chatKeyToSend = endpoint.ok ? chatKeyFor(chatKey, endpoint.origin) : '';
      engine.configure({ settings, key, serverUrl, glossary: { version, synced }, chat: { ...chatModel, key: chatKeyToSend, granted } });
      autosync.consider({ version, synced, provider: settings.provider, key });
    };
    // Watch first, then read: a change made while the worker starts is not missed.
    settingsItem.watch(() => void reconfigure());
    // A new key, endpoint or host access also goes to the pages (as a push of their unchanged settings):
    // texts held for "no translator" or "key refused" are asked for again at once, not at their next re-ask.
    const reconfigureAndTell = () => void reconfigure().then(() => pageSettings.push());
    deeplKeyItem.watch(reconfigureAndTell);
    server.watch(() => void reconfigure());
    userTermsItem.watch(() => void reconfigure());
    chatModelItem.watch(reconfigureAndTell);
    chatKeyItem.watch(reconfigureAndTell);
    browser.permissions.onAdded.addListener(reconfigureAndTell);
    browser.permissions.onRemoved.addListener(() => void reconfigure());
    await reconfigure().catch(() => {}); // unreadable storage leaves the engine unconfigured: "no translator" in the page
    return engine;
  })();

  // Pages ask again as soon as a change of settings or key is pushed to them: the answer must come from
  // the new translator, not from the state before the engine took the change in (images' lines too).
  const translate: Handlers['translate'] = async (request, sender) => {
    const engine = await ready;
    await reconfiguring.catch(() => {});
    return engine.handlers.translate(request, sender);
  };

  // Text in images: recognised in the offscreen document (Chrome), cached per image URL; opened on first use.
  // Their English through the engine, in the asking tab's name, drawn here over a picture of their own.
  const images = lazyImageText(() =>
    openImageTextCache().then((cache) =>
      createImageText({
        cache,
        recognise: createOffscreenRecogniser(chrome),
        hasAccess: imageAccess.has,
        translate: linesInTabsName(translate, browser.runtime.id),
        render: (lines, width, height) => renderOverlay(offscreenCanvas, lines, width, height),
      }),
    ),
  );

  const handle = createMessageHandler({
    extensionId: browser.runtime.id,
    extensionOrigin: browser.runtime.getURL('/'),
    handlers: ready.then((engine) => ({
      ...engine.handlers,
      translate,
      // "Retry now" (the popup), or the on-device pack downloaded (the welcome page): the pages ask
      // again for what they hold now too, through a push of their settings.
      'retry-now': (request, sender) => engine.handlers['retry-now'](request, sender).finally(() => void pageSettings.push()),
      ...pageSettings.handlers,
      ...server.handlers,
      ...welcome.handlers,
      ...images.handlers,
      // "Clear translation cache" forgets the recognised text of images too (a hit answers faster: a page could time it).
      'clear-cache': async (request, sender) => (await images.clear(), engine.handlers['clear-cache'](request, sender)),
    })),
  });
  // The offscreen document's requests are its own to answer.
  listenForMessages(handle, isOcrRequest);

  // A closed tab's rate-limit state (and its place in the saved paused tabs) goes with it.
  browser.tabs.onRemoved.addListener((tabId) => void ready.then((engine) => engine.forgetTab(tabId)));

  // Going offline and back: what waited for the network goes now, not at the end of its backoff.
  for (const event of ['online', 'offline']) globalThis.addEventListener(event, () => void ready.then((engine) => engine.checkConnection()));

  // The keyboard shortcut (Alt+T unless the reader changed it in the browser's shortcut settings).
  browser.commands.onCommand.addListener((command, tab) => {
    if (command === 'toggle-translation') void toggleTranslation();
    // Alt+Shift+T: the tab's write-back control translates the box the reader is in (a tab without our content script ignores it).
    if (command === 'write-in-chinese' && tab?.id !== undefined) browser.tabs.sendMessage(tab.id, { type: 'write-in-chinese' } satisfies WriteShortcutPush).catch(() => {});
  });
});
