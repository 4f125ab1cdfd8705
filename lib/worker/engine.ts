// The worker's engine: settings and key in, a provider, queue, cache and service out, and the
// handlers of every message. Framework-free: background.ts feeds it storage and registers it.
import { NO_GLOSSARY_VERSION, type TranslationCache } from '../cache';
import { chatHostPermissions, checkChatEndpoint, type ChatModelSetting } from '../chat/endpoint';
import { originsOf } from '../deepl/hosts';
import { createChatProvider, isChatProviderId } from '../chat/translate-provider';
import { describeError } from '../core/errors';
import { translatorName } from '../core/translator-words';
import { accountOf } from '../deepl/account';
import { syncDeeplGlossary, type SyncedGlossary } from '../deepl/glossary-sync';
import { deeplBaseUrl, isFreeKey } from '../deepl/hosts';
import { checkKey } from '../deepl/key-check';
import { createDeeplProvider, DEEPL_LIMITS } from '../deepl/translate-provider';
import { fetchUsage } from '../deepl/usage';
import type { GlossaryTerm } from '../glossary/types';
import type { ChatModelTest, EngineStatus, ResponseFor } from '../messaging/contract';
import type { Handlers } from '../messaging/handler';
import type { Settings } from '../settings/defaults';
import { createOnDeviceProvider, onDeviceAvailability, type TranslatorApiLike } from '../translate/on-device';
import { TranslationQueue, type QueueDeps } from '../translate/queue';
import { createTranslationService } from '../translate/service';
import type { TranslationProvider } from '../translate/types';
import { checkBudget, currentCount, effectiveBudget, type MonthlyCount } from '../usage/budget';
import { createUsageCache } from '../usage/usage';
import { createRateLimiter, type RateLimiterOptions } from './rate-limit';
import { createWriteBack } from './write-back';

export interface EngineDeps {
  cache: TranslationCache;
  fetch?: typeof fetch;
  translatorApi?: TranslatorApiLike;
  /** This month's billed characters as last persisted. */
  budgetCount?: MonthlyCount;
  saveBudgetCount?(count: MonthlyCount): void;
  now?: () => Date;
  queue?: Partial<QueueDeps>;
  answerWithinMs?: number;
  /** The reader's glossary terms (built-in and own), for the DeepL glossary. */
  glossaryTerms?(): Promise<GlossaryTerm[]>;
  saveSyncedGlossary?(glossary: SyncedGlossary): Promise<void>;
  /** navigator.onLine of the worker. */
  online?(): boolean;
  /** Other limits for the characters a tab may send before its reader is asked (tests). */
  rateLimit?: Omit<RateLimiterOptions, 'now'>;
  /** Tabs paused by the rate limit as last saved (storage.session: a restarted worker keeps them paused), and where to save them. */
  pausedTabs?: readonly number[];
  savePausedTabs?(tabs: number[]): void | Promise<unknown>;
  /** May the worker reach this host pattern (the reader granted it at run time)? Absent: yes (tests). */
  hasHostAccess?(pattern: string): Promise<boolean>;
  /** Origins a chat endpoint may have (the manifest's optional host permissions); default: the built-in list. */
  chatOrigins?: readonly string[];
}

export interface EngineConfig {
  settings: Settings;
  key: string;
  /** A DeepL-compatible server the reader chose (checked before it gets here); none = DeepL's host for the key. */
  serverUrl?: string;
  /** The glossary's current version, and the DeepL glossary made from some version, if any. */
  glossary?: { version: string; synced?: SyncedGlossary | null };
  /** The chat-completions endpoint, model and key; `granted`: the reader gave host access to the endpoint. */
  chat?: ChatModelSetting & { key: string; granted: boolean };
}

/** Room in a request for everything but one text (target, flags, context up to a few KB). */
const REQUEST_HEADROOM_BYTES = 8 * 1024;
/** The options page's test text: short, and with a glossary term, so the answer shows the glossary at work. */
const CHAT_TEST_TEXT = '被这支口红种草了';

