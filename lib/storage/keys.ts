// Where each stored item lives in storage.local and which version of its shape is current: the only
// place a key name is written. Free of extension APIs, so Node-side code (the e2e harness, scripts)
// writes storage exactly as the extension reads it.

export const STORED = {
  settings: { key: 'settings', version: 2 },
  deeplKey: { key: 'deeplKey', version: 1 },
  userTerms: { key: 'glossary.userTerms', version: 1 },
  learned: { key: 'glossary.learned', version: 1 },
  budgetCount: { key: 'budgetCount', version: 1 },
  syncedGlossary: { key: 'deeplGlossary', version: 1 },
  deeplServer: { key: 'deeplServer', version: 1 },
  chatModel: { key: 'chatModel', version: 1 },
  chatKey: { key: 'chatKey', version: 2 },
} as const;

/** Items of storage.session (gone when the browser closes; trusted contexts only). */
export const SESSION = {
  pageTabs: 'pageTabs',
  pausedTabs: 'pausedTabs',
} as const;

export type StoredName = keyof typeof STORED;

/** WXT's key for an item in storage.local ('local:settings'). */
export const localKey = (name: StoredName) => `local:${STORED[name].key}` as const;

/**
 * The raw storage.local entries for a value, with the version mark WXT's storage keeps next to it
 * (under the key + '$'), so a value written from outside is not migrated again as if it were old.
 */
export function rawEntries(name: StoredName, value: unknown): Record<string, unknown> {
  const { key, version } = STORED[name];
  return { [key]: value, [`${key}$`]: { v: version } };
}
