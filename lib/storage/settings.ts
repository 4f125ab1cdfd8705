// Settings in extension storage. The popup writes them; the content script and the worker watch them.
// The items themselves are defined with all others in items.ts; the shape and defaults in lib/settings.
import { toggledMode, type Settings } from '../settings/defaults';
import { deeplKeyItem, settingsItem } from './items';
import { updateItem } from './update';

export * from '../settings/defaults';
export { deeplKeyItem, settingsItem };

export function getSettings(): Promise<Settings> {
  return settingsItem.getValue();
}

/**
 * Change settings. Give a function of the current settings whenever the change depends on them
 * (a toggle, a list that grows): it runs on fresh state, never on what a view rendered a moment ago.
 */
export function updateSettings(change: Partial<Settings> | ((current: Settings) => Partial<Settings>)): Promise<Settings> {
  return updateItem(settingsItem, (current) => ({ ...current, ...(typeof change === 'function' ? change(current) : change) }));
}

/** The shortcut and the floating button: off ↔ the last mode that was on, from the settings as stored now. */
export function toggleTranslation(): Promise<Settings> {
  return updateSettings(toggledMode);
}

/** Show only the key's last characters in the UI. */
export function maskKey(key: string): string {
  if (!key) return '';
  return `••••${key.slice(-6)}`;
}
