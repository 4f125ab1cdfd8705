// Writing: the reader's English into Chinese, and that Chinese back into the reader's language so
// they see what it says before it goes into the page's box. Its own queue (the direction is part of
// every request, and a 429 on the reader's comment does not stop reading) and its own cache keys
// (source EN), through the same budget gate and the tab's rate limit as page text.
import { NO_GLOSSARY_VERSION, type TranslationCache } from '../cache';
import type { ProviderChoice, Register } from '../core/provider-types';
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

/** Worth writing in Chinese: some Latin letters, and no Chinese (a box holding Chinese is the reader's own). */
export function needsWriting(text: string): boolean {
  return /[A-Za-z]/.test(text) && !hasHan(text);
}

export interface WriteBackDeps {
  cache: TranslationCache;
  provider(): TranslationProvider | undefined;
  /** The translator chosen and its name for the reader (what the page is told: not the provider's id, which holds the server). */
  translator(): { provider: ProviderChoice; translator: string };
  /** The reading queue's gate and accounting: one monthly budget for both directions. */
  gate: QueueDeps['gate'];
  onSent: QueueDeps['onSent'];
  queue?: Partial<QueueDeps>;
  /**
   * The platform's words for writing, where the translator has them (its version is part of the cache
   * key): DeepL's glossary with an EN → ZH dictionary (its id), or a chat model's prompt (no id).
   */
  glossary?(): { id?: string; version: string } | undefined;
  maxTextBytes(): number;
  answerWithinMs?: number;
  /** The tab's rate limit. */
  admit(tab: number | undefined): Admit;
  /** The reading direction (Chinese → the reader's language), for the back-translation. */
  readBack(chinese: string, tab: number | undefined): Promise<SegmentResult>;
}

export function createWriteBack(deps: WriteBackDeps) {
  const register = (): Register | undefined => (deps.provider()?.registers?.(WRITE_TARGET) ?? []).includes(PREFERRED_REGISTER) ? PREFERRED_REGISTER : undefined;

  /**
   * One queue and service per kind of request (the glossary is a request option, so the two do not
   * share a batch): 'plain', and 'glossary' for the reader who asked for the platform's words.
   */
  const channels = new Map<'plain' | 'glossary', { queue: TranslationQueue; service: ReturnType<typeof createTranslationService> }>();
  function channel(kind: 'plain' | 'glossary') {
    let found = channels.get(kind);
    if (found) return found;
    const glossary = () => (kind === 'glossary' ? deps.glossary?.() : undefined);
    const queue = new TranslationQueue({
      ...deps.queue,
      provider: deps.provider,
      requestOptions: () => ({ source: WRITE_SOURCE, target: WRITE_TARGET, glossaryId: glossary()?.id, register: register(), ...(kind === 'glossary' ? { platformWords: true } : {}) }),
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
        glossaryVersion: glossary()?.version ?? NO_GLOSSARY_VERSION,
        glossaryId: glossary()?.id,
      }),
      maxTextBytes: deps.maxTextBytes,
      answerWithinMs: deps.answerWithinMs,
      needsTranslation: needsWriting,
    });
    channels.set(kind, (found = { queue, service }));
    return found;
  }

  async function translate(text: string, tab: number | undefined, platformWords = false): Promise<WriteTranslation> {
    if (hasHan(text)) return { ok: false, error: { kind: 'unsupported' } };
    const withGlossary = platformWords && deps.glossary?.() !== undefined;
    const [written] = await channel(withGlossary ? 'glossary' : 'plain').service.translateSegments([{ id: 'write', text }], deps.admit(tab));
    if (!written?.ok) return { ok: false, error: written?.error ?? { kind: 'network' }, provider: deps.translator().provider };
    const provider = deps.provider();
    const registers = [...(provider?.registers?.(WRITE_TARGET) ?? [])];
    const answer = {
      ok: true as const,
      chinese: written.text,
      ...deps.translator(),
      registers,
      ...(register() ? { register: register() } : {}),
      ...(platformWords ? { platformWords: withGlossary } : {}),
    };
    if (!hasHan(written.text)) return answer; // nothing was translated (no letters): nothing to read back
    const back = await deps.readBack(written.text, tab);
    return back.ok ? { ...answer, back: back.text } : { ...answer, backError: back.error };
  }

  return { translate, resume: () => channels.forEach((c) => c.queue.resume()) };
}

export type WriteBack = ReturnType<typeof createWriteBack>;
