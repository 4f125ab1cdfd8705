// The translators the welcome page offers, best first for this browser. A list: another translator
// is one more entry, not another branch.
import type { ChatModelSetting } from '../../lib/chat/endpoint';
import type { OnDeviceAvailability, ProviderChoice } from '../../lib/core/provider-types';

/** What decides the order and whether a choice is ready to translate. */
export interface ChoiceFacts {
  onDevice?: OnDeviceAvailability;
  deeplKey?: string;
  chat?: ChatModelSetting;
}

export interface ChoiceInfo {
  provider: ProviderChoice;
  title: string;
  /** One line: what it costs, what leaves the computer. */
  summary: string;
  /** Works in this browser at all (else shown last, greyed, saying why). */
  worksHere(facts: ChoiceFacts): boolean;
  /** Set up: choosing it now translates notes and comments. */
  ready(facts: ChoiceFacts): boolean;
}

/** Best first: free and private before a key, a key before an endpoint to run or pay for. */
export const CHOICES: readonly ChoiceInfo[] = [
  {
    provider: 'on-device',
    title: 'Chrome’s on-device translator',
    summary: 'Free, no account, nothing leaves your computer. Chrome downloads Chinese once.',
    worksHere: (f) => f.onDevice !== undefined && f.onDevice !== 'absent' && f.onDevice !== 'unavailable',
    ready: (f) => f.onDevice === 'available',
  },
  {
    provider: 'deepl',
    title: 'DeepL, with your own key',
    summary: 'The best translations. A Free key gives 500,000 characters a month at no cost.',
    worksHere: () => true,
    ready: (f) => Boolean(f.deeplKey?.trim()),
  },
  {
    provider: 'chat',
    title: 'A chat model',
    summary: 'Any OpenAI-compatible server: OpenAI, DeepSeek, OpenRouter, or Ollama / LM Studio on this computer (free, nothing leaves it).',
    worksHere: () => true,
    ready: (f) => Boolean(f.chat?.endpoint && f.chat.model),
  },
];

/** Best first for this browser: the list's order, but what does not work here comes last. */
export function orderChoices(choices: readonly ChoiceInfo[], facts: ChoiceFacts): ChoiceInfo[] {
  return [...choices].sort((a, b) => Number(!a.worksHere(facts)) - Number(!b.worksHere(facts)));
}
