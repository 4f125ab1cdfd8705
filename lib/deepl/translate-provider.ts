// DeepL as a translation provider: /v2/translate through the client. Types only from deepl-node,
// where they match the wire format.
import type { TextResult } from 'deepl-node';
import { TranslationError } from '../core/errors';
import type { ProviderResult, TranslateOptions, TranslationProvider } from '../translate/types';
import { createDeeplClient, DEEPL_TIMEOUT_MS, type DeeplAccess } from './client';

/** DeepL's documented request limits. */
export const DEEPL_LIMITS = { maxTexts: 50, maxBytes: 128 * 1024 } as const;

export interface DeeplProviderConfig extends DeeplAccess {
  /**
   * DeepL refused a glossary id (deleted on its side, or of another account) and the batch was
   * translated without it: the owner should stop sending it and make the glossary again.
   */
  onGlossaryMissing?(glossaryId: string): void;
}

interface WireTranslation {
  text: string;
  detected_source_language: string;
  billed_characters?: number;
}

export function createDeeplProvider(config: DeeplProviderConfig): TranslationProvider {
  const client = createDeeplClient(config);
  return {
    id: 'deepl',
    limits: DEEPL_LIMITS,
    async translate(texts, options: TranslateOptions): Promise<ProviderResult[]> {
      if (!texts.length) return [];
      const send = (glossaryId: string | undefined) =>
        client.request({
          method: 'POST',
          path: '/v2/translate',
          body: requestBody(texts, { ...options, glossaryId }),
          signal: options.signal,
          timeoutMs: DEEPL_TIMEOUT_MS.translate,
        });
      let answer: unknown;
      let withoutGlossary = false;
      try {
        answer = await send(options.glossaryId);
      } catch (error) {
        // DeepL answers 400 or 404 for a glossary it does not know. Sent again without it: if that
        // works, the glossary was at fault; if not, the request's own error stands.
        const status = error instanceof TranslationError ? error.status : undefined;
        if (!options.glossaryId || (status !== 400 && status !== 404)) throw error;
        answer = await send(undefined);
        withoutGlossary = true;
        config.onGlossaryMissing?.(options.glossaryId);
      }
      const translations = (answer as { translations?: WireTranslation[] } | undefined)?.translations;
      if (!Array.isArray(translations) || translations.length !== texts.length || translations.some((t) => typeof t?.text !== 'string')) {
        throw new TranslationError('unavailable', 'DeepL sent an answer of the wrong shape');
      }
      return translations.map((t) => ({ text: t.text, billedCharacters: t.billed_characters, ...(withoutGlossary ? { withoutGlossary } : {}) }) satisfies Pick<TextResult, 'text'> & ProviderResult);
    },
  };
}

/** The JSON body of a /v2/translate request. */
export function requestBody(texts: readonly string[], options: Pick<TranslateOptions, 'source' | 'target' | 'glossaryId' | 'context'>) {
  return {
    text: texts,
    target_lang: options.target,
    // A glossary needs source_lang; otherwise short Chinese snippets are also better with it set
    // than detected (DeepL's own advice for short texts), so the worker always sends ZH.
    ...(options.source ? { source_lang: options.source } : {}),
    ...(options.glossaryId && options.source ? { glossary_id: options.glossaryId } : {}),
    ...(options.context ? { context: options.context } : {}),
    show_billed_characters: true,
  };
}
