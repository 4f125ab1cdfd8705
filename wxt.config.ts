import { defineConfig } from 'wxt';
import { chatHostPermissions } from './lib/chat/endpoint';
import { DEEPL_HOST_PERMISSIONS, originsOf } from './lib/deepl/hosts';
import { OCR_BUILD_FILES, OCR_CONNECT_SOURCES, OCR_HOST_PERMISSIONS, ORT_ALIAS } from './lib/ocr/build-files';

/**
 * Origins the worker may send the key to besides DeepL's own: a DeepL-compatible proxy's, given at
 * build time (RNL_DEEPL_SERVERS='https://proxy.example' npm run build). They go into the host
 * permissions and the CSP's connect-src, which must be fixed in the manifest (see the README).
 */
const extraServers = originsOf((process.env.RNL_DEEPL_SERVERS ?? '').split(',').map((s) => s.trim()).filter((s) => s.startsWith('https://')));
const hostPermissions = [...DEEPL_HOST_PERMISSIONS, ...extraServers.map((origin) => `${origin}/*`)];
/**
 * Chat-model servers: the hosted APIs lib/chat/endpoint.ts lists, local servers, and others given at
 * build time (RNL_CHAT_SERVERS='https://llm.example' npm run build). Optional host permissions, each
 * asked for at run time; the CSP's connect-src lists the same origins (any port for local servers).
 */
const extraChatServers = originsOf((process.env.RNL_CHAT_SERVERS ?? '').split(',').map((s) => s.trim()).filter((s) => s.startsWith('https://')));
const chatPermissions = chatHostPermissions(extraChatServers);
const connectSrc = originsOf([...hostPermissions, ...chatPermissions]).map((origin) => (origin.startsWith('http:') ? `${origin}:*` : origin));

export default defineConfig({
  modules: ['@wxt-dev/module-react', '@wxt-dev/webextension-polyfill'],
  // `npm start` / `npm run demo` open Chromium themselves (scripts/open-browser.ts).
  webExt: { disabled: true },
  // RNL_UNMINIFIED=1: readable function names for profiling the content script (`npm run profile`).
  // ORT_ALIAS: onnxruntime-web's runtime as files of the extension, not inlined (lib/ocr/build-files.ts).
  vite: () => ({ resolve: { alias: ORT_ALIAS }, ...(process.env.RNL_UNMINIFIED ? { build: { minify: false } } : {}) }),
  hooks: {
    // Text in images (Chrome only: it runs in an offscreen document): the models are copied from
    // node_modules into the build, and fetched on first use.
    'build:publicAssets': (wxt, files) => {
      if (wxt.config.browser !== 'firefox') files.push(...OCR_BUILD_FILES);
    },
  },
  manifest: ({ browser, command, manifestVersion }) => ({
    name: 'RedNote Lens',
    description: 'Read Xiaohongshu (RedNote) in English: inline translations and a glossary of platform vocabulary.',
    permissions: ['storage', ...(browser === 'firefox' ? [] : ['offscreen'])],
    host_permissions: hostPermissions,
    // A chat-model endpoint: asked for at run time, one host at a time. MV2 (Firefox) has no
    // optional_host_permissions, and WXT drops it there: optional_permissions hold hosts in MV2.
    // In Chrome the image CDN too (text in images), asked on the reader's first image.
    ...(manifestVersion === 2 ? { optional_permissions: chatPermissions } : { optional_host_permissions: [...chatPermissions, ...(browser === 'firefox' ? [] : OCR_HOST_PERMISSIONS)] }),
    action: { default_title: 'RedNote Lens' },
    commands: {
      'toggle-translation': { suggested_key: { default: 'Alt+T' }, description: 'Turn translations on or off' },
      'write-in-chinese': { suggested_key: { default: 'Alt+Shift+T' }, description: 'Write the English in the focused box in Chinese (shows it first)' },
    },
    // The worker and our pages connect to the DeepL servers and the chat-model servers above, and
    // nowhere else. Built extensions only: `wxt` dev mode talks to its dev server over a websocket,
    // which this would block. In Chrome, text in images adds 'wasm-unsafe-eval' (onnxruntime's
    // WebAssembly), 'self' (the model files of the extension) and the image CDN (the note images).
    ...(command === 'build'
      ? browser === 'firefox'
        ? { content_security_policy: { extension_pages: `script-src 'self'; object-src 'self'; connect-src ${connectSrc.join(' ')}` } }
        : { content_security_policy: { extension_pages: `script-src 'self' 'wasm-unsafe-eval'; object-src 'self'; connect-src 'self' ${[...connectSrc, ...OCR_CONNECT_SOURCES].join(' ')}` } }
      : {}),
    // Cross-origin isolated pages (Chrome): SharedArrayBuffer, so onnxruntime can recognise on several threads
    // in the offscreen document. Our pages embed nothing from other origins, and fetches (CORS) are not affected.
    // onnxruntime's build for WebGPU and WebAssembly alike needs WebAssembly JSPI (Chrome 137): not a minimum for the
    // whole extension; the offscreen document checks it and an older Chrome's image says so (lib/ocr/backend.ts, requireJspi).
    ...(browser === 'firefox'
      ? {}
      : { cross_origin_embedder_policy: { value: 'require-corp' }, cross_origin_opener_policy: { value: 'same-origin' } }),
    ...(browser === 'firefox'
      ? { browser_specific_settings: { gecko: { id: 'rednote-lens@rednote-lens.dev', data_collection_permissions: { required: ['websiteContent'] } } } }
      : {}),
  }),
});
