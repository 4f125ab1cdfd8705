// Every shape an item was ever stored in, from every past version, migrates to the current shape.
// Raising an item's version without adding its new shape here fails the first test.
import { beforeEach, describe, expect, test } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { WxtStorageItem } from 'wxt/utils/storage';
import { BUILTIN_TERMS } from '../../../lib/glossary/terms';
import { DEFAULT_SETTINGS, type Settings } from '../../../lib/settings/defaults';
import { budgetCountItem, chatKeyItem, chatModelItem, deeplKeyItem, deeplServerItem, learnedItem, settingsItem, syncedGlossaryItem, userTermsItem } from '../../../lib/storage/items';
import { rawEntries, STORED, type StoredName } from '../../../lib/storage/keys';

const ITEMS: Record<StoredName, WxtStorageItem<unknown, Record<string, unknown>>> = {
  settings: settingsItem,
  deeplKey: deeplKeyItem,
  userTerms: userTermsItem,
  learned: learnedItem,
  budgetCount: budgetCountItem,
  syncedGlossary: syncedGlossaryItem,
  deeplServer: deeplServerItem,
  chatModel: chatModelItem,
  chatKey: chatKeyItem,
};

const v2Settings: Settings = { ...DEFAULT_SETTINGS, mode: 'replace', lastOnMode: 'replace', disabledHosts: ['www.rednote.com'], translate: { ...DEFAULT_SETTINGS.translate, nicknames: true }, monthlyBudget: 100_000 };

/** For each item, by version: shapes stored then, each with what it reads as today. */
const PAST: Record<StoredName, Record<number, Array<{ name: string; stored: unknown; now: unknown }>>> = {
  settings: {
    // Version 1 wrote whatever the popup had, and readers filled in fields added since.
    1: [
      { name: 'empty object', stored: {}, now: DEFAULT_SETTINGS },
      { name: 'a few fields', stored: { mode: 'off', lastOnMode: 'replace', translate: { nicknames: true } }, now: { ...DEFAULT_SETTINGS, mode: 'off', lastOnMode: 'replace', translate: { ...DEFAULT_SETTINGS.translate, nicknames: true } } },
      { name: 'complete', stored: v2Settings, now: v2Settings },
    ],
    2: [{ name: 'complete', stored: v2Settings, now: v2Settings }],
  },
  deeplKey: { 1: [{ name: 'a key', stored: 'abc:fx', now: 'abc:fx' }] },
  userTerms: { 1: [{ name: 'own terms', stored: [{ ...BUILTIN_TERMS[0], custom: true }], now: [{ ...BUILTIN_TERMS[0], custom: true }] }] },
  learned: { 1: [{ name: 'learned terms', stored: ['种草'], now: ['种草'] }] },
  budgetCount: { 1: [{ name: 'a month', stored: { month: '2026-11', billed: 1234 }, now: { month: '2026-11', billed: 1234 } }] },
  deeplServer: { 1: [{ name: 'a server', stored: 'https://api.deepl.com', now: 'https://api.deepl.com' }] },
  chatModel: { 1: [{ name: 'a local model', stored: { endpoint: 'http://localhost:11434/v1', model: 'qwen2.5:7b' }, now: { endpoint: 'http://localhost:11434/v1', model: 'qwen2.5:7b' } }] },
  // v1 was the key alone; with no endpoint stored it is tied to none (sent nowhere until saved again).
  chatKey: { 1: [{ name: 'a key', stored: 'sk-abc', now: { origin: '', key: 'sk-abc' } }], 2: [{ name: 'a key and its origin', stored: { origin: 'https://api.openai.com', key: 'sk-abc' }, now: { origin: 'https://api.openai.com', key: 'sk-abc' } }] },
  syncedGlossary: {
    1: [{ name: 'a glossary', stored: { id: 'g1', version: 'v', baseUrl: 'https://api-free.deepl.com', entries: 3 }, now: { id: 'g1', version: 'v', baseUrl: 'https://api-free.deepl.com', entries: 3 } }],
  },
};

beforeEach(() => fakeBrowser.reset());

test('every item has stored shapes for every version up to its current one', () => {
  for (const [name, { version }] of Object.entries(STORED)) {
    const versions = Object.keys(PAST[name as StoredName]).map(Number);
    expect(versions, name).toEqual(Array.from({ length: version }, (_, i) => i + 1));
  }
});

describe.each(Object.keys(STORED) as StoredName[])('%s', (name) => {
  const cases = Object.entries(PAST[name]).flatMap(([version, shapes]) => shapes.map((shape) => ({ version: Number(version), ...shape })));
  test.each(cases)('v$version, $name, reads as the current shape', async ({ version, stored, now }) => {
    const { key } = STORED[name];
    // Version 1 values were written without a version mark; later ones with it.
    await fakeBrowser.storage.local.set(version === 1 ? { [key]: stored } : { [key]: stored, [`${key}$`]: { v: version } });
    await ITEMS[name].migrate();
    expect(await ITEMS[name].getValue()).toEqual(now);
    // Stored migrated, so no reader has to fill anything in; an unmarked value counts as version 1.
    const raw = await fakeBrowser.storage.local.get([key, `${key}$`]);
    expect(raw[key]).toEqual(now);
    expect((raw[`${key}$`] as { v?: number } | undefined)?.v ?? 1).toBe(STORED[name].version);
  });
});

test('a v1 chat key is tied to the origin of the endpoint stored with it', async () => {
  await fakeBrowser.storage.local.set({ chatKey: 'sk-abc', ...rawEntries('chatModel', { endpoint: 'https://api.deepseek.com/v1', model: 'deepseek-chat' }) });
  await chatKeyItem.migrate();
  expect(await chatKeyItem.getValue()).toEqual({ origin: 'https://api.deepseek.com', key: 'sk-abc' });
});

test('nothing stored reads as the fallback, and the first write marks the current version', async () => {
  await settingsItem.migrate();
  expect(await settingsItem.getValue()).toEqual(DEFAULT_SETTINGS);
  await settingsItem.setValue(v2Settings);
  expect(await fakeBrowser.storage.local.get(['settings', 'settings$'])).toEqual(rawEntries('settings', v2Settings));
});
