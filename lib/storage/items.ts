// Every item the extension keeps in storage.local: its key, fallback, version and migrations.
// A migration runs once in each context that loads this module (worker, popup, page) before any read
// of that item there; stored values without a version mark are version 1.
import { storage } from 'wxt/utils/storage';
import { originOf, type ChatKey, type ChatModelSetting } from '../chat/endpoint';
import type { SyncedGlossary } from '../deepl/glossary-sync';
import type { GlossaryTerm } from '../glossary/types';
import { DEFAULT_SETTINGS, withDefaults, type Settings } from '../settings/defaults';
import type { MonthlyCount } from '../usage/budget';
import { localKey, SESSION, STORED } from './keys';

/**
 * Settings. v1 was stored as written, and fields added later were filled in on every read;
 * v2 is stored complete, so readers take it as it is.
 */
export const settingsItem = storage.defineItem<Settings>(localKey('settings'), {
  fallback: DEFAULT_SETTINGS,
  version: STORED.settings.version,
  migrations: { 2: (v1: Partial<Settings> | null) => withDefaults(v1) },
});

/** The DeepL API key, apart from settings so nothing that reads settings sees it; read by the worker only. */
export const deeplKeyItem = storage.defineItem<string>(localKey('deeplKey'), { fallback: '', version: STORED.deeplKey.version });

/** The reader's own glossary terms. */
export const userTermsItem = storage.defineItem<GlossaryTerm[]>(localKey('userTerms'), { fallback: [], version: STORED.userTerms.version });

/** Terms the reader marked as learned (no longer underlined). */
export const learnedItem = storage.defineItem<string[]>(localKey('learned'), { fallback: [], version: STORED.learned.version });

/** Characters billed this month, for the reader's own budget. */
export const budgetCountItem = storage.defineItem<MonthlyCount | null>(localKey('budgetCount'), { fallback: null, version: STORED.budgetCount.version });

/** The DeepL glossary made from the terms, with the terms' version it was made from. */
export const syncedGlossaryItem = storage.defineItem<SyncedGlossary | null>(localKey('syncedGlossary'), { fallback: null, version: STORED.syncedGlossary.version });

/**
 * A DeepL-compatible server the reader chose in the options page ('' = DeepL's host for the key).
 * Apart from settings, which the popup writes: only the worker writes it, on the options page's request.
 */
export const deeplServerItem = storage.defineItem<string>(localKey('deeplServer'), { fallback: '', version: STORED.deeplServer.version });

/** The chat-completions endpoint and model the reader chose (no secret: the key is apart). */
export const chatModelItem = storage.defineItem<ChatModelSetting>(localKey('chatModel'), { fallback: { endpoint: '', model: '' }, version: STORED.chatModel.version });

/**
 * The chat endpoint's API key ('' for a local server) with the origin it was saved for: like the DeepL
 * key, read by the worker and our own pages only. v1 was the key alone: it is tied to the endpoint
 * stored with it.
 */
export const chatKeyItem = storage.defineItem<ChatKey>(localKey('chatKey'), {
  fallback: { origin: '', key: '' },
  version: STORED.chatKey.version,
  migrations: { 2: async (v1: string | null) => ({ origin: originOf((await chatModelItem.getValue()).endpoint), key: v1 ?? '' }) },
});

/** The tabs whose content script asked for page settings: they get the changes (kept across worker restarts). */
export const pageTabsItem = storage.defineItem<number[]>(`session:${SESSION.pageTabs}`, { fallback: [] });

/** Tabs paused for an unusual amount of text until their reader continues (lib/worker/rate-limit.ts): kept across worker restarts. */
export const pausedTabsItem = storage.defineItem<number[]>(`session:${SESSION.pausedTabs}`, { fallback: [] });
