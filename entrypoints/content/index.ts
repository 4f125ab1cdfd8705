// The content script: settings in, page translator, glossary and floating button wired. Logic lives in lib/.
import { createGlossaryOnPage, HIGHLIGHT_CSS } from '../../lib/content/glossary-on-page';
import { createPageTranslator } from '../../lib/content/page-translator';
import { mountFloatingButton } from '../../lib/content/floating-button';
import { followPageSettings, toggleTranslation, type PageSettings } from '../../lib/content/page-settings';
import { requestTranslations } from '../../lib/messaging/client';
import { BASE_CSS } from '../../lib/render/render';
import { SITE_MATCHES } from '../../lib/sites/xiaohongshu/hosts';
import { SITE_CSS } from '../../lib/sites/xiaohongshu/selectors';

export default defineContentScript({
  matches: SITE_MATCHES,
  runAt: 'document_idle',
  async main(ctx) {
    document.documentElement.dataset.rnlReady = '1';
    const glossary = createGlossaryOnPage(document);
    const translator = createPageTranslator({ doc: document, css: BASE_CSS + SITE_CSS + HIGHLIGHT_CSS, translate: requestTranslations, onChineseText: (el, role) => glossary.see(el, role) });
    // For the soak test and benchmark (through the DevTools protocol): this global lives in the
    // content script's isolated world, which page scripts cannot see.
    (globalThis as { __rnlStats?: unknown }).__rnlStats = () => ({ ...translator.stats(), ...glossary.stats() });
    // Settings and glossary lists come from the worker (storage is closed to content scripts).
    let state: PageSettings | undefined;
    const following = followPageSettings((next) => {
      if (!state) return; // before the first answer: `ready` gives this push
      state = next;
      apply();
    });
    state = await following.ready;
    const button = mountFloatingButton(document, () => void toggleTranslation());
    let termsShown = '';
    const apply = () => {
      const { settings, userTerms, learned } = state!;
      const terms = JSON.stringify([userTerms, learned]);
      if (terms !== termsShown) glossary.setTerms(userTerms, learned);
      termsShown = terms;
      const here = !settings.disabledHosts.includes(location.host);
      // Underlines first, so texts the translator looks at next get them.
      void glossary.setEnabled(here && settings.mode !== 'off' && settings.highlightTerms).then(() => translator.setSettings(settings, here));
      button.update(here ? settings.mode : 'off');
      button.setShown(settings.showFloatingButton);
    };
    apply();
    // Back online: texts showing "offline, retrying" ask again at once.
    ctx.addEventListener(window, 'online', () => translator.retryFailed());
    ctx.onInvalidated(() => {
      following.stop();
      translator.stop();
      glossary.stop();
      button.remove();
    });
  },
});
