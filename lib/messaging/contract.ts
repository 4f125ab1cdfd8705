// The one message contract between content scripts, the popup and the background worker.
// Types and runtime schemas live together so a message is checked where it arrives.
import * as v from 'valibot';
import type { ErrorKind } from '../core/errors';
import type { OnDeviceAvailability, ProviderChoice, Register, Usage } from '../core/provider-types';
import { TERM_CATEGORIES } from '../glossary/types';
import { MAX_CHAT_ENDPOINT_CHARS, MAX_CHAT_KEY_CHARS, MAX_CHAT_MODEL_CHARS, MAX_CONTEXT_CHARS, MAX_IMAGE_URL_CHARS, MAX_SEGMENT_CHARS, MAX_SEGMENTS_PER_MESSAGE, MAX_WRITE_CHARS } from './limits';
import type { ImageAccessOpened, ImageAnswer } from './ocr';

export { MAX_CONTEXT_CHARS, MAX_SEGMENT_CHARS, MAX_SEGMENTS_PER_MESSAGE, MAX_WRITE_CHARS };

const SegmentSchema = v.object({
  /** Chosen by the sender, echoed in the answer; unique within one message. */
  id: v.pipe(v.string(), v.minLength(1), v.maxLength(64)),
  text: v.pipe(v.string(), v.maxLength(MAX_SEGMENT_CHARS)),
  /** Not translated, not billed: e.g. the note title when translating its comments. */
  context: v.optional(v.pipe(v.string(), v.maxLength(MAX_CONTEXT_CHARS))),
  /** Near the screen but not on it yet: the worker may hold it a little longer to batch it. */
  preload: v.optional(v.boolean()),
  /** The reader clicked to have this (long) text translated: not held to the page's rate limit. */
  asked: v.optional(v.boolean()),
});
export type Segment = v.InferOutput<typeof SegmentSchema>;

/** Requests the content script may send. */
export const ContentRequestSchema = v.variant('type', [
  v.object({
    type: v.literal('translate'),
    segments: v.pipe(v.array(SegmentSchema), v.maxLength(MAX_SEGMENTS_PER_MESSAGE)),
    /** The page's navigator.onLine: pages see the network go and come back where a worker may not. */
    online: v.optional(v.boolean()),
  }),
  /** The reader clicked "continue" on the page's unusual-volume prompt (a trusted click; the tab is the sender's). */
  v.object({ type: v.literal('continue-translating') }),
  /** What the page needs of the settings and the glossary (storage.local is closed to content scripts). */
  v.object({ type: v.literal('page-settings') }),
  /** The term card's "learned" box. */
  v.object({ type: v.literal('set-learned'), term: v.pipe(v.string(), v.minLength(1), v.maxLength(100)), learned: v.boolean() }),
  /** The floating button. */
  v.object({ type: v.literal('toggle-translation') }),
  /**
   * The reader's own English, to be written in Chinese and translated back (the reader's trusted
   * click on our control beside a text box). Held to the tab's rate limit like any page text.
   */
  v.object({
    type: v.literal('write-translate'),
    text: v.pipe(v.string(), v.minLength(1), v.maxLength(MAX_WRITE_CHARS)),
    /** The reader asked for the platform's own words (种草, 平替 …): the glossary's EN → ZH dictionary, where the translator has it. */
    platformWords: v.optional(v.boolean()),
    online: v.optional(v.boolean()),
  }),
  /** The reader's click on the page's "no translator" notice or alerting button: the worker opens the welcome page (a content script cannot). */
  v.object({ type: v.literal('open-welcome') }),
  /** Text in images: the lines recognised in a note image (the worker fetches it from the image CDN only). */
  v.object({ type: v.literal('recognise-image'), url: v.pipe(v.string(), v.maxLength(MAX_IMAGE_URL_CHARS)) }),
  /** The reader's click on an image that needs host access to the image CDN: the worker opens the page that asks for it (a content script cannot ask). */
  v.object({ type: v.literal('open-image-access') }),
]);

/** Requests only extension pages (the popup) may send: they touch the key, usage and glossary. */
export const PageRequestSchema = v.variant('type', [
  v.object({ type: v.literal('get-status') }),
  v.object({ type: v.literal('check-key'), key: v.pipe(v.string(), v.maxLength(200)) }),
  v.object({ type: v.literal('sync-glossary') }),
  v.object({ type: v.literal('retry-now') }),
  /** Forget every stored translation (a cache hit answers faster than a new text: a page could time it). */
  v.object({ type: v.literal('clear-cache') }),
]);

/** Requests only the options page may send: where the key goes. */
export const OptionsRequestSchema = v.variant('type', [
  /** A DeepL-compatible server; '' = DeepL's own host for the key. */
  v.object({ type: v.literal('set-deepl-server'), url: v.pipe(v.string(), v.maxLength(2_000)) }),
  /** One short text through a chat-completions endpoint the reader typed (the options page's Test button). */
  v.object({
    type: v.literal('test-chat-model'),
    endpoint: v.pipe(v.string(), v.maxLength(MAX_CHAT_ENDPOINT_CHARS)),
    model: v.pipe(v.string(), v.minLength(1), v.maxLength(MAX_CHAT_MODEL_CHARS)),
    key: v.pipe(v.string(), v.maxLength(MAX_CHAT_KEY_CHARS)),
  }),
]);

export type ContentRequest = v.InferOutput<typeof ContentRequestSchema>;
export type PageRequest = v.InferOutput<typeof PageRequestSchema>;
export type OptionsRequest = v.InferOutput<typeof OptionsRequestSchema>;
export type Request = ContentRequest | PageRequest | OptionsRequest;

