// A local server that speaks DeepL's REST protocol (v2 translate/usage/glossaries, v3 glossaries) and answers
// as DeepL does, errors included, with faults a test can switch on per path, and a deterministic fake
// translation that shows which text it came from: "⟪EN⟫ " + glossary replacements + toneless pinyin of each Han
// character ("你好" → "⟪EN⟫ ni hao"). Tests, the demo and the benchmarks use it; it never talks to the real DeepL.
//
// Where an answer is taken from, in the comments below:
//   [openapi]  DeepLcom/openapi openapi.yaml (synced 2026-06-30)
//   [mock]     DeepLcom/deepl-mock @44d9619, DeepL's own mock server (file named)
//   [issue]    a GitHub issue quoting what the real api.deepl.com answered
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { pinyin } from 'pinyin-pro';

// "request bodies up to 128 KiB" for text translation (developers.deepl.com translating-large-volumes; [openapi]
// /v2/translate `text`). DeepL documents "up to 50 texts" per request too, but does not enforce it: [openapi] limits
// `text` only by the 128 KiB, [mock] index.js accepts any number, and the real API "occasionally worked with hundreds
// of texts" ([issue] DeepLcom/deepl-node#33). So more than 50 texts are accepted here, as there.
export const MAX_BODY_BYTES = 128 * 1024;
// "The maximum size limit for a glossary is 10 MiB"; terms and names "limited to 1024 UTF-8 bytes" ([openapi] tags).
const MAX_GLOSSARY_BODY_BYTES = 11 * 1024 * 1024;
const MAX_TERM_BYTES = 1024;
const FREE_LIMIT = 500_000;
const PRO_LIMIT = 1_000_000;

const TARGET_LANGS = new Set(
  'AR BG CS DA DE EL EN EN-GB EN-US ES ES-419 ET FI FR HE HU ID IT JA KO LT LV NB NL PL PT PT-BR PT-PT RO RU SK SL SV TH TR UK VI ZH ZH-HANS ZH-HANT'.split(' '),
);
const SOURCE_LANGS = new Set('AR BG CS DA DE EL EN ES ET FI FR HE HU ID IT JA KO LT LV NB NL PL PT RO RU SK SL SV TH TR UK VI ZH'.split(' '));
// Glossaries: "any of the languages DeepL supports (with the exception of Thai)" ([openapi] ManageMultilingualGlossaries).
const GLOSSARY_LANGS = new Set([...SOURCE_LANGS].filter((l) => l !== 'TH'));
const baseLang = (code: string) => code.toUpperCase().split('-')[0]!;
// [mock] util.js isValidUuid: glossary ids are RFC 4122 UUIDs; anything else is refused before any lookup.
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-5][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;
// The real API's 413 comes from its nginx, as an HTML page ([issue] DeepLcom/deepl-php#40, wikiti/deepl-rb#26).
const NGINX_413 = '<html>\r\n<head><title>413 Request Entity Too Large</title></head>\r\n<body>\r\n<center><h1>413 Request Entity Too Large</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n';

export interface StartOptions {
  port?: number;
  host?: string;
  latencyMs?: number;
}

export interface RecordedRequest {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  body: Record<string, unknown> | undefined;
  /** The texts of a /v2/translate request. */
  texts?: string[];
  /** The status sent; -1 = connection dropped, -2 = left hanging. */
  status: number;
  at: number;
}

interface Account {
  count: number;
  limit: number;
}

interface Dictionary {
  source_lang: string;
  target_lang: string;
  entries: Map<string, string>;
}

interface Glossary {
  id: string;
  name: string;
  version: 2 | 3;
  dictionaries: Dictionary[];
  created: string;
  owner: string;
}

/**
 * Which requests a fault hits: an exact path ('/v2/usage'), a pattern (/^\/v3\/glossaries/), or EVERY_PATH.
 * Faults hit '/v2/translate' unless told otherwise.
 */
export type FaultPath = string | RegExp;
export const EVERY_PATH: FaultPath = /^/;
export interface FaultTarget {
  path?: FaultPath;
}

type FaultKind =
  | { kind: 'status'; status: number; retryAfterSeconds?: number; message?: string }
  | { kind: 'drop' }
  | { kind: 'malformed' }
  | { kind: 'html' }
  | { kind: 'hang' };
type Fault = FaultKind & { path: FaultPath };

export interface DeeplTestServer {
  url: string;
  port: number;
  requests: RecordedRequest[];
  translateRequests(): RecordedRequest[];
  latencyMs: number;
  inFlight: number;
  maxInFlight: number;
  /**
   * Answer the next `count` matching requests with `status`, the way DeepL sends it (no body for 403, 429 and
   * 5xx; JSON for 400 and 456; nginx's HTML for 413). `message` forces a JSON {message} body (DeepL sends one
   * for "Wrong endpoint" 403s and for some 503s). DeepL documents no Retry-After for these endpoints ([openapi]:
   * only voice jobs have one); `retryAfterSeconds` adds one, as a proxy might.
   */
  failNext(status: number, count?: number, options?: FaultTarget & { retryAfterSeconds?: number; message?: string }): void;
  failFor(status: number, ms: number, options?: FaultTarget): void;
  dropNext(count?: number, options?: FaultTarget): void;
  malformedNext(count?: number, options?: FaultTarget): void;
  /** Answer 200 with an HTML page holding a script (a captive portal, a broken proxy). */
  htmlNext(count?: number, options?: FaultTarget): void;
  hangNext(count?: number, options?: FaultTarget): void;
  rejectKey(key: string): void;
  setCharacterLimit(key: string, limit: number): void;
  usageOf(key: string): { character_count: number; character_limit: number };
  reset(): void;
  close(): Promise<void>;
}

/**
 * Into Chinese (target ZH, ZH-HANS), as a test can check: a phrase of FAKE_PHRASES as written there,
 * else `⟪ZH⟫ ` and each Latin letter as the Han character U+4E00 + its code (glossary terms as their
 * Chinese). Back out of Chinese, that form reads as the English it came from, `⟪EN⟫`-marked.
 */
export const FAKE_PHRASES: Readonly<Record<string, string>> = {
  'This looks amazing! Where did you buy it?': '这个看起来太棒了！你在哪里买的？',
  'Thank you all for the warm welcome!': '谢谢大家的热情欢迎！',
};
const ZH_MARK = '⟪ZH⟫ ';
const toHanLetters = (text: string) => text.replace(/[A-Za-z]/g, (c) => String.fromCharCode(0x4e00 + c.charCodeAt(0)));
const fromHanLetters = (text: string) => text.replace(/[\u4e41-\u4e7a]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0x4e00));

