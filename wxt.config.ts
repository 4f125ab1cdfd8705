import { defineConfig } from 'wxt';
import { DEEPL_HOST_PERMISSIONS } from './lib/deepl/hosts';

export default defineConfig({
  modules: ['@wxt-dev/module-react', '@wxt-dev/webextension-polyfill'],
  // `npm start` / `npm run demo` open Chromium themselves (scripts/open-browser.ts).
  webExt: { disabled: true },
  manifest: ({ browser }) => ({
    name: 'RedNote Lens',
    description: 'Read Xiaohongshu (RedNote) in English: inline translations and a glossary of platform vocabulary.',
    permissions: ['storage'],
    host_permissions: DEEPL_HOST_PERMISSIONS,
    action: { default_title: 'RedNote Lens' },
    commands: {
      'toggle-translation': { suggested_key: { default: 'Alt+T' }, description: 'Turn translations on or off' },
    },
    ...(browser === 'firefox'
      ? { browser_specific_settings: { gecko: { id: 'rednote-lens@rednote-lens.dev', data_collection_permissions: { required: ['websiteContent'] } } } }
      : {}),
  }),
});
