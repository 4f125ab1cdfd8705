// The translators the welcome page offers, best first for this browser. A list, so another choice
// (the chat-model endpoint) is one more entry, not another branch.
import type { OnDeviceAvailability, ProviderChoice } from '../../lib/core/provider-types';

/** What decides the order and whether a choice is ready to translate. */
export interface ChoiceFacts {
  onDevice?: OnDeviceAvailability;
  deeplKey?: string;
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
  // The chat-model endpoint (OpenAI, DeepSeek, OpenRouter, a local Ollama or LM Studio) goes here:
  // { provider: 'chat', title: 'A chat model', summary: '…', worksHere: () => true, ready: (f) => … },
  // with its set-up, <ChatModelSection/>, in WelcomePage.tsx (SETUP).
];

/** Best first for this browser: the list's order, but what does not work here comes last. */
export function orderChoices(choices: readonly ChoiceInfo[], facts: ChoiceFacts): ChoiceInfo[] {
  return [...choices].sort((a, b) => Number(!a.worksHere(facts)) - Number(!b.worksHere(facts)));
}
