import { beforeEach, expect, test, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { followPageSettings } from '../../../lib/content/page-settings';
import { listenForMessages } from '../../../lib/messaging/listen';
import { DEFAULT_SETTINGS } from '../../../lib/settings/defaults';

beforeEach(() => fakeBrowser.reset());

const ID = fakeBrowser.runtime.id;
const initial = { settings: DEFAULT_SETTINGS, userTerms: [], learned: [] };
const pushed = (mode: 'off' | 'replace') => ({ type: 'page-settings-changed', settings: { ...DEFAULT_SETTINGS, mode }, userTerms: [], learned: ['种草'] });

/** The worker's side, answering the page-settings request (the fake browser delivers it to every listener). */
const worker = () => listenForMessages(async (message) => ((message as { type?: string }).type === 'page-settings' ? { ok: true, value: initial } : undefined));

test('asks the worker once, then follows its pushes', async () => {
  worker();
  const changes = vi.fn();
  const following = followPageSettings(changes, ID);
  expect(await following.ready).toEqual(initial);
  await fakeBrowser.runtime.onMessage.trigger(pushed('off'), { id: ID }, () => {});
  expect(changes).toHaveBeenLastCalledWith({ settings: { ...DEFAULT_SETTINGS, mode: 'off' }, userTerms: [], learned: ['种草'] });
  following.stop();
  await fakeBrowser.runtime.onMessage.trigger(pushed('replace'), { id: ID }, () => {});
  expect(changes).toHaveBeenCalledTimes(1);
});

test('a worker that does not answer the first ask is asked again until it does', async () => {
  let failures = 2;
  listenForMessages(async (message) => {
    if ((message as { type?: string }).type !== 'page-settings') return undefined;
    if (failures-- > 0) return { ok: false, error: 'The worker is starting' };
    return { ok: true, value: initial };
  });
  const following = followPageSettings(() => {}, ID, [1]);
  expect(await following.ready).toEqual(initial);
  expect(failures).toBe(-1);
  following.stop();
});

test('ignores messages from elsewhere and of another shape', async () => {
  worker();
  const changes = vi.fn();
  const following = followPageSettings(changes, ID);
  await following.ready;
  await fakeBrowser.runtime.onMessage.trigger(pushed('off'), { id: 'another-extension' }, () => {});
  await fakeBrowser.runtime.onMessage.trigger(pushed('off'), {}, () => {});
  await fakeBrowser.runtime.onMessage.trigger({ ...pushed('off'), settings: { ...DEFAULT_SETTINGS, mode: 'everything' } }, { id: ID }, () => {});
  await fakeBrowser.runtime.onMessage.trigger({ ...pushed('off'), learned: 'all' }, { id: ID }, () => {});
  expect(changes).not.toHaveBeenCalled();
  following.stop();
});
