// What we ask a chat model and how we read its answer: texts keyed by number in, the same keys out,
// as one JSON object. Keys let us check both the count and which translation belongs to which text.
// Pure: no fetch here.
import type { Register } from '../core/provider-types';

/** DeepL-style target codes as language names a model understands. */
const LANGUAGE_NAMES: Record<string, string> = {
  'EN-US': 'American English',
  'EN-GB': 'British English',
  EN: 'English',
  DE: 'German',
  FR: 'French',
  ES: 'Spanish',
  IT: 'Italian',
  'PT-BR': 'Brazilian Portuguese',
  'PT-PT': 'European Portuguese',
  JA: 'Japanese',
  KO: 'Korean',
  RU: 'Russian',
  ZH: 'Simplified Chinese',
  'ZH-HANS': 'Simplified Chinese',
};

export interface PromptInput {
  texts: readonly string[];
  /** DeepL-style code ('EN-US'). */
  target: string;
  /** The note's title: helps, is not translated. */
  context?: string;
  /** Platform terms found in these texts, with what they mean ('种草' → 'want to buy'). */
  glossary?: ReadonlyArray<{ term: string; meaning: string }>;
}

/** The system message: the task and the answer's exact shape. The code in brackets names the target for tools reading the prompt. */
export function systemPrompt(target: string): string {
  const language = LANGUAGE_NAMES[target.toUpperCase()] ?? target;
  return [
    `You translate Chinese posts, titles and comments from the social network Xiaohongshu (RedNote) into ${language} (${target.toUpperCase()}).`,
    'The user sends a JSON object: "texts" maps keys to the texts to translate; "context", when present, is the title of the note the texts belong to (use it to understand them, do not translate it); "glossary", when present, gives the meaning of platform slang found in the texts: use these meanings.',
    'Answer with one JSON object only, no other words: {"translations": {…}} with exactly the same keys as "texts", each mapped to the translation of its text.',
    'Translate every text on its own. Keep emoji, hashtags, @names, numbers, URLs and line breaks. Do not explain or add notes.',
  ].join('\n');
}

/**
 * Writing (lib/worker/write-back.ts): the reader's English into Chinese they will post themselves.
 * Same keyed JSON in and out; the register asked for, if any (Xiaohongshu comments are casual).
 */
export function writingPrompt(target: string, register?: Register): string {
  const language = LANGUAGE_NAMES[target.toUpperCase()] ?? target;
  return [
    `You translate what a reader wrote in English into ${language} (${target.toUpperCase()}), for them to post as a comment, a reply or a search on the social network Xiaohongshu (RedNote).`,
    ...(register === 'casual' ? ['Write it as people there write comments: casual, warm and natural, not formal or stiff.'] : []),
    'The user sends a JSON object: "texts" maps keys to the texts to translate; "glossary", when present, maps English words in the texts to the platform\'s own Chinese words: use those words.',
    'Answer with one JSON object only, no other words: {"translations": {…}} with exactly the same keys as "texts", each mapped to the translation of its text.',
    'Keep the meaning exactly: add nothing, leave nothing out. Keep emoji, hashtags, @names, numbers, URLs and line breaks. Do not explain or add notes.',
  ].join('\n');
}

export function userPrompt(input: PromptInput): string {
  const texts = Object.fromEntries(input.texts.map((text, i) => [String(i + 1), text]));
  const glossary = input.glossary?.length ? Object.fromEntries(input.glossary.map((t) => [t.term, t.meaning])) : undefined;
  return JSON.stringify({ ...(input.context ? { context: input.context } : {}), ...(glossary ? { glossary } : {}), texts });
}

/**
 * The translations in order, or undefined when the answer is not exactly what was asked: not one
 * JSON object (prose around it, cut off), keys missing or extra, a value not a string.
 * `lenient` takes the outermost {…} out of prose or a code fence (for a single text, where a
 * smaller batch is no longer possible).
 */
export function readAnswer(content: string, count: number, lenient = false): string[] | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(lenient ? content.slice(content.indexOf('{'), content.lastIndexOf('}') + 1) : content);
  } catch {
    return undefined;
  }
  const translations = (parsed as { translations?: unknown } | null)?.translations;
  if (!translations || typeof translations !== 'object' || Array.isArray(translations)) return undefined;
  const entries = translations as Record<string, unknown>;
  if (Object.keys(entries).length !== count) return undefined;
  const out: string[] = [];
  for (let i = 1; i <= count; i++) {
    const text = entries[String(i)];
    if (typeof text !== 'string') return undefined;
    out.push(text);
  }
  return out;
}
