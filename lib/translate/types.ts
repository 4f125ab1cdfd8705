// The provider contract: every translation backend (DeepL, on-device, test fakes) implements it.
// Framework-free: no extension APIs here, so providers are unit-tested with plain fetch fakes.
import type { TranslationError } from '../core/errors';
import type { Register } from '../core/provider-types';

export interface ProviderLimits {
  /** Texts per request (DeepL: 50). */
  maxTexts: number;
  /** Request body bytes, UTF-8 (DeepL: 128 KiB). */
  maxBytes: number;
}

export interface TranslateOptions {
  /** Source language code ('ZH'); omitted = let the provider detect. Required with a glossary. */
  source?: string;
  /** Target language code, DeepL style ('EN-US', 'EN-GB', 'DE', …). */
  target: string;
  /** Provider glossary id (DeepL), used only with `source`. */
  glossaryId?: string;
  /** Text that informs the translation but is not translated or billed (e.g. the note title for comments). */
  context?: string;
  signal?: AbortSignal;
  /** Writing: the register asked for; only sent to a provider whose `registers(target)` lists it. */
  register?: Register;
  /** Writing: the reader asked for the platform's own words (glossary/writing.ts), for a provider that takes them in its prompt (DeepL: glossaryId). */
  platformWords?: boolean;
}

export interface ProviderResult {
  text: string;
  /** Characters the provider billed for this text, when it says (DeepL show_billed_characters). */
  billedCharacters?: number;
  /** This text alone could not be translated (its siblings could): `text` is empty, the text's request fails with this. */
  error?: TranslationError;
  /** Made without the glossary asked for (DeepL refused its id, and the batch was sent again without it). */
  withoutGlossary?: boolean;
}

export interface TranslationProvider {
  /** Stable id, part of every cache key ('deepl', 'on-device'). */
  readonly id: string;
  readonly limits: ProviderLimits;
  /** Translate texts in order; results[i] belongs to texts[i]. Throws TranslationError. */
  translate(texts: readonly string[], options: TranslateOptions): Promise<ProviderResult[]>;
  /** The registers it can write in for this target (none if absent: DeepL has no formality for Chinese). */
  registers?(target: string): readonly Register[];
}
