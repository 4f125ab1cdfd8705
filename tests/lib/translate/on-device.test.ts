import { expect, test } from 'vitest';
import { createOnDeviceProvider, downloadLanguagePack, findTranslatorApi, onDeviceAvailability, toBcp47, type TranslatorApiLike } from '../../../lib/translate/on-device';
import { TranslationError } from '../../../lib/core/errors';

function fakeApi(state: string, create: TranslatorApiLike['create'] = async () => ({ translate: async (t) => `on-device(${t})` })) {
  let creates = 0;
  const api: TranslatorApiLike = {
    availability: async () => state,
    create: async (o) => {
      creates++;
      return create(o);
    },
  };
  return { api, creates: () => creates };
}

test('language codes', () => {
  expect(toBcp47('EN-US')).toBe('en');
  expect(toBcp47('ZH-HANT')).toBe('zh-Hant');
  expect(toBcp47('PT-BR')).toBe('pt');
});

test('writing: one translator per pair, en → zh for the source and target asked', async () => {
  const pairs: string[] = [];
  const asked: string[] = [];
  const api: TranslatorApiLike = {
    availability: async (o) => (asked.push(`${o.sourceLanguage}>${o.targetLanguage}`), 'available'),
    create: async (o) => (pairs.push(`${o.sourceLanguage}>${o.targetLanguage}`), { translate: async (t) => `${o.targetLanguage}(${t})` }),
  };
  const provider = createOnDeviceProvider(api);
  expect(await provider.translate(['hello'], { source: 'EN', target: 'ZH-HANS' })).toEqual([{ text: 'zh(hello)', billedCharacters: 0 }]);
  expect(await provider.translate(['你好'], { source: 'ZH', target: 'EN-US' })).toEqual([{ text: 'en(你好)', billedCharacters: 0 }]);
  expect(pairs).toEqual(['en>zh', 'zh>en']);
  expect(asked).toEqual(['en>zh', 'zh>en']);
});

test('availability: absent without the API, the API state otherwise', async () => {
  expect(findTranslatorApi({})).toBeUndefined();
  expect(await onDeviceAvailability(undefined)).toBe('absent');
  expect(await onDeviceAvailability(fakeApi('downloadable').api)).toBe('downloadable');
  expect(await onDeviceAvailability(fakeApi('weird').api)).toBe('unavailable');
});

test('translates texts in order with one translator per target, reused', async () => {
  const { api, creates } = fakeApi('available');
  const provider = createOnDeviceProvider(api);
  expect(await provider.translate(['你好', '再见'], { target: 'EN-US' })).toEqual([
    { text: 'on-device(你好)', billedCharacters: 0 },
    { text: 'on-device(再见)', billedCharacters: 0 },
  ]);
  await provider.translate(['三'], { target: 'EN-GB' });
  expect(creates()).toBe(1);
});

test('a pack that needs downloading and hangs: nothing can be translated until the reader downloads it (a blocking state), said clearly', async () => {
  const { api } = fakeApi('downloadable', () => new Promise(() => {}));
  const error = await createOnDeviceProvider(api, { createTimeoutMs: 20 }).translate(['你好'], { target: 'EN-US' }).catch((e: unknown) => e as TranslationError);
  expect(error).toMatchObject({ kind: 'no-provider', message: expect.stringMatching(/language pack.*Download Chinese/) });
});

test('the download reports its progress as a share, and leaves no translator open', async () => {
  const destroyed: string[] = [];
  const api: TranslatorApiLike = {
    availability: async () => 'downloadable',
    create: async (options) => {
      const listeners: Array<(e: { loaded: number; total?: number }) => void> = [];
      options.monitor?.({ addEventListener: (_type, listener) => listeners.push(listener) });
      for (const loaded of [0, 0.5, 1]) listeners.forEach((l) => l({ loaded, total: 1 }));
      return { translate: async (t) => t, destroy: () => destroyed.push(options.targetLanguage) };
    },
  };
  const shares: number[] = [];
  await downloadLanguagePack(api, 'EN-GB', (share) => shares.push(share));
  expect(shares).toEqual([0, 0.5, 1]);
  expect(destroyed).toEqual(['en']);
  await expect(downloadLanguagePack(undefined, 'EN-US')).rejects.toThrow(/no on-device translator/);
});

test('unavailable pair, absent API and a failing translator map to typed errors', async () => {
  const kind = (p: Promise<unknown>) => p.then(() => 'ok', (e: TranslationError) => e.kind);
  expect(await kind(createOnDeviceProvider(fakeApi('unavailable').api).translate(['你'], { target: 'EN-US' }))).toBe('unsupported');
  expect(await kind(createOnDeviceProvider(undefined).translate(['你'], { target: 'EN-US' }))).toBe('no-provider');
  const broken = fakeApi('available', async () => ({ translate: async () => Promise.reject(new Error('model crashed')) })).api;
  expect(await kind(createOnDeviceProvider(broken).translate(['你'], { target: 'EN-US' }))).toBe('network');
});