/** The fake translation: recognisably derived from its input, glossary terms first. */
/**
 * The faults both test servers play below HTTP: a dropped connection, or an answer left hanging
 * (recorded as status -1 and -2). True when the fault was played and nothing more may be sent.
 */
export function transportFault(fault: { kind: string } | undefined, record: { status: number }, req: IncomingMessage, res: ServerResponse, hanging: Set<ServerResponse>): boolean {
  if (fault?.kind === 'drop') {
    record.status = -1;
    req.socket.destroy();
    return true;
  }
  if (fault?.kind === 'hang') {
    record.status = -2;
    hanging.add(res);
    return true;
  }
  return false;
}

export function fakeTranslate(text: string, targetLang: string, glossary?: Map<string, string>): string {
  if (baseLang(targetLang) === 'ZH') return FAKE_PHRASES[text] ?? ZH_MARK + withGlossary(text, toHanLetters, glossary).trim();
  const phrase = Object.entries(FAKE_PHRASES).find(([, zh]) => zh === text)?.[0];
  if (phrase) return `⟪EN⟫ ${phrase}`;
  if (text.startsWith(ZH_MARK)) return `⟪EN⟫ ${fromHanLetters(text.slice(ZH_MARK.length))}`;
  return `⟪${baseLang(targetLang)}⟫ ${withGlossary(text, transliterate, glossary).replace(/ {2,}/g, ' ').trim()}`;
}

function withGlossary(text: string, convert: (text: string) => string, glossary?: Map<string, string>): string {
  let body = text;
  if (glossary && glossary.size) {
    const sources = [...glossary.keys()].sort((a, b) => b.length - a.length);
    // Replace glossary sources by placeholders so their targets are not transliterated again.
    const targets: string[] = [];
    for (const source of sources) {
      if (!body.includes(source)) continue;
      targets.push(glossary.get(source)!);
      body = body.split(source).join(`\u0000${targets.length - 1}\u0000`);
    }
    return convert(body).replace(/\u0000(\d+)\u0000/g, (_, i: string) => ` ${targets[Number(i)]} `);
  }
  return convert(body);
}

function transliterate(text: string): string {
  return text.replace(/[\u3400-\u9fff\uf900-\ufaff]+/g, (run) => ` ${pinyin(run, { toneType: 'none', type: 'array' }).join(' ')} `);
}

