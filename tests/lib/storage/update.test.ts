import { beforeEach, expect, test } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { addOrUpdateUserTerms, setLearned } from '../../../lib/storage/glossary';
import { BUILTIN_TERMS } from '../../../lib/glossary/terms';
import { getSettings, toggleTranslation, updateSettings } from '../../../lib/storage/settings';
import { learnedItem, settingsItem, userTermsItem } from '../../../lib/storage/items';
import { updateItem } from '../../../lib/storage/update';

beforeEach(() => fakeBrowser.reset());

test('two quick toggles in a row both take effect', async () => {
  await updateSettings({ mode: 'replace', lastOnMode: 'replace' });
  const seen: string[] = [];
  const unwatch = settingsItem.watch((s) => seen.push(s.mode));
  // Neither waits for the other, as with two quick Alt+T presses.
  await Promise.all([toggleTranslation(), toggleTranslation()]);
  unwatch();
  expect(seen).toEqual(['off', 'replace']);
  expect(await getSettings()).toMatchObject({ mode: 'replace', lastOnMode: 'replace' });
});

test('changes given as functions see the changes made just before them', async () => {
  await Promise.all([
    updateSettings((s) => ({ disabledHosts: [...s.disabledHosts, 'www.xiaohongshu.com'] })),
    updateSettings((s) => ({ disabledHosts: [...s.disabledHosts, 'www.rednote.com'] })),
    updateSettings((s) => ({ translate: { ...s.translate, nicknames: true } })),
    updateSettings((s) => ({ translate: { ...s.translate, titles: false } })),
  ]);
  expect(await getSettings()).toMatchObject({ disabledHosts: ['www.xiaohongshu.com', 'www.rednote.com'], translate: { nicknames: true, titles: false } });
});

test('glossary lists changed at once keep every change', async () => {
  await Promise.all([setLearned('种草', true), setLearned('宝子', true), setLearned('薯条', true)]);
  expect(await learnedItem.getValue()).toEqual(['种草', '宝子', '薯条']);
  await Promise.all(BUILTIN_TERMS.slice(0, 3).map((t) => addOrUpdateUserTerms([t])));
  expect((await userTermsItem.getValue()).map((t) => t.term)).toEqual(BUILTIN_TERMS.slice(0, 3).map((t) => t.term));
});

test('an update that throws is rejected alone; the next one still runs', async () => {
  const failing = updateItem(learnedItem, () => {
    throw new Error('bad change');
  });
  const next = updateItem(learnedItem, (list) => [...list, 'yyds']);
  await expect(failing).rejects.toThrow('bad change');
  expect(await next).toEqual(['yyds']);
  expect(await learnedItem.getValue()).toEqual(['yyds']);
});
