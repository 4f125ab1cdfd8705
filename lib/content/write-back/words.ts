// What the write-back control says: the translator in use, what it can do with the register, and
// each failure in the reader's words. Pure.
import type { ErrorKind } from '../../core/errors';
import type { WriteTranslation } from '../../messaging/contract';

const PROVIDER_NAMES: Record<string, string> = { deepl: 'DeepL', 'on-device': "Chrome's on-device translator" };
/** A chat provider's id is `chat:<model>@<endpoint>` (lib/chat): named by its model. */
export const providerName = (id: string) => (id.startsWith('chat:') ? `the chat model ${id.slice(5, id.lastIndexOf('@'))}` : (PROVIDER_NAMES[id] ?? id));

/** Which translator wrote it, and in what register (DeepL's formality setting does not exist for Chinese). */
export function registerNote(answer: Extract<WriteTranslation, { ok: true }>): string {
  const by = `By ${providerName(answer.provider)}`;
  if (answer.register) return `${by}, in a ${answer.register} register.`;
  if (answer.provider === 'deepl') return `${by}, in a neutral register: DeepL has no casual or formal setting for Chinese.`;
  return `${by}, in a neutral register: it cannot be asked for a casual one.`;
}

/** Asked for the platform's words and none were used: why, and what to do. */
export const NO_PLATFORM_WORDS = 'Xiaohongshu words need a chat model, or DeepL with its glossary (“Use with DeepL” in the glossary tab of the RedNote Lens popup).';

const ERROR_TEXT: Record<ErrorKind, string> = {
  auth: 'The DeepL key was refused: check it in the RedNote Lens popup.',
  quota: 'The DeepL quota is used up this month.',
  budget: 'Your monthly budget is reached (RedNote Lens popup).',
  'rate-limited': 'The translator is busy. Try again in a moment.',
  network: 'No connection to the translator. Try again.',
  unavailable: 'The translator is unavailable. Try again in a moment.',
  'too-long': 'Too long to translate at once.',
  unsupported: 'The translator cannot write this in Chinese.',
  'no-provider': 'No translator is set up: add a DeepL key or choose the on-device translator in the RedNote Lens popup.',
  paused: 'Paused: an unusual amount of text was sent from this page. Continue on the page’s prompt, or later.',
  'queue-full': 'Many texts are waiting. Try again in a moment.',
};

export function errorText(kind: ErrorKind, message: string, online: boolean): string {
  if (kind === 'network' && !online) return 'You are offline. Try again when you are back online.';
  // Already the reader's words (the worker's own refusal of Chinese text).
  if (kind === 'unsupported' && message) return message;
  return ERROR_TEXT[kind];
}
