// The content script: settings in, page translator, glossary and floating button wired. Logic lives in lib/.
import { createGlossaryOnPage, HIGHLIGHT_CSS } from '../../lib/content/glossary-on-page';
import { createPageTranslator } from '../../lib/content/page-translator';
import { mountFloatingButton } from '../../lib/content/floating-button';
import { requestTranslations } from '../../lib/messaging/client';
import { BASE_CSS } from '../../lib/render/render';
import { getSettings, settingsItem, toggleTranslation, withDefaults } from '../../lib/storage/settings';
import { SITE_MATCHES } from '../../lib/sites/xiaohongshu/hosts';
import { SITE_CSS } from '../../lib/sites/xiaohongshu/selectors';

export default defineContentScript({
  matches: SITE_MATCHES,
  runAt: 'document_idle',
  async main(ctx) {
    document.documentElement.dataset.rnlReady = '1';
    const glossary = createGlossaryOnPage(document);
    const translator = createPageTranslator({ doc: document, css: BASE_CSS + SITE_CSS + HIGHLIGHT_CSS, translate: requestTranslations, onChineseText: (el, role) => glossary.see(el, role) });
    /** Clicks on the button, switches asked for by the page (the button is its only way to), settings taken. */
    const events = { buttonClicks: () => 0, toggles: 0, applied: 0 };
    // For the soak test, the benchmark and the e2e tests (through the DevTools protocol): this global
    // lives in the content script's isolated world, which page scripts cannot see.
    (globalThis as { __rnlStats?: unknown }).__rnlStats = () => ({ ...translator.stats(), ...glossary.stats(), buttonClicks: events.buttonClicks(), toggles: events.toggles, applied: events.applied });
    let settings = await getSettings();
    const button = mountFloatingButton(document, () => {
      events.toggles++;
      void toggleTranslation();
    });
    events.buttonClicks = button.clicks;
    const apply = () => {
      const here = !settings.disabledHosts.includes(location.host);
      // Underlines first, so texts the translator looks at next get them.
      void glossary.setEnabled(here && settings.mode !== 'off' && settings.highlightTerms).then(() => {
        translator.setSettings(settings, here);
        events.applied++;
      });
      button.update(here ? settings.mode : 'off');
      button.setShown(settings.showFloatingButton);
    };
    apply();
    // Back online: texts showing "offline, retrying" ask again at once.
    ctx.addEventListener(window, 'online', () => translator.retryFailed());
    const unwatch = settingsItem.watch((next) => {
      settings = withDefaults(next);
      apply();
    });
    ctx.onInvalidated(() => {
      unwatch();
      translator.stop();
      glossary.stop();
      button.remove();
    });
  },
});
