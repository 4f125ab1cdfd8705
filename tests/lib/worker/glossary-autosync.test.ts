import { expect, test, vi } from 'vitest';
import { createGlossaryAutosync, type GlossaryState } from '../../../lib/worker/glossary-autosync';

const synced = { id: 'g1', version: 'v1', baseUrl: 'https://api-free.deepl.com', entries: 150, writingEntries: 120 };
const state = (change: Partial<GlossaryState> = {}): GlossaryState => ({ version: 'v2', synced, provider: 'deepl', key: 'k:fx', ...change });

test('terms changed after the glossary was sent: one sync starts, and nothing waits for it', () => {
  const sync = vi.fn(() => new Promise<never>(() => {})); // a DeepL that never answers
  const autosync = createGlossaryAutosync(sync);
  autosync.consider(state()); // returns at once, the sync still hanging
  autosync.consider(state());
  autosync.consider(state());
  expect(sync).toHaveBeenCalledOnce();
});

test('one attempt per version: a failed sync waits for the next change of the terms', async () => {
  let fail = true;
  const sync = vi.fn(async () => {
    if (fail) throw new Error('DeepL down');
  });
  const autosync = createGlossaryAutosync(sync);
  autosync.consider(state());
  await expect(sync.mock.results[0]?.value).rejects.toThrow('DeepL down');
  autosync.consider(state());
  expect(sync).toHaveBeenCalledTimes(1);
  fail = false;
  autosync.consider(state({ version: 'v3' }));
  expect(sync).toHaveBeenCalledTimes(2);
});

test('no sync when the reader never sent a glossary, it is current, DeepL is not the translator, or there is no key', () => {
  const sync = vi.fn(async () => {});
  const autosync = createGlossaryAutosync(sync);
  autosync.consider(state({ synced: null }));
  autosync.consider(state({ version: 'v1' }));
  autosync.consider(state({ provider: 'on-device' }));
  autosync.consider(state({ provider: 'off' }));
  autosync.consider(state({ key: '' }));
  expect(sync).not.toHaveBeenCalled();
  // The same version once DeepL has a key: now it goes.
  autosync.consider(state());
  expect(sync).toHaveBeenCalledOnce();
});

test('a glossary made before it had the EN → ZH dictionary for writing is made again once, though the terms did not change', () => {
  const sync = vi.fn(async () => {});
  const autosync = createGlossaryAutosync(sync);
  const { writingEntries: _, ...older } = synced;
  autosync.consider(state({ version: 'v1', synced: older }));
  autosync.consider(state({ version: 'v1', synced: older }));
  expect(sync).toHaveBeenCalledOnce();
});
