// @vitest-environment node
import { expect, test, vi } from 'vitest';
import { syncDeeplGlossary, toDeeplEntries } from '../../../lib/deepl/glossary-sync';
import { BUILTIN_TERMS } from '../../../lib/glossary/terms';
import { createDeeplProvider } from '../../../lib/deepl/translate-provider';
import { type DeeplTestServer } from '../../support/deepl-server';
import { useDeeplServer } from '../../support/use-deepl-server';

let server: DeeplTestServer;
useDeeplServer((started) => (server = started));

test('entries: Chinese terms only, once each, nothing DeepL would refuse', () => {
  const { tsv, count } = toDeeplEntries([...BUILTIN_TERMS, { ...BUILTIN_TERMS[0]!, meaning: 'again' }, { ...BUILTIN_TERMS[1]!, term: '坏\u0007词' }]);
  const lines = tsv.split('\n');
  expect(lines).toHaveLength(count);
  expect(lines).toContain('种草\trecommend');
  expect(lines.some((l) => l.startsWith('yyds'))).toBe(false);
  expect(lines.filter((l) => l.startsWith('小红书\t'))).toHaveLength(1);
  expect(tsv).not.toMatch(/\u0007/);
});

test('made once, kept while the version holds, replaced when it changes; used by translations', async () => {
  const key = 'glossary:fx';
  const first = await syncDeeplGlossary({ key, serverUrl: server.url, terms: BUILTIN_TERMS, version: 'v1' });
  expect(first.entries).toBeGreaterThan(140);
  const again = await syncDeeplGlossary({ key, serverUrl: server.url, terms: BUILTIN_TERMS, version: 'v1', stored: first });
  expect(again.id).toBe(first.id);
  expect(server.requests.filter((r) => r.method === 'POST' && r.path === '/v3/glossaries')).toHaveLength(1);
  const next = await syncDeeplGlossary({ key, serverUrl: server.url, terms: [...BUILTIN_TERMS, { ...BUILTIN_TERMS[0]!, term: '新词', meaning: 'new word' }], version: 'v2', stored: first });
  expect(next.id).not.toBe(first.id);
  const listed = await fetch(`${server.url}/v3/glossaries`, { headers: { Authorization: `DeepL-Auth-Key ${key}` } }).then((r) => r.json());
  expect(listed.glossaries.map((g: { glossary_id: string }) => g.glossary_id)).toEqual([next.id]);
  const [result] = await createDeeplProvider({ key, serverUrl: server.url }).translate(['宝子们快来种草新词'], { source: 'ZH', target: 'EN-US', glossaryId: next.id });
  expect(result!.text).toBe('⟪EN⟫ babes (everyone) kuai lai recommend new word');
});

test('it holds the EN → ZH dictionary for writing too; one made before it had it is made again', async () => {
  const key = 'writing:fx';
  const first = await syncDeeplGlossary({ key, serverUrl: server.url, terms: BUILTIN_TERMS, version: 'v1' });
  expect(first.writingEntries).toBeGreaterThan(100);
  const [written] = await createDeeplProvider({ key, serverUrl: server.url }).translate(['a dupe for my wishlist'], { source: 'EN', target: 'ZH-HANS', glossaryId: first.id });
  expect(written!.text).toContain('平替');
  expect(written!.text).toContain('种草清单');
  const { writingEntries: _, ...older } = first;
  const remade = await syncDeeplGlossary({ key, serverUrl: server.url, terms: BUILTIN_TERMS, version: 'v1', stored: older });
  expect(remade.id).not.toBe(first.id);
  expect(remade.writingEntries).toBe(first.writingEntries);
});

test('a glossary deleted behind our back is made again; a refused key says so', async () => {
  const key = 'gone:fx';
  const first = await syncDeeplGlossary({ key, serverUrl: server.url, terms: BUILTIN_TERMS, version: 'v1' });
  await fetch(`${server.url}/v3/glossaries/${first.id}`, { method: 'DELETE', headers: { Authorization: `DeepL-Auth-Key ${key}` } });
  const remade = await syncDeeplGlossary({ key, serverUrl: server.url, terms: BUILTIN_TERMS, version: 'v1', stored: first });
  expect(remade.id).not.toBe(first.id);
  await expect(syncDeeplGlossary({ key: 'invalid', serverUrl: server.url, terms: BUILTIN_TERMS, version: 'v1' })).rejects.toMatchObject({ kind: 'auth' });
});

test('a sync DeepL does not answer gives up after 15 s', async () => {
  let asked!: () => void;
  const fetched = new Promise<void>((resolve) => (asked = resolve));
  const hanging = ((_url: string, init: RequestInit) => {
    asked();
    return new Promise((_, reject) => init.signal!.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError'))));
  }) as unknown as typeof fetch;
  vi.useFakeTimers();
  try {
    let outcome: unknown;
    void syncDeeplGlossary({ key: 'k:fx', terms: BUILTIN_TERMS, version: 'v1', fetch: hanging }).catch((e: unknown) => (outcome = e));
    await fetched;
    await vi.advanceTimersByTimeAsync(14_999);
    expect(outcome).toBeUndefined();
    await vi.advanceTimersByTimeAsync(1);
    expect(outcome).toMatchObject({ kind: 'network', message: expect.stringMatching(/in time/) });
  } finally {
    vi.useRealTimers();
  }
});
