// The key a translation is cached under is the glossary it was made with, as the queue reports it,
// not the one it was asked with.
import { expect, test } from 'vitest';
import { cacheKey, NO_GLOSSARY_VERSION, openTranslationCache } from '../../../lib/cache';
import type { QueueState, Translated, TranslationQueue } from '../../../lib/translate/queue';
import { createTranslationService } from '../../../lib/translate/service';

/** A queue that answers every text at once with this translation. */
const answering = (translated: Translated) =>
  ({ translate: async () => translated, has: () => false, state: (): QueueState => ({ queued: 0, inFlight: 0 }), nextChange: () => new Promise<void>(() => {}) }) as unknown as TranslationQueue;

const asked = { provider: 'deepl', source: 'ZH', target: 'EN-US', glossaryVersion: 'v1', glossaryId: 'g1' };
const keyWith = (glossaryVersion: string) => cacheKey({ ...asked, glossaryVersion, text: '种草' });

test.each([
  ['made with the glossary asked for: under its version', { text: 'recommend', glossaryId: 'g1' }, 'v1'],
  ['made without it (refused): under no glossary', { text: 'zhong cao' }, NO_GLOSSARY_VERSION],
  ['made with another glossary (made meanwhile): not cached', { text: 'seed', glossaryId: 'g2' }, undefined],
] as const)('%s', async (_, translated, version) => {
  const cache = await openTranslationCache({ indexedDB: null });
  const service = createTranslationService({ cache, queue: answering(translated), keyParts: () => asked, maxTextBytes: () => 100_000 });
  expect(await service.translateSegments([{ id: '1', text: '种草' }])).toEqual([{ id: '1', ok: true, text: translated.text, fromCache: false }]);
  const stored = await cache.getMany([keyWith('v1'), keyWith(NO_GLOSSARY_VERSION), keyWith('g2')]);
  expect([...stored]).toEqual(version === undefined ? [] : [[keyWith(version), translated.text]]);
});
