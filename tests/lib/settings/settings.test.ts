import { beforeEach, expect, test } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { DEFAULT_SETTINGS, getSettings, maskKey, settingsItem, toggledMode, updateSettings, withDefaults } from '../../../lib/storage/settings';

beforeEach(() => fakeBrowser.reset());

test('stored settings missing newer fields get their defaults', () => {
  expect(withDefaults({ mode: 'replace', translate: { nicknames: true } as never })).toEqual({
    ...DEFAULT_SETTINGS,
    mode: 'replace',
    translate: { ...DEFAULT_SETTINGS.translate, nicknames: true },
  });
});

test('updates merge into what is stored', async () => {
  await updateSettings({ targetLang: 'EN-GB' });
  await updateSettings({ mode: 'replace' });
  expect(await getSettings()).toMatchObject({ targetLang: 'EN-GB', mode: 'replace' });
  expect((await settingsItem.getValue()).translate).toEqual(DEFAULT_SETTINGS.translate);
});

test('the shortcut and the button toggle between off and the last mode that was on', () => {
  const replace = { ...DEFAULT_SETTINGS, mode: 'replace' as const };
  const off = { ...replace, ...toggledMode(replace) };
  expect(off).toMatchObject({ mode: 'off', lastOnMode: 'replace' });
  expect(toggledMode(off)).toEqual({ mode: 'replace', lastOnMode: 'replace' });
});

test('the key is never shown back in full', () => {
  expect(maskKey('abcdef12-3456-7890-abcd-ef1234567890:fx')).toBe('••••890:fx');
  expect(maskKey('')).toBe('');
});
