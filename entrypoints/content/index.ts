// The content script: settings in, page translator, glossary and floating button wired. Logic lives in lib/.
import { createGlossaryOnPage, HIGHLIGHT_CSS } from '../../lib/content/glossary-on-page';
import { createPageTranslator } from '../../lib/content/page-translator';
import { ignoreStartedEvents, ORPHAN_CHECK_MS } from '../../lib/content/start-guard';
import { mountFloatingButton } from '../../lib/content/floating-button';
import { followPageSettings, openWelcome, toggleTranslation, type PageSettings } from '../../lib/content/page-settings';
import { blockedButtonTitle, mountBlockedNotice, noticeWanted } from '../../lib/content/blocked-notice';
import type { BlockedState } from '../../lib/content/blocked-texts';
import { createImageTextOnPage } from '../../lib/content/image-text';
import { continueTranslating, requestTranslations, sendToWorker, writeInChinese } from '../../lib/messaging/client';
import { startWriteBack } from '../../lib/content/write-back';
import { followWriteShortcut } from '../../lib/content/write-back/shortcut';
import { BASE_CSS } from '../../lib/render/render';
import { SITE_MATCHES } from '../../lib/sites/xiaohongshu/hosts';
import { SITE_CSS } from '../../lib/sites/xiaohongshu/selectors';
import { ContentScriptContext } from 'wxt/utils/content-script-context';

export default defineContentScript({
  matches: SITE_MATCHES,
  runAt: 'document_idle',
  // No window.postMessage at start-up: it told every page script our extension id.
  noScriptStartedPostMessage: true,
  async main(ctx) {
    // A page script's forged "newer script started" event must not switch us off (start-guard.ts).
    // WXT's own name for the event (private in its types, public at run time; the e2e test checks it).
    const startedEvent = (ContentScriptContext as unknown as { SCRIPT_STARTED_MESSAGE_TYPE: string }).SCRIPT_STARTED_MESSAGE_TYPE;
    const unguard = ignoreStartedEvents(window, startedEvent);
    // Reading isInvalid ends the context once the extension is gone (updated or removed).
    const orphanCheck = setInterval(() => ctx.isInvalid, ORPHAN_CHECK_MS);
    const glossary = createGlossaryOnPage(document);
    // No translator, key refused, quota or budget: one notice and the button say so, not a line per text.
    let blocked: BlockedState | undefined;
    let noticeDismissed = false;
    const notice = mountBlockedNotice(document, { open: () => void openWelcome(), dismiss: () => (noticeDismissed = true) });
    const showBlocked = () => {
      const provider = state?.settings.provider ?? 'deepl';
      button.setAlert(blocked ? blockedButtonTitle(blocked.kind, provider) : undefined);
      if (blocked && noticeWanted(provider, noticeDismissed)) notice.show(blocked.kind, provider);
      else notice.remove();
    };
    const translator = createPageTranslator({
      doc: document,
      css: BASE_CSS + SITE_CSS + HIGHLIGHT_CSS,
      translate: requestTranslations,
      continueTranslating,
      onChineseText: (el, role) => glossary.see(el, role),
      onBlocked: (next) => {
        blocked = next;
        showBlocked();
      },
    });
    /** Clicks on the button, switches asked for by the page (the button is its only way to), settings taken. */
    const events = { buttonClicks: () => 0, toggles: 0, applied: 0, writeBack: () => 'closed' };
    // For the soak test, the benchmark and the e2e tests (through the DevTools protocol): this global
    // lives in the content script's isolated world, which page scripts cannot see.
    (globalThis as { __rnlStats?: unknown }).__rnlStats = () => ({ ...translator.stats(), ...glossary.stats(), buttonClicks: events.buttonClicks(), toggles: events.toggles, applied: events.applied, writeBack: events.writeBack() });
    // Text in images: Chrome only (recognition runs in an offscreen document; Firefox has none).
    const images = import.meta.env.BROWSER === 'firefox' ? undefined : createImageTextOnPage({ doc: document, recognise: (url) => sendToWorker({ type: 'recognise-image', url }), openImageAccess: () => sendToWorker({ type: 'open-image-access' }), signal: ctx.signal });
    (globalThis as { __rnlImageText?: unknown }).__rnlImageText = (measure?: boolean) => images?.describe(measure !== false) ?? [];
    (globalThis as { __rnlImageProgress?: unknown }).__rnlImageProgress = () => images?.progress() ?? { layers: 0, english: [], ready: [] };
    // Settings and glossary lists come from the worker (storage is closed to content scripts).
    let state: PageSettings | undefined;
    const following = followPageSettings((next) => {
      if (!state) return; // before the first answer: `ready` gives this push
      state = next;
      apply();
      // Pushed after a change of settings or key: what waited for the reader to fix it is asked for now
      // (images that lacked access to the image CDN too: pushed when it is granted).
      translator.retryBlocked();
      images?.retryAccess();
    });
    state = await following.ready;
    // Writing in Chinese: the control beside the box the reader is in (issue 15).
    const writeBack = startWriteBack(document, writeInChinese);
    events.writeBack = writeBack.state;
    const stopShortcut = followWriteShortcut(() => writeBack.shortcut());
    const button = mountFloatingButton(document, () => {
      if (button.alerting) return void openWelcome();
      events.toggles++;
      void toggleTranslation();
    });
    events.buttonClicks = button.clicks;
    let termsShown = '';
    const apply = () => {
      const { settings, userTerms, learned } = state!;
      const terms = JSON.stringify([userTerms, learned]);
      if (terms !== termsShown) glossary.setTerms(userTerms, learned);
      termsShown = terms;
      const here = !settings.disabledHosts.includes(location.host);
      // Underlines first, so texts the translator looks at next get them.
      void glossary.setEnabled(here && settings.mode !== 'off' && settings.highlightTerms).then(() => {
        translator.setSettings(settings, here);
        events.applied++;
      });
      writeBack.setEnabled(here);
      images?.setEnabled(here && settings.mode !== 'off', settings.translateImages);
      button.update(here ? settings.mode : 'off');
      button.setShown(settings.showFloatingButton);
    };
    apply();
    // Back online: texts showing "offline, retrying" ask again at once.
    ctx.addEventListener(window, 'online', (event) => event.isTrusted && translator.retryFailed());
    ctx.onInvalidated(() => {
      clearInterval(orphanCheck);
      unguard();
      following.stop();
      translator.stop();
      glossary.stop();
      button.remove();
      writeBack.stop();
      stopShortcut();
      notice.remove();
      images?.stop();
    });
  },
});
