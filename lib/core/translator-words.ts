// The translators by name and why a text failed, in the reader's words: the one place for both, so
// the error line under a text, the one notice and the write-back panel name the same translator.
// Bottom layer: the page side and the worker side both read it.
import type { ErrorKind } from './errors';
import type { ProviderChoice } from './provider-types';

const NAMES: Record<ProviderChoice, string> = { deepl: 'DeepL', 'on-device': 'the on-device translator', chat: 'the chat model', off: 'the translator' };

/** The translator chosen, as a sentence names it ('DeepL', 'the chat model'). */
export const translatorName = (choice: ProviderChoice): string => NAMES[choice];

/** Kinds every translator words alike. */
const COMMON: Record<ErrorKind, string> = {
  auth: 'DeepL key refused',
  quota: 'DeepL quota used up',
  budget: 'monthly budget reached',
  'rate-limited': 'DeepL busy, retrying',
  network: 'no connection to DeepL, retrying',
  unavailable: 'DeepL unavailable, retrying',
  'too-long': 'too long to translate',
  unsupported: 'cannot translate this',
  'no-provider': 'no translator set up',
  'no-model': 'no such model on the translator’s server',
  paused: 'paused: unusual amount of text on this page',
  'queue-full': 'many texts waiting, retrying',
};
/** The on-device translator has no key, quota or server: its failures in its own words. */
const ON_DEVICE: Partial<Record<ErrorKind, string>> = {
  network: 'on-device translator failed, retrying',
  unavailable: 'on-device translator unavailable, retrying',
  'rate-limited': 'on-device translator busy, retrying',
};
/** A chat model's failures name it, not DeepL. */
const CHAT: Partial<Record<ErrorKind, string>> = {
  auth: 'chat model key refused',
  quota: 'chat model account out of credit',
  'rate-limited': 'chat model busy, retrying',
  network: 'no connection to the chat model, retrying',
  unavailable: 'chat model unavailable, retrying',
};
const BY_TRANSLATOR: Partial<Record<ProviderChoice, Partial<Record<ErrorKind, string>>>> = { 'on-device': ON_DEVICE, chat: CHAT };

/** Why a text was not translated, in a few words naming the translator in use ('chat model busy, retrying'). */
export const errorReason = (kind: ErrorKind, choice: ProviderChoice): string => BY_TRANSLATOR[choice]?.[kind] ?? COMMON[kind];
