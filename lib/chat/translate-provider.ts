// A chat model as a translation provider: a batch of texts in one completion with a strict JSON
// answer, the note title as context and the glossary terms found in the batch. An answer that is
// not what was asked (prose around the JSON, a wrong count, cut off) is asked again in halves,
// down to one text, whose answer is then taken as it comes (JSON in prose, or the translation alone);
// a text still unreadable then fails alone, its siblings translated.
import { TranslationError } from '../core/errors';
import { createTermMatcher, type TermMatcher } from '../glossary/match';
import type { GlossaryTerm } from '../glossary/types';
import { writingEntries } from '../glossary/writing';
import type { ProviderResult, TranslateOptions, TranslationProvider } from '../translate/types';
import { createChatClient, type ChatAccess } from './client';
import { readAnswer, systemPrompt, userPrompt, writingPrompt } from './prompt';

/**
 * 50 texts, as DeepL: the queue then batches the feed as it does for DeepL (the bench compares
 * the request counts). 16 KiB of text (~5,000 Han characters) keeps a full batch's answer within
 * the few thousand tokens hosted models write by default; a longer text is split before it comes here.
 */
export const CHAT_LIMITS = { maxTexts: 50, maxBytes: 16 * 1024 } as const;

/**
 * Completions one batch may take while halving unreadable answers: a full batch with one unreadable
 * text needs ~2·log2(50) ≈ 12; past this the texts left fail for now instead of costing more.
 */
export const MAX_COMPLETIONS_PER_BATCH = 16;

export interface ChatProviderConfig extends ChatAccess {
  /** The reader's glossary (built-in and own terms); the same array while it does not change. */
  terms?(): Promise<readonly GlossaryTerm[]>;
  /** Tokens the server counted for each completion (its `usage`). */
  onUsage?(tokens: number): void;
}

/** The cache's provider id: another model (or server) translates differently. */
export const chatProviderId = (endpoint: string, model: string) => `chat:${model}@${endpoint}`;
export const isChatProviderId = (id: string) => id.startsWith('chat:');

export function createChatProvider(config: ChatProviderConfig): TranslationProvider {
  const client = createChatClient(config);
  let matcher: { terms: readonly GlossaryTerm[]; matcher: TermMatcher; byTerm: Map<string, GlossaryTerm> } | undefined;
  /** Cleared when the endpoint refused response_format once: then the prompt alone asks for JSON. */
  let jsonMode = true;

  async function termsIn(texts: readonly string[], context?: string) {
    const terms = await config.terms?.();
    if (!terms?.length) return [];
    if (matcher?.terms !== terms) matcher = { terms, matcher: createTermMatcher(terms), byTerm: new Map(terms.map((t) => [t.term, t])) };
    const found = new Set<string>();
    for (const text of [...texts, context ?? '']) for (const match of matcher.matcher.find(text)) found.add(match.term);
    return [...found].map((term) => matcher!.byTerm.get(term)!);
  }

  /** Writing with the platform's words: the EN → ZH entries whose English is in the texts (as words, any case). */
  let writing: { terms: readonly GlossaryTerm[]; entries: Array<{ pattern: RegExp; term: string; meaning: string }> } | undefined;
  async function wordsIn(texts: readonly string[]) {
    const terms = (await config.terms?.()) ?? [];
    if (writing?.terms !== terms) {
      const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      writing = { terms, entries: writingEntries(terms).map(({ en, zh }) => ({ pattern: new RegExp(`(?<![A-Za-z])${escape(en)}(?![A-Za-z])`, 'i'), term: en, meaning: zh })) };
    }
    return writing.entries.filter((e) => texts.some((text) => e.pattern.test(text)));
  }

  /**
   * One completion for `texts`; an answer that cannot be read is asked again in halves, each half's
   * results kept. A single text still unreadable fails alone ('unsupported': not asked again, the
   * page may hold comments written to derail a model); `budget.left` caps the completions per batch.
   */
  async function complete(texts: readonly string[], options: TranslateOptions, budget: { left: number }): Promise<ProviderResult[]> {
    if (budget.left <= 0) return texts.map(() => ({ text: '', error: new TranslationError('unavailable', 'The chat model did not answer this batch with the translations asked for.') }));
    budget.left--;
    const writes = options.source?.toUpperCase() === 'EN';
    const glossary = writes ? (options.platformWords ? await wordsIn(texts) : []) : await termsIn(texts, options.context);
    const messages = [
      // Reading is Chinese → the reader's language; writing (source EN) the reader's English → Chinese.
      { role: 'system' as const, content: writes ? writingPrompt(options.target, options.register) : systemPrompt(options.target) },
      { role: 'user' as const, content: userPrompt({ texts, target: options.target, context: options.context, glossary }) },
    ];
    let answer;
    try {
      answer = await client.complete({ messages, json: jsonMode, signal: options.signal });
    } catch (error) {
      // Some servers refuse response_format (HTTP 400 naming it): the prompt asks for JSON anyway.
      if (!jsonMode || !(error instanceof TranslationError) || error.status !== 400 || !/response_format/i.test(error.message)) throw error;
      jsonMode = false;
      answer = await client.complete({ messages, json: false, signal: options.signal });
    }
    config.onUsage?.(answer.tokens);
    const cut = answer.finishReason === 'length';
    const read = cut ? undefined : readAnswer(answer.content, texts.length, texts.length === 1);
    if (read) return read.map((text) => ({ text }));
    if (texts.length > 1) {
      const half = Math.ceil(texts.length / 2);
      return [...(await complete(texts.slice(0, half), options, budget)), ...(await complete(texts.slice(half), options, budget))];
    }
    if (cut) return [{ text: '', error: new TranslationError('too-long', 'The chat model’s answer was cut off: the text is too long for it.') }];
    // One text, and still no JSON: a model that answers a single text with its translation alone.
    const plain = answer.content.trim();
    if (plain && !plain.startsWith('{')) return [{ text: plain }];
    return [{ text: '', error: new TranslationError('unsupported', 'The chat model did not answer this text with a translation.') }];
  }

  return {
    id: chatProviderId(config.endpoint, config.model),
    limits: CHAT_LIMITS,
    async translate(texts, options): Promise<ProviderResult[]> {
      if (!texts.length) return [];
      return complete(texts, options, { left: MAX_COMPLETIONS_PER_BATCH });
    },
    // A model can be told how to write: casual, as Xiaohongshu comments are.
    registers: (target) => (/^ZH/i.test(target) ? ['casual'] : []),
  };
}
