// The service's wait for unfinished texts, with a queue stub and fake timers: what it leaves behind.
import { afterEach, beforeEach, expect, test, vi } from 'vitest';
import { openTranslationCache } from '../../../lib/cache';
import type { QueueState, Translated, TranslationQueue } from '../../../lib/translate/queue';
import { createTranslationService } from '../../../lib/translate/service';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

/** A queue that answers when told, and reports a change of state whenever asked to. */
function queueStub() {
  const changes = new Set<() => void>();
  let answer: (translated: Translated) => void = () => {};
  const queue = {
    translate: () => new Promise<Translated>((resolve) => (answer = resolve)),
    state: (): QueueState => ({ queued: 1, inFlight: 1 }),
    nextChange: () => new Promise<void>((resolve) => changes.add(resolve)),
  };
  const change = () => {
    for (const resolve of changes) resolve();
    changes.clear();
  };
  return { queue: queue as unknown as TranslationQueue, change, answer: (text: string) => answer({ text }) };
}

test('waiting through many changes of the queue leaves no timer running once answered', async () => {
  const stub = queueStub();
  const cache = await openTranslationCache({ indexedDB: null });
  const service = createTranslationService({
    cache,
    queue: stub.queue,
    keyParts: () => ({ provider: 'deepl', source: 'ZH', target: 'EN-US', glossaryVersion: 'none' }),
    maxTextBytes: () => 100_000,
  });
  const answered = service.translateSegments([{ id: '1', text: '你好' }]);
  for (let i = 0; i < 5; i++) {
    await vi.advanceTimersByTimeAsync(10);
    stub.change(); // each change is one more pass of the wait
  }
  stub.answer('hello');
  expect(await answered).toEqual([{ id: '1', ok: true, text: 'hello', fromCache: false }]);
  expect(vi.getTimerCount()).toBe(0);
});