/** An error answer. No message = no body, which is how DeepL sends most of them. */
class HttpError extends Error {
  constructor(
    readonly status: number,
    message = '',
    readonly detail?: string,
  ) {
    super(message);
  }
}
const badRequest = (message: string, detail?: string) => new HttpError(400, message, detail);
const invalidEntries = (detail: string) => badRequest('Invalid glossary entries provided', detail);

const isGlossaryPath = (path: string) => /^\/v[23]\/glossar/.test(path);
const matches = (target: FaultPath, path: string) => (typeof target === 'string' ? target === path : target.test(path));

export async function startDeeplServer(options: StartOptions = {}): Promise<DeeplTestServer> {
  const accounts = new Map<string, Account>();
  const glossaries = new Map<string, Glossary>();
  const rejected = new Set<string>();
  let faults: Fault[] = [];
  let failWindows: Array<{ status: number; until: number; path: FaultPath }> = [];
  const sockets = new Set<Socket>();
  const hanging = new Set<ServerResponse>();

  const accountOf = (key: string): Account => {
    let account = accounts.get(key);
    if (!account) {
      account = { count: 0, limit: key.endsWith(':fx') ? FREE_LIMIT : PRO_LIMIT };
      accounts.set(key, account);
    }
    return account;
  };
  const queue = (count: number, fault: FaultKind, target: FaultTarget = {}) => {
    for (let i = 0; i < count; i++) faults.push({ ...fault, path: target.path ?? '/v2/translate' });
  };
  const takeFault = (path: string): FaultKind | undefined => {
    const index = faults.findIndex((f) => matches(f.path, path));
    if (index >= 0) return faults.splice(index, 1)[0];
    const window = failWindows.find((w) => Date.now() < w.until && matches(w.path, path));
    return window && { kind: 'status', status: window.status };
  };

  const state: DeeplTestServer = {
    url: '',
    port: 0,
    requests: [],
    translateRequests: () => state.requests.filter((r) => r.path === '/v2/translate'),
    latencyMs: options.latencyMs ?? 0,
    inFlight: 0,
    maxInFlight: 0,
    failNext(status, count = 1, { path, ...extra } = {}) {
      queue(count, { kind: 'status', status, ...extra }, { path });
    },
    failFor(status, ms, target = {}) {
      failWindows.push({ status, until: Date.now() + ms, path: target.path ?? '/v2/translate' });
    },
    dropNext: (count = 1, target) => queue(count, { kind: 'drop' }, target),
    malformedNext: (count = 1, target) => queue(count, { kind: 'malformed' }, target),
    htmlNext: (count = 1, target) => queue(count, { kind: 'html' }, target),
    hangNext: (count = 1, target) => queue(count, { kind: 'hang' }, target),
    rejectKey(key) {
      rejected.add(key);
    },
    setCharacterLimit(key, limit) {
      accountOf(key).limit = limit;
    },
    usageOf(key) {
      const account = accountOf(key);
      return { character_count: account.count, character_limit: account.limit };
    },
    reset() {
      accounts.clear();
      glossaries.clear();
      rejected.clear();
      faults = [];
      failWindows = [];
      state.requests.length = 0;
      state.latencyMs = options.latencyMs ?? 0;
      state.maxInFlight = state.inFlight;
    },
    async close() {
      for (const response of hanging) response.destroy();
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };

  const server: Server = createServer((req, res) => {
    void handle(req, res);
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const path = url.pathname;
    const method = req.method ?? 'GET';
    const record: RecordedRequest = { method, path, headers: req.headers, body: undefined, status: 0, at: Date.now() };
    state.requests.push(record);
    const isTranslate = path === '/v2/translate';
    if (isTranslate) {
      state.inFlight++;
      state.maxInFlight = Math.max(state.maxInFlight, state.inFlight);
    }
    const send = (status: number, body?: unknown, headers: Record<string, string> = {}) => {
      record.status = status;
      if (body === undefined) {
        res.writeHead(status, headers);
        res.end();
        return;
      }
      const text = typeof body === 'string' ? body : JSON.stringify(body);
      res.writeHead(status, { 'content-type': typeof body === 'string' ? 'text/tab-separated-values; charset=UTF-8' : 'application/json', ...headers });
      res.end(text);
    };
    const sendError = (error: HttpError, headers: Record<string, string> = {}) => {
      if (error.status === 413) {
        record.status = 413;
        res.writeHead(413, { 'content-type': 'text/html', ...headers });
        res.end(NGINX_413);
        return;
      }
      send(error.status, error.message ? { message: error.message, ...(error.detail ? { detail: error.detail } : {}) } : undefined, headers);
    };
    try {
      const raw = await readBody(req, isGlossaryPath(path) ? MAX_GLOSSARY_BODY_BYTES : MAX_BODY_BYTES);
      if (raw === 'too large') throw new HttpError(413);
      record.body = parseBody(raw, req.headers['content-type'], url);
      if (isTranslate) {
        record.texts = asStrings(record.body.text);
        if (state.latencyMs > 0) await sleep(state.latencyMs);
      }
      // Faults come first, as a load balancer's would ([mock] index.js answers its injected 5xx before auth).
      const fault = takeFault(path);
      if (transportFault(fault, record, req, res, hanging)) return;
      if (fault?.kind === 'malformed') {
        record.status = 200;
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end('{"translations": [{"text": "unterminated');
        return;
      }
      if (fault?.kind === 'html') {
        record.status = 200;
        res.writeHead(200, { 'content-type': 'text/html' });
        res.end('<!doctype html><html><body><script>window.__pwned = "deepl-html"</script><p>Sign in to this network</p></body></html>');
        return;
      }
      if (fault?.kind === 'status') {
        const headers: Record<string, string> = fault.retryAfterSeconds !== undefined ? { 'retry-after': String(fault.retryAfterSeconds) } : {};
        return sendError(new HttpError(fault.status, fault.message ?? defaultMessage(fault.status, path)), headers);
      }
      const key = authenticate(req, path);
      if (isTranslate && method === 'POST') return send(200, translate(record.body, key));
      const routed = route(method, url, record.body, key, req.headers.accept);
      return send(routed.status ?? 200, routed.body);
    } catch (error) {
      if (error instanceof HttpError) return sendError(error);
      return sendError(new HttpError(500));
    } finally {
      if (isTranslate) state.inFlight--;
    }
  }

  function authenticate(req: IncomingMessage, path: string): string {
    const header = req.headers.authorization;
    // Exactly "DeepL-Auth-Key <key>", case and single space included ([mock] auth.js startsWith('DeepL-Auth-Key ');
    // [openapi] securitySchemes x-default "DeepL-Auth-Key "). auth_key as a parameter no longer counts: it "fails
    // with 403" since the 2025/26 deprecation (developers.deepl.com november-2025-deprecation-of-legacy-auth-methods).
    const key = header?.startsWith('DeepL-Auth-Key ') ? header.slice('DeepL-Auth-Key '.length) : undefined;
    // "glossaries endpoints respond 400/{message:"Invalid or missing Authorization header"}" ([mock] auth.js comment).
    if (key === undefined && isGlossaryPath(path)) throw badRequest('Invalid or missing Authorization header');
    // A refused key: 403 with no body ([mock] auth.js `res.status(403).send()`; the real API's refusal carries no
    // message either: [issue] DeepLcom/deepl-php#53, DeepLcom/deepl-python#23).
    if (!key || key === 'invalid' || rejected.has(key)) throw new HttpError(403);
    return key;
  }

  function translate(body: Record<string, unknown>, key: string) {
    // The order and wording of checks follow [mock] index.js handleTranslate; every refusal is a 400 with a JSON
    // {message} ([openapi] BadRequest).
    const target = optionalString(body, 'target_lang')?.toUpperCase();
    if (target === undefined) throw badRequest("Parameter 'target_lang' not specified");
    if (!TARGET_LANGS.has(target)) throw badRequest("Value for 'target_lang' not supported.");
    const source = optionalString(body, 'source_lang')?.toUpperCase();
    // Variants such as ZH-HANS are target-only (developers.deepl.com language table; [mock] agrees).
    if (source !== undefined && !SOURCE_LANGS.has(source)) throw badRequest("Value for 'source_lang' not supported.");
    const texts = asStrings(body.text);
    if (texts.length === 0) throw badRequest("Parameter 'text' not specified");
    let glossaryEntries: Map<string, string> | undefined;
    if (body.glossary_id !== undefined) {
      // A malformed id: 400 "Value for 'glossary_id' not supported." ([mock]; the real API says the same for a
      // list of ids: [issue] DeepLcom/deepl-python#162).
      const id = optionalString(body, 'glossary_id', 'glossary_id');
      if (!id || !UUID.test(id)) throw badRequest("Value for 'glossary_id' not supported.");
      if (!source) throw badRequest('Use of a glossary requires the source_lang parameter to be specified');
      // An unknown glossary in a translation is a 400, not a 404 ([mock] handleTranslate answers every failure 400).
      const glossary = glossaries.get(id);
      if (!glossary || glossary.owner !== key) throw badRequest('Glossary not found');
      const dictionary = glossary.dictionaries.find((d) => baseLang(d.source_lang) === baseLang(source) && baseLang(d.target_lang) === baseLang(target));
      // [issue] DeepLcom/deepl-python#138: "Bad request. Reason: No dictionary found for language pair de-en-GB in glossary".
      if (!dictionary) throw badRequest(`Bad request. Reason: No dictionary found for language pair ${source.toLowerCase()}-${String(body.target_lang)} in glossary`);
      glossaryEntries = dictionary.entries;
    }
    const showBilled = optionalEnum(body, 'show_billed_characters', ['0', '1', true, false]);
    const modelType = optionalEnum(body, 'model_type', ['quality_optimized', 'latency_optimized', 'prefer_quality_optimized']);
    // `context` is a string ([openapi] Context); the mock does not check it, so the wording is its usual one.
    if (body.context !== undefined && typeof body.context !== 'string') throw badRequest("Value for 'context' not supported.");
    // Billed in Unicode code points; `context` is not billed (developers.deepl.com usage-limits).
    const billed = texts.map((t) => [...t].length);
    const total = billed.reduce((a, b) => a + b, 0);
    const account = accountOf(key);
    // 456 carries a JSON message ([mock] index.js; [openapi] QuotaExceeded).
    if (account.limit > 0 && account.count + total > account.limit) throw new HttpError(456, 'Quota for this billing period has been exceeded.');
    account.count += total;
    return {
      translations: texts.map((text, i) => ({
        detected_source_language: source ?? (/[\u3400-\u9fff]/.test(text) ? 'ZH' : 'EN'),
        text: fakeTranslate(text, target, glossaryEntries),
        ...(showBilled === true || showBilled === '1' ? { billed_characters: billed[i] } : {}),
        ...(modelType !== undefined ? { model_type_used: 'latency_optimized' } : {}),
      })),
    };
  }

  function route(method: string, url: URL, body: Record<string, unknown>, key: string, accept?: string): { status?: number; body?: unknown } {
    const path = url.pathname;
    const account = accountOf(key);
    if (path === '/v2/usage' && (method === 'GET' || method === 'POST')) {
      const usage: Record<string, unknown> = { character_count: account.count, character_limit: account.limit };
      // Pro keys get the per-key counts, the billing period and the products list too ([openapi] /v2/usage; [mock]).
      if (!key.endsWith(':fx')) {
        Object.assign(usage, {
          api_key_character_count: account.count,
          api_key_character_limit: account.limit,
          start_time: new Date(Date.UTC(2026, 10, 1)).toISOString(),
          end_time: new Date(Date.UTC(2026, 11, 1)).toISOString(),
          products: [{ product_type: 'translate', api_key_character_count: account.count, character_count: account.count }],
        });
      }
      return { body: usage };
    }
    if (path === '/v2/glossary-language-pairs' && method === 'GET') {
      return { body: { supported_languages: [{ source_lang: 'zh', target_lang: 'en' }, { source_lang: 'en', target_lang: 'zh' }, { source_lang: 'en', target_lang: 'de' }] } };
    }
    // Looking a glossary up by path: a malformed id is a 400 and an unknown one a 404, both without a body
    // ([mock] index.js handleV3GlossaryList / handleV3GlossaryDelete send the status alone).
    const own = (id: string, version: 2 | 3) => {
      if (!UUID.test(id)) throw new HttpError(400);
      const glossary = glossaries.get(id);
      // v3 serves every glossary, v2 only its own: "you can use v3 endpoints with any glossary, whichever version
      // created it" (developers.deepl.com glossary-v2-vs-v3-endpoints).
      if (!glossary || glossary.owner !== key || (version === 2 && glossary.version !== 2)) throw new HttpError(404);
      return glossary;
    };
    // v2: one language pair per glossary, no edits.
    if (path === '/v2/glossaries' && method === 'POST') {
      const name = glossaryName(body.name);
      const dictionary = parseDictionary(body.source_lang, body.target_lang, body.entries, body.entries_format);
      return { status: 201, body: v2Info(newGlossary(name, 2, [dictionary], key)) };
    }
    if (path === '/v2/glossaries' && method === 'GET') {
      return { body: { glossaries: [...glossaries.values()].filter((g) => g.owner === key && g.version === 2).map(v2Info) } };
    }
    let match = /^\/v2\/glossaries\/([^/]+)(\/entries)?$/.exec(path);
    if (match && (method === 'GET' || method === 'DELETE')) {
      const glossary = own(decodeURIComponent(match[1]!), 2);
      if (match[2] && method === 'GET') {
        // [mock] handleV2GlossaryEntries: only TSV is served.
        if (accept && !accept.includes('tab-separated-values') && !accept.includes('*/*')) throw new HttpError(415, 'No supported media type specified in Accept header');
        return { body: toTsv(glossary.dictionaries[0]!.entries) };
      }
      if (method === 'DELETE' && !match[2]) {
        glossaries.delete(glossary.id);
        return { status: 204 };
      }
      if (!match[2]) return { body: v2Info(glossary) };
    }
    // v3: multilingual glossaries of dictionaries, editable.
    if (path === '/v3/glossaries' && method === 'POST') {
      const name = glossaryName(body.name);
      return { status: 201, body: v3Info(newGlossary(name, 3, readDictionaries(body), key)) };
    }
    if (path === '/v3/glossaries' && method === 'GET') {
      return { body: { glossaries: [...glossaries.values()].filter((g) => g.owner === key).map(v3Info) } };
    }
    match = /^\/v3\/glossaries\/([^/]+)(\/entries|\/dictionaries)?$/.exec(path);
    if (match) {
      const glossary = own(decodeURIComponent(match[1]!), 3);
      const sub = match[2];
      // Dictionary operations name their pair, and it must be a glossary pair ([mock] getParamSourceLang/TargetLang).
      const pair = () => {
        const source = String(url.searchParams.get('source_lang') ?? body.source_lang ?? '');
        const target = String(url.searchParams.get('target_lang') ?? body.target_lang ?? '');
        if (!source) throw badRequest("Parameter 'source_lang' not specified");
        if (!target) throw badRequest("Parameter 'target_lang' not specified");
        if (!GLOSSARY_LANGS.has(source.toUpperCase()) || !GLOSSARY_LANGS.has(target.toUpperCase())) throw badRequest('Unsupported glossary source and target language pair');
        return { source, target };
      };
      const dictionaryOf = (source: string, target: string) => {
        const found = glossary.dictionaries.find((d) => sameLang(d.source_lang, source) && sameLang(d.target_lang, target));
        if (!found) throw new HttpError(404, 'Dictionary not found');
        return found;
      };
      if (sub === '/entries' && method === 'GET') {
        const { source, target } = pair();
        const d = dictionaryOf(source, target);
        return { body: { dictionaries: [{ source_lang: d.source_lang, target_lang: d.target_lang, entries: toTsv(d.entries), entries_format: 'tsv' }] } };
      }
      if (sub === '/dictionaries' && method === 'PUT') {
        const dictionary = parseDictionary(body.source_lang, body.target_lang, body.entries, body.entries_format);
        glossary.dictionaries = glossary.dictionaries.filter((d) => !(sameLang(d.source_lang, dictionary.source_lang) && sameLang(d.target_lang, dictionary.target_lang)));
        glossary.dictionaries.push(dictionary);
        return { body: dictInfo(dictionary) };
      }
      if (sub === '/dictionaries' && method === 'DELETE') {
        const { source, target } = pair();
        const gone = dictionaryOf(source, target);
        glossary.dictionaries = glossary.dictionaries.filter((d) => d !== gone);
        return { status: 204 };
      }
      if (!sub && method === 'GET') return { body: v3Info(glossary) };
      if (!sub && method === 'DELETE') {
        glossaries.delete(glossary.id);
        return { status: 204 };
      }
      if (!sub && method === 'PATCH') {
        if (body.name !== undefined) glossary.name = glossaryName(body.name);
        // PATCH merges entries into the pair's dictionary ([mock] glossariesV3.js patchGlossary).
        for (const dictionary of body.dictionaries !== undefined || hasFormDictionaries(body) ? readDictionaries(body) : []) {
          const existing = glossary.dictionaries.find((d) => sameLang(d.source_lang, dictionary.source_lang) && sameLang(d.target_lang, dictionary.target_lang));
          if (existing) for (const [s, t] of dictionary.entries) existing.entries.set(s, t);
          else glossary.dictionaries.push(dictionary);
        }
        return { body: v3Info(glossary) };
      }
    }
    // Unknown paths and methods: 404 without a body ([mock] index.js catch-all `res.status(404).send()`).
    throw new HttpError(404);
  }

  function newGlossary(name: string, version: 2 | 3, dictionaries: Dictionary[], owner: string): Glossary {
    const glossary: Glossary = { id: randomUUID(), name, version, dictionaries, created: new Date().toISOString(), owner };
    glossaries.set(glossary.id, glossary);
    return glossary;
  }

  await new Promise<void>((resolve) => server.listen(options.port ?? 0, options.host ?? '127.0.0.1', resolve));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('DeepL test server has no port');
  state.port = address.port;
  state.url = `http://${options.host ?? '127.0.0.1'}:${address.port}`;
  return state;
}

function v2Info(g: Glossary) {
  const d = g.dictionaries[0]!;
  return { glossary_id: g.id, name: g.name, ready: true, source_lang: d.source_lang, target_lang: d.target_lang, creation_time: g.created, entry_count: d.entries.size };
}
function dictInfo(d: Dictionary) {
  return { source_lang: d.source_lang, target_lang: d.target_lang, entry_count: d.entries.size };
}
function v3Info(g: Glossary) {
  return { glossary_id: g.id, name: g.name, dictionaries: g.dictionaries.map(dictInfo), creation_time: g.created };
}

/** A glossary name is required, non-empty and at most 1024 UTF-8 bytes ([mock] handleV3GlossaryCreate; [openapi] tags). */
function glossaryName(value: unknown): string {
  if (typeof value !== 'string' || !value || Buffer.byteLength(value) > MAX_TERM_BYTES) throw badRequest('Missing or invalid argument: name');
  return value;
}

function hasFormDictionaries(body: Record<string, unknown>) {
  return Object.keys(body).some((k) => k.startsWith('dictionaries['));
}

/** v3 dictionaries arrive as a JSON array, or as form fields `dictionaries[0].source_lang` (deepl-node). */
function readDictionaries(body: Record<string, unknown>): Dictionary[] {
  let raw: Array<Record<string, unknown>> = [];
  if (body.dictionaries !== undefined) {
    if (!Array.isArray(body.dictionaries) || body.dictionaries.some((d) => !d || typeof d !== 'object')) throw badRequest("Value for 'dictionaries' not supported.");
    raw = body.dictionaries as Array<Record<string, unknown>>;
    // [mock] glossariesV3.js createGlossary: "Glossary dictionaries must be provided" for an empty array.
    if (!raw.length) throw badRequest('Glossary dictionaries must be provided');
  } else {
    for (const [field, value] of Object.entries(body)) {
      const m = /^dictionaries\[(\d+)\]\.(\w+)$/.exec(field);
      if (m) (raw[Number(m[1])] ??= {})[m[2]!] = value;
    }
    if (!raw.length) throw badRequest("Parameter 'dictionaries' not specified");
  }
  return raw.map((d) => parseDictionary(d.source_lang, d.target_lang, d.entries, d.entries_format));
}

function parseDictionary(source: unknown, target: unknown, entries: unknown, format: unknown): Dictionary {
  const s = String(source ?? '').toLowerCase();
  const t = String(target ?? '').toLowerCase();
  // [mock] glossariesV3.js: base language codes only, both glossary languages, else this message.
  if (!GLOSSARY_LANGS.has(s.toUpperCase()) || !GLOSSARY_LANGS.has(t.toUpperCase())) throw badRequest('Unsupported glossary source and target language pair');
  // entries_format "tsv (default)" ([openapi] GlossaryEntriesFormat); anything else: [mock]'s message.
  const fmt = format ?? 'tsv';
  if (fmt !== 'tsv' && fmt !== 'csv') throw badRequest('Value for entries_format not supported.');
  if (typeof entries !== 'string') throw badRequest('Bad request', 'Missing or invalid argument: entries');
  const map = new Map<string, string>();
  const lines = entries.split('\n');
  for (const [index, rawLine] of lines.entries()) {
    // [mock] glossariesV3.js convertGlossaryDictionaryTsvToList: each line trimmed, blank lines skipped, the first tab
    // splits source from target; the errors carry their reason in `detail` ([openapi] BadRequestGlossaries example).
    const line = rawLine.trim();
    if (!line) continue;
    let cells: string[];
    if (fmt === 'tsv') {
      const tab = line.indexOf('\t');
      if (tab < 0) throw invalidEntries(`Key with the index ${index} misses tab separator`);
      cells = [line.slice(0, tab), line.slice(tab + 1)];
    } else {
      cells = parseCsvLine(line);
      if (cells.length < 2) continue;
      // CSV lines may name their pair; lines of another pair are skipped ([mock] glossariesCsvParser.js).
      if (cells.length >= 4 && (cells[2]!.toLowerCase() !== s || cells[3]!.toLowerCase() !== t)) continue;
    }
    const [sourceTerm, targetTerm] = cells as [string, string];
    if (Buffer.byteLength(sourceTerm) > MAX_TERM_BYTES || Buffer.byteLength(targetTerm) > MAX_TERM_BYTES) throw invalidEntries(`Key with the index ${index} is longer than ${MAX_TERM_BYTES} bytes`);
    if (map.has(sourceTerm)) throw invalidEntries(`Key with the index ${index} duplicates key with the index ${[...map.keys()].indexOf(sourceTerm)}`);
    map.set(sourceTerm, targetTerm);
  }
  // An empty TSV makes an empty dictionary; a CSV without entries is refused ([mock] both).
  if (fmt === 'csv' && !map.size) throw invalidEntries('No entries');
  return { source_lang: s, target_lang: t, entries: map };
}

function parseCsvLine(line: string): string[] {
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') (cell += '"'), i++;
      else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') cells.push(cell), (cell = '');
    else cell += c;
  }
  cells.push(cell);
  return cells;
}

function toTsv(entries: Map<string, string>): string {
  return [...entries].map(([s, t]) => `${s}\t${t}`).join('\n');
}

function sameLang(a: string, b: string) {
  return baseLang(a) === baseLang(b);
}

/** The body, or 'too large' once it passes `limit` (read to the end, so the client sees the 413 and not a reset). */
function readBody(req: IncomingMessage, limit: number): Promise<Buffer | 'too large'> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) chunks.push(chunk);
    });
    req.on('end', () => resolve(size > limit ? 'too large' : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function parseBody(raw: Buffer, contentType: string | undefined, url: URL): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const [k, v] of url.searchParams) addField(body, k, v);
  if (!raw.length) return body;
  const text = raw.toString('utf8');
  if (contentType?.includes('application/json')) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      throw badRequest('Invalid JSON body');
    }
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw badRequest('JSON body must be an object');
    return { ...body, ...(parsed as Record<string, unknown>) };
  }
  // Only a form body is read besides JSON; any other type leaves the body empty, so required fields are missing.
  if (contentType?.includes('application/x-www-form-urlencoded')) for (const [k, v] of new URLSearchParams(text)) addField(body, k, v);
  return body;
}

