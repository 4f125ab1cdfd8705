// What the write-back control says: the translator in use, what it can do with the register, and
// each failure in the reader's words. Pure.
import type { ErrorKind } from '../../core/errors';
import type { ProviderChoice } from '../../core/provider-types';
import { translatorName } from '../../core/translator-words';
import type { WriteTranslation } from '../../messaging/contract';

/** Which translator wrote it (its name from the worker), and in what register (DeepL's formality setting does not exist for Chinese). */
export function registerNote(answer: Extract<WriteTranslation, { ok: true }>): string {
  const by = `By ${answer.translator}`;
  if (answer.register) return `${by}, in a ${answer.register} register.`;
  if (answer.provider === 'deepl') return `${by}, in a neutral register: DeepL has no casual or formal setting for Chinese.`;
  return `${by}, in a neutral register: it cannot be asked for a casual one.`;
}

/** Asked for the platform's words and none were used: why, and what to do. */
export const NO_PLATFORM_WORDS = 'Xiaohongshu words need a chat model, or DeepL with its glossary (“Use with DeepL” in the glossary tab of the RedNote Lens popup).';

const capital = (text: string) => text[0]!.toUpperCase() + text.slice(1);

/** Each failure as a sentence naming the translator in use. */
const ERROR_TEXT: Record<ErrorKind, (name: string) => string> = {
  auth: (name) => `${capital(name)} refused the key: check it in RedNote Lens (popup or settings).`,
  quota: (name) => `${capital(name)}’s quota or credit is used up.`,
  budget: () => 'Your monthly budget is reached (RedNote Lens popup).',
  'rate-limited': (name) => `${capital(name)} is busy. Try again in a moment.`,
  network: (name) => `No connection to ${name}. Try again.`,
  unavailable: (name) => `${capital(name)} is unavailable. Try again in a moment.`,
  'too-long': () => 'Too long to translate at once.',
  unsupported: (name) => `${capital(name)} cannot write this in Chinese.`,
  'no-model': (name) => `${capital(name)}’s server has no model by the name set in RedNote Lens: check it in its options.`,
  'no-provider': () => 'No translator is set up: choose DeepL, a chat model or the on-device translator on the RedNote Lens welcome page or in its popup.',
  paused: () => 'Paused: an unusual amount of text was sent from this page. Continue on the page’s prompt, or later.',
  'queue-full': () => 'Many texts are waiting. Try again in a moment.',
};

export function errorText(kind: ErrorKind, online: boolean, provider: ProviderChoice = 'off'): string {
  if (kind === 'network' && !online) return 'You are offline. Try again when you are back online.';
  return ERROR_TEXT[kind](translatorName(provider));
}
