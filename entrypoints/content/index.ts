import { SITE_MATCHES } from '../../lib/sites/xiaohongshu/hosts';

export default defineContentScript({
  matches: SITE_MATCHES,
  runAt: 'document_idle',
  main() {
    document.documentElement.dataset.rnlReady = '1';
  },
});