const StringList = v.pipe(v.array(v.pipe(v.string(), v.maxLength(2_000))), v.maxLength(10_000));
const TermSchema = v.object({
  term: v.string(),
  pinyin: v.string(),
  literal: v.string(),
  meaning: v.string(),
  explanation: v.string(),
  category: v.picklist(TERM_CATEGORIES),
  example: v.object({ zh: v.string(), en: v.string() }),
  custom: v.optional(v.boolean()),
});
const Mode = v.picklist(['bilingual', 'replace', 'off']);

/** What the content script gets of the stored state: the settings (the key and the server are not among them), the reader's terms and learned ones. */
export const PageSettingsSchema = v.object({
  settings: v.object({
    mode: Mode,
    lastOnMode: v.picklist(['bilingual', 'replace']),
    disabledHosts: StringList,
    translate: v.object({ interface: v.boolean(), titles: v.boolean(), bodies: v.boolean(), comments: v.boolean(), nicknames: v.boolean() }),
    targetLang: v.pipe(v.string(), v.maxLength(20)),
    provider: v.picklist(['deepl', 'on-device', 'chat', 'off']),
    monthlyBudget: v.number(),
    highlightTerms: v.boolean(),
    translateImages: v.boolean(),
    showFloatingButton: v.boolean(),
  }),
  userTerms: v.pipe(v.array(TermSchema), v.maxLength(10_000)),
  learned: StringList,
});
export type PageSettings = v.InferOutput<typeof PageSettingsSchema>;

/** The worker to the tabs that asked for page settings, when any of them changes; checked where it arrives. */
export const PageSettingsPushSchema = v.object({ type: v.literal('page-settings-changed'), ...PageSettingsSchema.entries });
export type PageSettingsPush = v.InferOutput<typeof PageSettingsPushSchema>;

/** The worker to the active tab: the reader pressed the write-in-Chinese shortcut (a browser command, which pages cannot forge). */
export const WriteShortcutPushSchema = v.object({ type: v.literal('write-in-chinese') });
export type WriteShortcutPush = v.InferOutput<typeof WriteShortcutPushSchema>;

export type SegmentResult =
  | { id: string; ok: true; text: string; fromCache: boolean }
  | { id: string; ok: false; error: SegmentError };

/**
 * Why a text was not translated, as the page gets it: the kind (the page words it, lib/core/translator-words.ts)
 * and when the worker tries again. No message: the worker's names the server and quotes its answer,
 * and a content script runs beside a hostile page (the popup's status keeps the message).
 */
export interface SegmentError {
  kind: ErrorKind;
  /** When the worker will try again by itself (epoch ms): the page asks again just after. */
  retryAt?: number;
}

/** An error as the page may have it: kind and retry time only, whatever else the worker's error carries. */
export const segmentError = ({ kind, retryAt }: { kind: ErrorKind; retryAt?: number }): SegmentError => (retryAt === undefined ? { kind } : { kind, retryAt });

/** The answer to write-translate: the Chinese, what it says back in the reader's language, and which translator wrote it how. */
export type WriteTranslation =
  | {
      ok: true;
      chinese: string;
      /** The Chinese translated back; absent when that failed (backError says why): the Chinese still stands. */
      back?: string;
      backError?: SegmentError;
      /** The translator chosen, and its name for the reader ('the chat model qwen2.5:7b'): never a server's address. */
      provider: ProviderChoice;
      translator: string;
      /** Registers this translator can write in (none for DeepL: no formality for Chinese), and the one used. */
      registers: Register[];
      register?: Register;
      /** Asked for the platform's words: whether they were used (false: this translator or account has no such glossary yet). */
      platformWords?: boolean;
    }
  | { ok: false; error: SegmentError; provider?: ProviderChoice };

export interface TranslateResponse {
  results: SegmentResult[];
}

/** What the popup shows about the engine. */
export interface EngineStatus {
  provider: ProviderChoice;
  /** Set while sending is stopped (bad key, quota, budget) or backing off. */
  blocked?: { kind: ErrorKind; message: string; retryAt?: number };
  queued: number;
  usage?: Usage & { checkedAt: number };
  session: { translated: number; fromCache: number; charactersSaved: number; charactersBilled: number; requests: number; tokens?: number };
  onDevice: OnDeviceAvailability;
}

/** The chat model's answer to the options page's test text. */
export type ChatModelTest = { ok: true; sample: string; text: string; tokens: number } | { ok: false; kind: ErrorKind; message: string };

export type KeyCheck =
  | { ok: true; plan: 'free' | 'pro'; usage: Usage }
  | { ok: false; kind: ErrorKind; message: string };

export type ResponseFor<R extends Request> = R extends { type: 'translate' }
  ? TranslateResponse
  : R extends { type: 'get-status' }
    ? EngineStatus
    : R extends { type: 'check-key' }
      ? KeyCheck
      : R extends { type: 'sync-glossary' }
        ? { ok: true; glossaryId: string; entries: number } | { ok: false; message: string }
        : R extends { type: 'page-settings' }
          ? PageSettings
          : R extends { type: 'recognise-image' }
            ? ImageAnswer
          : R extends { type: 'open-image-access' }
            ? ImageAccessOpened
          : R extends { type: 'set-deepl-server' }
            ? { ok: true; url: string } | { ok: false; message: string }
            : R extends { type: 'write-translate' }
              ? WriteTranslation
              : R extends { type: 'test-chat-model' }
                ? ChatModelTest
                : { ok: true };

/** Every answer crosses the boundary wrapped, so a rejected message is a value, not a silent undefined. */
export type Envelope<T> = { ok: true; value: T } | { ok: false; error: string };
