// The settings' shape and defaults, free of extension APIs so Node-side code (tests, scripts) can import them.

import type { ProviderChoice } from '../core/provider-types';

export type { ProviderChoice };
export type DisplayMode = 'bilingual' | 'replace' | 'off';

export interface Settings {
  /** bilingual: translation under the original; replace: translation only, original on hover; off: nothing. */
  mode: DisplayMode;
  /** Mode to return to when the shortcut or floating button turns translation back on. */
  lastOnMode: Exclude<DisplayMode, 'off'>;
  /** Hosts the reader switched off ('www.rednote.com'). */
  disabledHosts: string[];
  /** What to translate, by role. */
  translate: { interface: boolean; titles: boolean; bodies: boolean; comments: boolean; nicknames: boolean };
  /** DeepL target language code. */
  targetLang: string;
  provider: ProviderChoice;
  /** Optional monthly character budget; 0 = none. */
  monthlyBudget: number;
  /** Underline glossary terms in the page. */
  highlightTerms: boolean;
  /** Show the floating on-page button (the popup and the shortcut switch modes too). */
  showFloatingButton: boolean;
  /** Text in images (Chrome): translate a note's carousel images when it opens, not only on a click (seconds of CPU each). */
  translateImages: boolean;
}

export const DEFAULT_SETTINGS: Settings = {
  mode: 'bilingual',
  lastOnMode: 'bilingual',
  disabledHosts: [],
  translate: { interface: true, titles: true, bodies: true, comments: true, nicknames: false },
  targetLang: 'EN-US',
  provider: 'deepl',
  monthlyBudget: 0,
  highlightTerms: true,
  showFloatingButton: true,
  translateImages: false,
};

/** A stored settings object of version 1 made complete: fields added after it was written get their defaults. */
export function withDefaults(stored: Partial<Settings> | null | undefined): Settings {
  return {
    ...DEFAULT_SETTINGS,
    ...stored,
    translate: { ...DEFAULT_SETTINGS.translate, ...stored?.translate },
  };
}

/** The shortcut and the floating button: off ↔ the last mode that was on. */
export function toggledMode(settings: Settings): Pick<Settings, 'mode' | 'lastOnMode'> {
  return settings.mode === 'off' ? { mode: settings.lastOnMode, lastOnMode: settings.lastOnMode } : { mode: 'off', lastOnMode: settings.mode };
}