/** Translators that cost the reader money (DeepL, a hosted chat model): a page's volume is limited and the budget counts. */
const costsMoney = (provider: TranslationProvider | undefined) => Boolean(provider && provider.id !== 'on-device');

type SyncAnswer = ResponseFor<{ type: 'sync-glossary' }>;

export function createEngine(deps: EngineDeps) {
  const now = deps.now ?? (() => new Date());
  let config: EngineConfig | undefined;
  let provider: TranslationProvider | undefined;
  let budget = currentCount(deps.budgetCount, now());
  const session = { requests: 0, charactersBilled: 0, tokens: 0 };
  const online = deps.online ?? (() => globalThis.navigator?.onLine ?? true);
  let wasOffline = false;
  /** The account of the current key, known a moment after configure (hashing is asynchronous). */
  let account: { key: string; id: string } | undefined;
  let accountKnown: Promise<void> = Promise.resolve();
  /** A glossary id DeepL refused: not sent again, whatever storage still says, while a new one is made. */
  let refusedGlossaryId: string | undefined;

  /**
   * Called on every translate message (with the page's view of the network, which a service worker
   * does not always share) and on the worker's 'online' event (which Chromium does not always
   * deliver to a service worker): once the browser was seen offline and is online again, what
   * waits out a network backoff goes now. Only after a real offline spell, so a server that drops
   * connections still gets the backoff however often pages ask.
   */
  function checkConnection(pageOnline?: boolean) {
    // A page that says it is online is believed over the worker's own flag, which can lag behind
    // the browser's (the page's 'online' event and its re-ask may arrive before the worker's flag turns).
    if (pageOnline === false || (pageOnline === undefined && !online())) wasOffline = true;
    else if (wasOffline) {
      wasOffline = false;
      queue.connectionBack();
    }
  }

  /** The DeepL glossary, when it matches the current terms, target (EN), server and account. */
  function glossaryInUse(): SyncedGlossary | undefined {
    return /^EN/i.test(config?.settings.targetLang ?? '') ? currentGlossary() : undefined;
  }

  /** The DeepL glossary, when it matches the current terms, server and account (whatever the reading target). */
  function currentGlossary(): SyncedGlossary | undefined {
    const glossary = config?.glossary;
    const synced = glossary?.synced;
    if (!synced || !config || provider?.id !== 'deepl' || synced.version !== glossary.version || synced.id === refusedGlossaryId) return undefined;
    if (synced.baseUrl !== deeplBaseUrl(config.key, config.serverUrl)) return undefined;
    return account?.key === config.key && synced.account === account.id ? synced : undefined;
  }

  /** The reader made a DeepL glossary, but in another account (the key was replaced): make one in this. */
  function glossaryOfOtherAccount(): boolean {
    const synced = config?.glossary?.synced;
    return Boolean(synced && config?.settings.provider === 'deepl' && account?.key === config.key && synced.account !== account.id);
  }

  // One monthly budget for reading and writing: both queues ask this gate and count here.
  const gate: QueueDeps['gate'] = (characters, charactersInFlight) => {
    budget = currentCount(budget, now());
    if (!costsMoney(provider) || !config) return undefined;
    const freeKey = provider?.id === 'deepl' && isFreeKey(config.key);
    return checkBudget(budget, effectiveBudget(config.settings.monthlyBudget, freeKey), characters + charactersInFlight);
  };
  const onSent: QueueDeps['onSent'] = (batch) => {
    session.requests++;
    session.charactersBilled += batch.billedCharacters;
    budget = { ...currentCount(budget, now()) };
    budget.billed += batch.billedCharacters;
    deps.saveBudgetCount?.(budget);
    deps.queue?.onSent?.(batch);
  };

  const queue = new TranslationQueue({
    ...deps.queue,
    provider: () => provider,
    requestOptions: () => ({ source: 'ZH', target: config?.settings.targetLang ?? 'EN-US', glossaryId: glossaryInUse()?.id }),
    gate,
    onSent,
  });

  /** The longest text one request takes, with room for the request around it. */
  const maxTextBytes = () => (provider?.limits.maxBytes ?? DEEPL_LIMITS.maxBytes) - REQUEST_HEADROOM_BYTES;

  const service = createTranslationService({
    cache: deps.cache,
    queue,
    keyParts: () => ({ provider: provider?.id ?? 'none', source: 'ZH', target: config?.settings.targetLang ?? 'EN-US', glossaryVersion: glossaryVersionInUse(), glossaryId: glossaryInUse()?.id }),
    maxTextBytes,
    answerWithinMs: deps.answerWithinMs,
  });

  /** A chat model takes its terms from the whole glossary (in its prompt): that glossary's version; undefined for other translators. */
  const chatGlossaryVersion = () => (provider && isChatProviderId(provider.id) && deps.glossaryTerms ? (config?.glossary?.version ?? NO_GLOSSARY_VERSION) : undefined);

  /** The glossary a translation was made with: the DeepL glossary in use, or the whole glossary a chat model gets its terms from. */
  function glossaryVersionInUse(): string {
    return chatGlossaryVersion() ?? glossaryInUse()?.version ?? NO_GLOSSARY_VERSION;
  }

  // The reader's DeepL quota or chat-model credit is what a page could spend: the on-device translator costs nothing.
  // A failed write (storage.session full or gone) is logged: the tabs stay paused in memory.
  const savePaused = (tabs: number[]) => void Promise.resolve(deps.savePausedTabs?.(tabs)).catch((error: unknown) => console.warn('RedNote Lens: the paused tabs were not saved', error));
  const limiter = createRateLimiter({ ...deps.rateLimit, now: () => now().getTime(), paused: deps.pausedTabs, onPausedChange: savePaused });
  const admitFrom = (tab: number | undefined) => (characters: number) => !costsMoney(provider) || limiter.admit(tab, characters);

  /** The glossary terms, read once per glossary version (a chat provider matches them against each batch). */
  let terms: { version: string | undefined; terms: Promise<readonly GlossaryTerm[]> } | undefined;
  const glossaryTerms = (): Promise<readonly GlossaryTerm[]> => {
    const version = config?.glossary?.version;
    if (!terms || terms.version !== version) terms = { version, terms: deps.glossaryTerms?.() ?? Promise.resolve([]) };
    return terms.terms;
  };
  const countTokens = (tokens: number) => {
    session.tokens += tokens;
    budget = { ...currentCount(budget, now()) };
    budget.tokens = (budget.tokens ?? 0) + tokens;
    deps.saveBudgetCount?.(budget);
  };

  const chatOrigins = deps.chatOrigins ?? originsOf(chatHostPermissions());
  function chatProvider(chat: ChatModelSetting & { key: string }, onUsage = countTokens) {
    const checked = checkChatEndpoint(chat.endpoint, chatOrigins);
    if (!checked.ok || !chat.model.trim()) return undefined;
    return createChatProvider({ endpoint: checked.url, model: chat.model.trim(), key: chat.key, fetch: deps.fetch, terms: glossaryTerms, onUsage });
  }

  /** The options page's Test: one short text through the endpoint the reader typed, outside the queue. */
  async function testChatModel(request: ChatModelSetting & { key: string }): Promise<ChatModelTest> {
    const checked = checkChatEndpoint(request.endpoint, chatOrigins);
    if (!checked.ok) return { ok: false, kind: 'unsupported', message: checked.message };
    if (deps.hasHostAccess && !(await deps.hasHostAccess(checked.permission))) {
      return { ok: false, kind: 'auth', message: `RedNote Lens may not reach ${checked.origin} yet: allow it when the browser asks (Save asks again).` };
    }
    let tokens = 0;
    const chat = chatProvider(request, (t) => (tokens += t));
    if (!chat) return { ok: false, kind: 'unsupported', message: 'Give the model’s name.' };
    try {
      const [result] = await chat.translate([CHAT_TEST_TEXT], { source: 'ZH', target: config?.settings.targetLang ?? 'EN-US' });
      if (result!.error) return { ok: false, ...describeError(result!.error) };
      return { ok: true, sample: CHAT_TEST_TEXT, text: result!.text, tokens };
    } catch (error) {
      return { ok: false, ...describeError(error) };
    } finally {
      // Paid for whether it worked or not.
      countTokens(tokens);
    }
  }

  // The reader's own English into Chinese, read back through the reading service (write-back.ts).
  const writeBack = createWriteBack({
    cache: deps.cache,
    provider: () => provider,
    gate,
    onSent,
    queue: deps.queue,
    maxTextBytes,
    answerWithinMs: deps.answerWithinMs,
    translator: () => {
      const choice = config?.settings.provider ?? 'off';
      const model = choice === 'chat' ? config?.chat?.model.trim() : '';
      return { provider: choice, translator: model ? `${translatorName(choice)} ${model}` : translatorName(choice) };
    },
    // Its EN → ZH dictionary, for the reader who asks for the platform's words.
    glossary: () => {
      const chatVersion = chatGlossaryVersion();
      if (chatVersion !== undefined) return { version: chatVersion };
      const synced = currentGlossary();
      return synced?.writingEntries ? { id: synced.id, version: synced.version } : undefined;
    },
    admit: admitFrom,
    readBack: async (chinese, tab) => (await service.translateSegments([{ id: 'back', text: chinese }], admitFrom(tab)))[0]!,
  });

  const deeplConfig = () => ({ key: config?.key ?? '', serverUrl: config?.serverUrl, fetch: deps.fetch });
  const usage = createUsageCache(() => fetchUsage(deeplConfig()));

  function chooseProvider(next: EngineConfig): TranslationProvider | undefined {
    switch (next.settings.provider) {
      case 'deepl':
        if (!next.key.trim()) return undefined;
        return createDeeplProvider({
          key: next.key,
          serverUrl: next.serverUrl,
          fetch: deps.fetch,
          onGlossaryMissing: (id) => {
            refusedGlossaryId = id;
            void syncGlossary();
          },
        });
      case 'on-device':
        return createOnDeviceProvider(deps.translatorApi);
      case 'chat':
        return next.chat?.granted ? chatProvider(next.chat) : undefined;
      default:
        return undefined;
    }
  }

  /** New settings or key: rebuild the provider and, where what blocked us may be fixed, send again. */
  function configure(next: EngineConfig) {
    const before = config;
    config = next;
    const changed =
      !before ||
      before.key !== next.key ||
      before.settings.provider !== next.settings.provider ||
      before.serverUrl !== next.serverUrl ||
      before.settings.targetLang !== next.settings.targetLang ||
      before.settings.monthlyBudget !== next.settings.monthlyBudget ||
      JSON.stringify(before.chat) !== JSON.stringify(next.chat);
    if (!changed) return;
    if (before?.key !== next.key) {
      const key = next.key;
      accountKnown = accountOf(key).then((id) => {
        if (config?.key === key) account = { key, id };
        if (glossaryOfOtherAccount()) void syncGlossary();
      });
    }
    provider = chooseProvider(next);
    usage.clear();
    queue.resume();
    writeBack.resume();
  }

  /**
   * One sync at a time: asked again meanwhile (popup and worker at once), it runs once more after
   * the first, which it then finds current, so two glossaries are never made for one.
   */
  let syncing: Promise<SyncAnswer> | undefined;
  let syncAgain: Promise<SyncAnswer> | undefined;
  function syncGlossary(): Promise<SyncAnswer> {
    if (!syncing) return (syncing = runSync().finally(() => (syncing = undefined)));
    return (syncAgain ??= syncing.then(() => {
      syncAgain = undefined;
      return syncGlossary();
    }));
  }

  async function runSync(): Promise<SyncAnswer> {
    await accountKnown;
    const used = config;
    if (!used?.key || used.settings.provider !== 'deepl') return { ok: false, message: 'The glossary goes to DeepL: choose DeepL and add a key first.' };
    if (!deps.glossaryTerms) return { ok: false, message: 'No glossary available.' };
    try {
      const synced = await syncDeeplGlossary({
        key: used.key,
        serverUrl: used.serverUrl,
        terms: await deps.glossaryTerms(),
        version: used.glossary?.version ?? NO_GLOSSARY_VERSION,
        stored: used.glossary?.synced,
        fetch: deps.fetch,
      });
      // Made for a key replaced meanwhile: the new key's own sync follows from configure.
      if (config?.key === used.key) {
        config = { ...config, glossary: { version: synced.version, synced } };
        await deps.saveSyncedGlossary?.(synced);
      }
      return { ok: true, glossaryId: synced.id, entries: synced.entries };
    } catch (error) {
      return { ok: false, message: String((error as Error)?.message ?? error) };
    }
  }

  async function status(): Promise<EngineStatus> {
    const state = queue.state();
    const stats = service.stats();
    const choice = config?.settings.provider ?? 'off';
    const used = choice === 'deepl' && config?.key ? await usage.get() : undefined;
    return {
      provider: choice,
      blocked: state.blocked ?? (state.backoff ? { ...state.backoff, retryAt: state.backoff.until } : undefined),
      queued: state.queued,
      usage: used,
      session: { ...stats, ...session },
      onDevice: await onDeviceAvailability(deps.translatorApi, config?.settings.targetLang),
    };
  }

  /**
   * Sending stopped for want of the on-device language pack, and the pack has arrived since (the
   * popup or welcome page that started the download may be closed by now): send again. Checked when
   * a page asks, which pages do now and then for the texts they hold.
   */
  async function resumeIfPackArrived() {
    if (queue.state().blocked?.kind !== 'no-provider' || provider?.id !== 'on-device' || !config) return;
    if ((await onDeviceAvailability(deps.translatorApi, config.settings.targetLang)) === 'available') queue.resume();
  }

  // The page's settings and the server choice are served beside the engine (page-settings-push.ts, deepl-server.ts).
  const handlers: Omit<Handlers, 'page-settings' | 'set-learned' | 'toggle-translation' | 'set-deepl-server' | 'open-welcome' | 'recognise-image' | 'open-image-access'> = {
    translate: async (request, sender) => {
      checkConnection(request.online);
      await resumeIfPackArrived();
      await accountKnown; // whether the stored glossary is this account's decides the cache keys
      return { results: await service.translateSegments(request.segments, admitFrom(sender.tab?.id)) };
    },
    // The reader's trusted click on the page's "unusual amount of text" prompt.
    'continue-translating': async (_request, sender) => {
      if (sender.tab?.id !== undefined) limiter.lift(sender.tab.id);
      return { ok: true };
    },
    'get-status': () => status(),
    'test-chat-model': ({ endpoint, model, key }) => testChatModel({ endpoint, model, key }),
    'check-key': (request) => checkKey({ key: request.key, serverUrl: config?.serverUrl, fetch: deps.fetch }),
    'sync-glossary': () => syncGlossary(),
    'write-translate': async (request, sender) => {
      checkConnection(request.online);
      await accountKnown;
      return writeBack.translate(request.text, sender.tab?.id, request.platformWords === true);
    },
    'retry-now': async () => {
      queue.resume();
      writeBack.resume();
      return { ok: true };
    },
    'clear-cache': async () => {
      await deps.cache.clear();
      return { ok: true };
    },
  };

  /** A tab closed (tabs.onRemoved): the rate limit forgets it (a paused one too, and the saved list with it). */
  const forgetTab = (tab: number) => limiter.forget(tab);
  return { configure, handlers, status, queue, service, writeBack, checkConnection, syncGlossary, forgetTab };
}

export type Engine = ReturnType<typeof createEngine>;
