// Typed, versioned settings in extension storage. The popup writes them; the content script and
// the worker watch them. The DeepL key is a separate item so nothing that reads settings sees it.
import { storage } from 'wxt/utils/storage';

export * from './defaults';
import { DEFAULT_SETTINGS, type Settings } from './defaults';

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
