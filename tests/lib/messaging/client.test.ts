import * as v from 'valibot';
import { afterEach, expect, test, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { requestTranslations } from '../../../lib/messaging/client';
import { ContentRequestSchema, MAX_CONTEXT_CHARS, MAX_SEGMENT_CHARS } from '../../../lib/messaging/contract';

afterEach(() => vi.restoreAllMocks());

test('text and context past the contract’s limits are cut, so the message passes the worker’s check', async () => {
  const sent: unknown[] = [];
  vi.spyOn(browser.runtime, 'sendMessage').mockImplementation(async (message: unknown) => {
    sent.push(message);
    return { ok: true, value: { results: [] } };
  });
  // A note title of 5,000 characters is the context of every comment under it.
  await requestTranslations([{ id: '1', text: '评'.repeat(MAX_SEGMENT_CHARS + 10), context: '标'.repeat(MAX_CONTEXT_CHARS + 1_000) }, { id: '2', text: '好' }]);
  expect(sent).toHaveLength(1);
  expect(v.safeParse(ContentRequestSchema, sent[0]).success).toBe(true);
  const [first, second] = (sent[0] as { segments: Array<{ text: string; context?: string }> }).segments;
  expect(first).toMatchObject({ text: '评'.repeat(MAX_SEGMENT_CHARS), context: '标'.repeat(MAX_CONTEXT_CHARS) });
  expect(second).toEqual({ id: '2', text: '好' });
});
