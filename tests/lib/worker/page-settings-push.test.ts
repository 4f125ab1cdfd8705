import { beforeEach, expect, test, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { PageSettingsPush } from '../../../lib/messaging/contract';
import { DEFAULT_SETTINGS } from '../../../lib/settings/defaults';
import { deeplKeyItem, deeplServerItem, learnedItem, pageTabsItem, settingsItem } from '../../../lib/storage/items';
import { createPageSettingsPush } from '../../../lib/worker/page-settings-push';

beforeEach(() => fakeBrowser.reset());

const tab = (id: number) => ({ id: 'x', url: 'https://www.xiaohongshu.com/explore', tab: { id } });

function setup(reachable = (_tabId: number) => true) {
  const sent: Array<{ tabId: number; message: PageSettingsPush }> = [];
  const send = vi.fn(async (tabId: number, message: PageSettingsPush) => {
    if (!reachable(tabId)) throw new Error('Could not establish connection. Receiving end does not exist.');
    sent.push({ tabId, message });
  });
  return { sent, push: createPageSettingsPush({ send }) };
}

test('a page gets the settings and its lists, never the key or the server, even if stored settings carry more', async () => {
  await deeplKeyItem.setValue('secret-key:fx');
  await deeplServerItem.setValue('https://api.deepl.com');
  await fakeBrowser.storage.local.set({ settings: { ...DEFAULT_SETTINGS, mode: 'replace', deeplServerUrl: 'https://attacker.example' }, 'settings$': { v: 2 } });
  await learnedItem.setValue(['种草']);
  const { push } = setup();
  const answer = await push.handlers['page-settings']({ type: 'page-settings' }, tab(7));
  expect(answer).toEqual({ settings: { ...DEFAULT_SETTINGS, mode: 'replace' }, userTerms: [], learned: ['种草'] });
  expect(JSON.stringify(answer)).not.toMatch(/secret-key|attacker|api\.deepl/);
  expect(await pageTabsItem.getValue()).toEqual([7]);
});

test('every tab that asked gets each change; a tab that cannot be reached is dropped', async () => {
  const { sent, push } = setup((tabId) => tabId !== 2);
  for (const id of [1, 2, 3, 1]) await push.handlers['page-settings']({ type: 'page-settings' }, tab(id));
  expect(await pageTabsItem.getValue()).toEqual([1, 2, 3]);
  const stop = push.watch();
  await settingsItem.setValue({ ...DEFAULT_SETTINGS, mode: 'off' });
  await vi.waitFor(() => expect(sent.map((s) => s.tabId)).toEqual([1, 3]));
  expect(sent[0]!.message).toMatchObject({ type: 'page-settings-changed', settings: { mode: 'off' } });
  await vi.waitFor(async () => expect(await pageTabsItem.getValue()).toEqual([1, 3]));
  stop();
});

test('the page marks terms learned and toggles translation through the worker, on the stored state', async () => {
  const { sent, push } = setup();
  await push.handlers['page-settings']({ type: 'page-settings' }, tab(4));
  push.watch();
  await push.handlers['set-learned']({ type: 'set-learned', term: '种草', learned: true }, tab(4));
  expect(await learnedItem.getValue()).toEqual(['种草']);
  await vi.waitFor(() => expect(sent.at(-1)?.message.learned).toEqual(['种草']));
  await push.handlers['toggle-translation']({ type: 'toggle-translation' }, tab(4));
  expect(await settingsItem.getValue()).toMatchObject({ mode: 'off', lastOnMode: 'bilingual' });
  await vi.waitFor(() => expect(sent.at(-1)?.message.settings.mode).toBe('off'));
});
