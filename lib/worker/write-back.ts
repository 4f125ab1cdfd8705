// Writing: the reader's English into Chinese, and that Chinese back into the reader's language so
// they see what it says before it goes into the page's box. Its own queue (the direction is part of
// every request, and a 429 on the reader's comment does not stop reading) and its own cache keys
// (source EN), through the same budget gate and the tab's rate limit as page text.
import type { TranslationCache } from '../cache';
import type { Register } from '../core/provider-types';
import { hasHan } from '../detect/chinese';
import type { SegmentResult, WriteTranslation } from '../messaging/contract';
import { TranslationQueue, type QueueDeps } from '../translate/queue';
import { createTranslationService, type Admit } from '../translate/service';
import type { TranslationProvider } from '../translate/types';

/** The direction of writing: DeepL's codes (the on-device provider maps them to en → zh). */
export const WRITE_SOURCE = 'EN';
export const WRITE_TARGET = 'ZH-HANS';
/** Xiaohongshu comments are casual: asked for wherever the translator can write that way. */
const PREFERRED_REGISTER: Register = 'casual';

export const ALREADY_CHINESE = 'This is Chinese already: left as it is.';

/** Worth writing in Chinese: some Latin letters, and no Chinese (a box holding Chinese is the reader's own). */
export function needsWriting(text: string): boolean {
  return /[A-Za-z]/.test(text) && !hasHan(text);
}

export interface WriteBackDeps {
  cache: TranslationCache;
  provider(): TranslationProvider | undefined;
  /** The reading queue's gate and accounting: one monthly budget for both directions. */
  gate: QueueDeps['gate'];
  onSent: QueueDeps['onSent'];
  queue?: Partial<QueueDeps>;
  /** The EN → ZH glossary in use, if any (its version is part of the cache key). */
  glossary?(): { id: string; version: string } | undefined;
  maxTextBytes(): number;
  answerWithinMs?: number;
  /** The tab's rate limit. */
  admit(tab: number | undefined): Admit;
  /** The reading direction (Chinese → the reader's language), for the back-translation. */
  readBack(chinese: string, tab: number | undefined): Promise<SegmentResult>;
}

export function createWriteBack(deps: WriteBackDeps) {
  const register = (): Register | undefined => (deps.provider()?.registers?.(WRITE_TARGET) ?? []).includes(PREFERRED_REGISTER) ? PREFERRED_REGISTER : undefined;

  const queue = new TranslationQueue({
    ...deps.queue,
    provider: deps.provider,
    requestOptions: () => ({ source: WRITE_SOURCE, target: WRITE_TARGET, glossaryId: deps.glossary?.()?.id, register: register() }),
    gate: deps.gate,
    onSent: deps.onSent,
  });

  const service = createTranslationService({
    cache: deps.cache,
    queue,
    // The register changes the text: it is part of the target in the key.
    keyParts: () => ({
      provider: deps.provider()?.id ?? 'none',
      source: WRITE_SOURCE,
      target: WRITE_TARGET + (register() ? `+${register()}` : ''),
      glossaryVersion: deps.glossary?.()?.version ?? 'none',
    }),
    maxTextBytes: deps.maxTextBytes,
    answerWithinMs: deps.answerWithinMs,
    needsTranslation: needsWriting,
  });

  async function translate(text: string, tab: number | undefined): Promise<WriteTranslation> {
    if (hasHan(text)) return { ok: false, error: { kind: 'unsupported', message: ALREADY_CHINESE } };
    const [written] = await service.translateSegments([{ id: 'write', text }], deps.admit(tab));
    if (!written?.ok) return { ok: false, error: written?.error ?? { kind: 'network', message: 'No answer from the translator.' } };
    const provider = deps.provider();
    const registers = [...(provider?.registers?.(WRITE_TARGET) ?? [])];
    const answer = { ok: true as const, chinese: written.text, provider: provider?.id ?? 'none', registers, ...(register() ? { register: register() } : {}) };
    if (!hasHan(written.text)) return answer; // nothing was translated (no letters): nothing to read back
    const back = await deps.readBack(written.text, tab);
    return back.ok ? { ...answer, back: back.text } : { ...answer, backError: back.error };
  }

  return { translate, resume: () => queue.resume(), queue };
}

export type WriteBack = ReturnType<typeof createWriteBack>;