function addField(body: Record<string, unknown>, key: string, value: string) {
  // Form bodies repeat `text=`; keep every value of it as an array.
  if (key === 'text') body.text = [...asStrings(body.text), value];
  else body[key] = value;
}

function asStrings(value: unknown): string[] {
  if (value === undefined) return [];
  return (Array.isArray(value) ? value : [value]).map(String);
}

function optionalString(body: Record<string, unknown>, field: string, name = field): string | undefined {
  const value = body[field];
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw badRequest(`Value for '${name}' not supported.`);
  return value;
}

function optionalEnum(body: Record<string, unknown>, field: string, allowed: readonly unknown[]): unknown {
  const value = body[field];
  if (value !== undefined && !allowed.includes(value)) throw badRequest(`Value for '${field}' not supported.`);
  return value;
}

/**
 * Only 400 and a translation's 456 carry a message by default: DeepL sends 403, 429 and 5xx without a body ([mock]
 * auth.js, index.js; [openapi] InternalServerError, ServiceUnavailable), and the glossaries' 456 ("too many requests
 * to the glossary endpoints") has none either ([openapi] QuotaExceededGlossaries).
 */
function defaultMessage(status: number, path: string) {
  if (status === 456) return isGlossaryPath(path) ? undefined : 'Quota for this billing period has been exceeded.';
  return status === 400 ? 'Bad request' : undefined;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// CLI: `npx tsx tests/support/deepl-server.ts --port 8787 --latency 120`
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { values } = parseArgs({ options: { port: { type: 'string', default: '8787' }, latency: { type: 'string', default: '0' } } });
  const server = await startDeeplServer({ port: Number(values.port), latencyMs: Number(values.latency) });
  console.log(`DeepL-compatible test server at ${server.url} (latency ${server.latencyMs} ms). Ctrl+C stops it.`);
  process.on('SIGINT', () => void server.close().then(() => process.exit(0)));
}
