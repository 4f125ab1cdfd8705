// A keyless provider: the browser's own on-device translator (Chrome's Translator API, Chrome 138+
// desktop; Debian's Chromium exposes it to extension service workers too, with language packs to
// download). Firefox and Safari have no such API: there the choice says 'absent'.
import { TranslationError } from '../core/errors';
import type { OnDeviceAvailability } from '../core/provider-types';
import type { ProviderResult, TranslateOptions, TranslationProvider } from './types';

export interface TranslatorLike {
  translate(text: string): Promise<string>;
  destroy?(): void;
}

/** What create() reports while it downloads a language pack (`loaded` of `total`, 1 by default). */
export interface DownloadMonitor {
  addEventListener(type: 'downloadprogress', listener: (event: { loaded: number; total?: number }) => void): void;
}

export interface TranslatorApiLike {
  availability(options: { sourceLanguage: string; targetLanguage: string }): Promise<string>;
  create(options: { sourceLanguage: string; targetLanguage: string; monitor?(monitor: DownloadMonitor): void }): Promise<TranslatorLike>;
}

export function findTranslatorApi(scope: unknown = globalThis): TranslatorApiLike | undefined {
  const api = (scope as { Translator?: TranslatorApiLike }).Translator;
  return api && typeof api.availability === 'function' && typeof api.create === 'function' ? api : undefined;
}

/** DeepL target codes to the BCP 47 tags the Translator API takes. */
export function toBcp47(deeplTarget: string): string {
  const code = deeplTarget.toUpperCase();
  if (code === 'ZH-HANT') return 'zh-Hant';
  return code.split('-')[0]!.toLowerCase();
}

const languageName = (bcp47: string) => ({ zh: 'Chinese', en: 'English' })[bcp47] ?? bcp47;

export async function onDeviceAvailability(api = findTranslatorApi(), target = 'EN-US', source = 'ZH'): Promise<OnDeviceAvailability> {
  if (!api) return 'absent';
  try {
    const state = await api.availability({ sourceLanguage: toBcp47(source), targetLanguage: toBcp47(target) });
    return (['available', 'downloadable', 'downloading', 'unavailable'] as const).find((s) => s === state) ?? 'unavailable';
  } catch {
    return 'unavailable';
  }
}

export function createOnDeviceProvider(api = findTranslatorApi(), options: { createTimeoutMs?: number } = {}): TranslationProvider {
  const translators = new Map<string, Promise<TranslatorLike>>();

  /** One translator per pair: reading is zh → the reader's language, writing en → zh. */
  async function translatorFor(target: string, source = 'ZH'): Promise<TranslatorLike> {
    if (!api) throw new TranslationError('no-provider', 'This browser has no on-device translator (Chrome 138+ on desktop has one). Add a DeepL key instead.');
    const language = toBcp47(target);
    const from = toBcp47(source);
    const state = await onDeviceAvailability(api, target, source);
    if (state === 'unavailable') throw new TranslationError('unsupported', `The on-device translator cannot translate ${languageName(from)} to ${language}.`);
    const pair = `${from}>${language}`;
    let pending = translators.get(pair);
    if (!pending) {
      // Without a downloaded language pack create() waits for a download that needs a user gesture,
      // and offline it never settles: give up after a while and say what to do.
      pending = withTimeout(api.create({ sourceLanguage: from, targetLanguage: language }), options.createTimeoutMs ?? 10_000).catch((error: unknown) => {
        translators.delete(pair);
        // Not a fault of these texts: nothing can be translated until the reader downloads the pack
        // (a click: the download needs one), so sending stops, and the page shows one notice.
        if (state !== 'available') {
          throw new TranslationError('no-provider', `Chrome's on-device translator needs its ${languageName(from)}→${language} language pack: press "Download Chinese" on the RedNote Lens welcome page or in the popup.`);
        }
        throw new TranslationError('network', `The on-device translator did not start: ${String((error as Error)?.message ?? error)}`);
      });
      translators.set(pair, pending);
    }
    return pending;
  }

  return {
    id: 'on-device',
    // One text at a time on the device: small batches keep the page's first answers quick.
    limits: { maxTexts: 20, maxBytes: 64 * 1024 },
    async translate(texts: readonly string[], options: TranslateOptions): Promise<ProviderResult[]> {
      const translator = await translatorFor(options.target, options.source);
      const out: ProviderResult[] = [];
      for (const text of texts) {
        try {
          out.push({ text: await translator.translate(text), billedCharacters: 0 });
        } catch (error) {
          throw new TranslationError('network', `The on-device translator failed: ${String((error as Error)?.message ?? error)}`);
        }
      }
      return out;
    },
  };
}

/**
 * Download the Chinese language pack for this target: call it from a click in an extension page
 * (create() needs the user's gesture to download). Progress as a share from 0 to 1.
 */
export async function downloadLanguagePack(api: TranslatorApiLike | undefined, target: string, onProgress?: (share: number) => void): Promise<void> {
  if (!api) throw new Error('This browser has no on-device translator.');
  const translator = await api.create({
    sourceLanguage: 'zh',
    targetLanguage: toBcp47(target),
    monitor: (monitor) => monitor.addEventListener('downloadprogress', (event) => onProgress?.(event.total ? event.loaded / event.total : event.loaded)),
  });
  // Only the download was wanted here: the worker makes its own translator.
  translator.destroy?.();
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('timed out')), ms);
    promise.then(
      (value) => (clearTimeout(timer), resolve(value)),
      (error: unknown) => (clearTimeout(timer), reject(error)),
    );
  });
}
