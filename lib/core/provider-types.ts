// Facts about translators that every layer names: which one the reader chose, what the on-device
// one can do, the account's usage. Bottom layer: imports nothing.

export type ProviderChoice = 'deepl' | 'on-device' | 'chat' | 'off';

export type OnDeviceAvailability = 'available' | 'downloadable' | 'downloading' | 'unavailable' | 'absent';

export interface Usage {
  characterCount: number;
  characterLimit: number;
}

/**
 * A register a translator can be asked for when writing (the reader's own text into Chinese).
 * DeepL's `formality` has no effect on Chinese; a chat-model translator can be told to write casually.
 */
export type Register = 'casual';
