// Typed, versioned settings in extension storage. The popup writes them; the content script and
// the worker watch them. The DeepL key is a separate item so nothing that reads settings sees it.
import { storage } from 'wxt/utils/storage';

export type DisplayMode = 'bilingual' | 'replace' | 'off';
export type ProviderChoice = 'deepl' | 'on-device' | 'off';

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
  /** Optional DeepL-compatible server (a proxy); empty = choose from the key (':fx' → free endpoint). */
  deeplServerUrl: string;
  /** Optional monthly character budget; 0 = none. */
  monthlyBudget: number;
  /** Underline glossary terms in the page. */
  highlightTerms: boolean;
  /** Show the floating on-page button. */
  showFloatingButton: boolean;
}

export const DEFAULT_SETTINGS: Settings = {
  mode: 'bilingual',
  lastOnMode: 'bilingual',
  disabledHosts: [],
  translate: { interface: true, titles: true, bodies: true, comments: true, nicknames: false },
  targetLang: 'EN-US',
  provider: 'deepl',
  deeplServerUrl: '',
  monthlyBudget: 0,
  highlightTerms: true,
  showFloatingButton: true,
};

export const settingsItem = storage.defineItem<Settings>('local:settings', {
  fallback: DEFAULT_SETTINGS,
  version: 1,
});

/** The DeepL API key: storage.local only, read by the worker and written by the popup. */
export const deeplKeyItem = storage.defineItem<string>('local:deeplKey', { fallback: '' });

/** Fill in fields added after a stored settings object was written. */
export function withDefaults(stored: Partial<Settings> | null | undefined): Settings {
  return {
    ...DEFAULT_SETTINGS,
    ...stored,
    translate: { ...DEFAULT_SETTINGS.translate, ...stored?.translate },
  };
}

export async function getSettings(): Promise<Settings> {
  return withDefaults(await settingsItem.getValue());
}

export async function updateSettings(patch: Partial<Settings>): Promise<Settings> {
  const next = withDefaults({ ...(await getSettings()), ...patch });
  await settingsItem.setValue(next);
  return next;
}

/** Show only the key's last characters in the UI. */
export function maskKey(key: string): string {
  if (!key) return '';
  return `••••${key.slice(-6)}`;
}
