// A local server that speaks DeepL's REST protocol (v2 translate/usage/glossaries, v3 glossaries), with
// faults a test can switch on, and a deterministic fake translation that shows which text it came from:
// "⟪EN⟫ " + glossary replacements + toneless pinyin of each Han character ("你好" → "⟪EN⟫ ni hao").
// Tests, the demo and the benchmarks use it; nothing here ever talks to the real DeepL.
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { pinyin } from 'pinyin-pro';

export const MAX_TEXTS = 50;
export const MAX_BODY_BYTES = 128 * 1024;
const FREE_LIMIT = 500_000;
const PRO_LIMIT = 1_000_000;

const TARGET_LANGS = new Set(
  'AR BG CS DA DE EL EN EN-GB EN-US ES ES-419 ET FI FR HE HU ID IT JA KO LT LV NB NL PL PT PT-BR PT-PT RO RU SK SL SV TH TR UK VI ZH ZH-HANS ZH-HANT'.split(' '),
);
const SOURCE_LANGS = new Set('AR BG CS DA DE EL EN ES ET FI FR HE HU ID IT JA KO LT LV NB NL PL PT RO RU SK SL SV TH TR UK VI ZH'.split(' '));
const baseLang = (code: string) => code.toUpperCase().split('-')[0]!;

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

type Fault =
  | { kind: 'status'; status: number; retryAfterSeconds?: number; message?: string }
  | { kind: 'drop' }
  | { kind: 'malformed' }
  | { kind: 'html' }
  | { kind: 'hang' };

export interface DeeplTestServer {
  url: string;
  port: number;
  requests: RecordedRequest[];
  translateRequests(): RecordedRequest[];
  latencyMs: number;
  inFlight: number;
  maxInFlight: number;
  failNext(status: number, count?: number, options?: { retryAfterSeconds?: number; message?: string }): void;
  failFor(status: number, ms: number): void;
  dropNext(count?: number): void;
  malformedNext(count?: number): void;
  /** Answer 200 with an HTML page holding a script (a captive portal, a broken proxy). */
  htmlNext(count?: number): void;
  hangNext(count?: number): void;
  rejectKey(key: string): void;
  setCharacterLimit(key: string, limit: number): void;
  usageOf(key: string): { character_count: number; character_limit: number };
  reset(): void;
  close(): Promise<void>;
}

/** The fake translation: recognisably derived from its input, glossary terms first. */
export function fakeTranslate(text: string, targetLang: string, glossary?: Map<string, string>): string {
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
    body = transliterate(body).replace(/\u0000(\d+)\u0000/g, (_, i: string) => ` ${targets[Number(i)]} `);
  } else {
    body = transliterate(body);
  }
  return `⟪${baseLang(targetLang)}⟫ ${body.replace(/ {2,}/g, ' ').trim()}`;
}

function transliterate(text: string): string {
  return text.replace(/[\u3400-\u9fff\uf900-\ufaff]+/g, (run) => ` ${pinyin(run, { toneType: 'none', type: 'array' }).join(' ')} `);
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export async function startDeeplServer(options: StartOptions = {}): Promise<DeeplTestServer> {
  const accounts = new Map<string, Account>();
  const glossaries = new Map<string, Glossary>();
  const rejected = new Set<string>();
  let faults: Fault[] = [];
  let failUntil: { status: number; until: number } | undefined;
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

  const state: DeeplTestServer = {
    url: '',
    port: 0,
    requests: [],
    translateRequests: () => state.requests.filter((r) => r.path === '/v2/translate'),
    latencyMs: options.latencyMs ?? 0,
    inFlight: 0,
    maxInFlight: 0,
    failNext(status, count = 1, extra = {}) {
      for (let i = 0; i < count; i++) faults.push({ kind: 'status', status, ...extra });
    },
    failFor(status, ms) {
      failUntil = { status, until: Date.now() + ms };
    },
    dropNext(count = 1) {
      for (let i = 0; i < count; i++) faults.push({ kind: 'drop' });
    },
    malformedNext(count = 1) {
      for (let i = 0; i < count; i++) faults.push({ kind: 'malformed' });
    },
    htmlNext(count = 1) {
      for (let i = 0; i < count; i++) faults.push({ kind: 'html' });
    },
    hangNext(count = 1) {
      for (let i = 0; i < count; i++) faults.push({ kind: 'hang' });
    },
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
      failUntil = undefined;
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
    const record: RecordedRequest = { method: req.method ?? 'GET', path: url.pathname, headers: req.headers, body: undefined, status: 0, at: Date.now() };
    state.requests.push(record);
    const isTranslate = url.pathname === '/v2/translate';
    if (isTranslate) {
      state.inFlight++;
      state.maxInFlight = Math.max(state.maxInFlight, state.inFlight);
    }
    const send = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      record.status = status;
      const text = typeof body === 'string' ? body : JSON.stringify(body);
      res.writeHead(status, { 'content-type': typeof body === 'string' ? 'text/tab-separated-values' : 'application/json', ...headers });
      res.end(text);
    };
    try {
      const raw = await readBody(req);
      if (raw.length > MAX_BODY_BYTES) throw new HttpError(413, 'Request Entity Too Large');
      record.body = parseBody(raw, req.headers['content-type'], url);
      const key = authKey(req);
      if (!key || key === 'invalid' || rejected.has(key)) throw new HttpError(403, 'Authorization failure, check auth_key');

      if (isTranslate) {
        record.texts = asStrings(record.body.text);
        if (state.latencyMs > 0) await sleep(state.latencyMs);
        const fault = faults.shift() ?? (failUntil && Date.now() < failUntil.until ? ({ kind: 'status', status: failUntil.status } satisfies Fault as Fault) : undefined);
        if (fault?.kind === 'drop') {
          record.status = -1;
          req.socket.destroy();
          return;
        }
        if (fault?.kind === 'hang') {
          record.status = -2;
          hanging.add(res);
          return;
        }
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
          return send(fault.status, { message: fault.message ?? defaultMessage(fault.status) }, headers);
        }
        return send(200, translate(record.body, key));
      }
      const routed = route(req.method ?? 'GET', url, record.body, key, req.headers.accept);
      return send(routed.status ?? 200, routed.body);
    } catch (error) {
      if (error instanceof HttpError) return send(error.status, { message: error.message });
      return send(500, { message: `Internal error: ${(error as Error).message}` });
    } finally {
      if (isTranslate) state.inFlight--;
    }
  }

  function translate(body: Record<string, unknown>, key: string) {
    const texts = asStrings(body.text);
    if (texts.length === 0) throw new HttpError(400, "Missing or invalid argument: 'text'");
    if (texts.length > MAX_TEXTS) throw new HttpError(400, `Too many texts: at most ${MAX_TEXTS} per request`);
    const target = String(body.target_lang ?? '').toUpperCase();
    if (!target) throw new HttpError(400, "Missing or invalid argument: 'target_lang'");
    if (!TARGET_LANGS.has(target)) throw new HttpError(400, "Value for 'target_lang' not supported.");
    const source = body.source_lang === undefined ? undefined : String(body.source_lang).toUpperCase();
    if (source !== undefined && !SOURCE_LANGS.has(source)) throw new HttpError(400, "Value for 'source_lang' not supported.");
    let glossaryEntries: Map<string, string> | undefined;
    if (body.glossary_id !== undefined) {
      if (!source) throw new HttpError(400, 'Use of a glossary requires the source_lang parameter to be specified');
      const glossary = glossaries.get(String(body.glossary_id));
      if (!glossary || glossary.owner !== key) throw new HttpError(404, 'Glossary not found');
      const dictionary = glossary.dictionaries.find((d) => baseLang(d.source_lang) === baseLang(source) && baseLang(d.target_lang) === baseLang(target));
      if (!dictionary) throw new HttpError(400, "Glossary doesn't match the requested language pair");
      glossaryEntries = dictionary.entries;
    }
    const billed = texts.map((t) => [...t].length);
    const total = billed.reduce((a, b) => a + b, 0);
    const account = accountOf(key);
    if (account.limit > 0 && account.count + total > account.limit) throw new HttpError(456, 'Quota for this billing period has been exceeded.');
    account.count += total;
    const showBilled = isTrue(body.show_billed_characters);
    return {
      translations: texts.map((text, i) => ({
        detected_source_language: source ?? (/[\u3400-\u9fff]/.test(text) ? 'ZH' : 'EN'),
        text: fakeTranslate(text, target, glossaryEntries),
        ...(showBilled ? { billed_characters: billed[i] } : {}),
        ...(body.model_type !== undefined ? { model_type_used: 'latency_optimized' } : {}),
      })),
    };
  }

  function route(method: string, url: URL, body: Record<string, unknown>, key: string, accept?: string): { status?: number; body: unknown } {
    const path = url.pathname;
    const account = accountOf(key);
    if (path === '/v2/usage') {
      const usage: Record<string, unknown> = { character_count: account.count, character_limit: account.limit };
      if (!key.endsWith(':fx')) {
        Object.assign(usage, {
          api_key_character_count: account.count,
          api_key_character_limit: account.limit,
          start_time: new Date(Date.UTC(2026, 10, 1)).toISOString(),
          end_time: new Date(Date.UTC(2026, 11, 1)).toISOString(),
        });
      }
      return { body: usage };
    }
    if (path === '/v2/glossary-language-pairs') {
      return { body: { supported_languages: [{ source_lang: 'zh', target_lang: 'en' }, { source_lang: 'en', target_lang: 'zh' }, { source_lang: 'en', target_lang: 'de' }] } };
    }
    const own = (id: string, version: 2 | 3) => {
      const glossary = glossaries.get(id);
      if (!glossary || glossary.owner !== key || glossary.version !== version) throw new HttpError(404, 'Glossary not found');
      return glossary;
    };
    // v2: one language pair per glossary, no edits.
    if (path === '/v2/glossaries' && method === 'POST') {
      const dictionary = parseDictionary(body.source_lang, body.target_lang, body.entries, body.entries_format);
      const glossary = newGlossary(String(body.name ?? ''), 2, [dictionary], key);
      return { status: 201, body: v2Info(glossary) };
    }
    if (path === '/v2/glossaries' && method === 'GET') {
      return { body: { glossaries: [...glossaries.values()].filter((g) => g.owner === key && g.version === 2).map(v2Info) } };
    }
    let match = /^\/v2\/glossaries\/([^/]+)(\/entries)?$/.exec(path);
    if (match) {
      const glossary = own(match[1]!, 2);
      if (match[2]) {
        if (accept && !accept.includes('tab-separated-values') && !accept.includes('*/*')) throw new HttpError(415, 'Unsupported Accept header');
        return { body: toTsv(glossary.dictionaries[0]!.entries) };
      }
      if (method === 'DELETE') {
        glossaries.delete(glossary.id);
        return { status: 204, body: '' };
      }
      return { body: v2Info(glossary) };
    }
    // v3: multilingual glossaries of dictionaries, editable.
    if (path === '/v3/glossaries' && method === 'POST') {
      const glossary = newGlossary(String(body.name ?? ''), 3, readDictionaries(body), key);
      return { status: 201, body: v3Info(glossary) };
    }
    if (path === '/v3/glossaries' && method === 'GET') {
      return { body: { glossaries: [...glossaries.values()].filter((g) => g.owner === key && g.version === 3).map(v3Info) } };
    }
    match = /^\/v3\/glossaries\/([^/]+)(\/entries|\/dictionaries)?$/.exec(path);
    if (match) {
      const glossary = own(match[1]!, 3);
      const sub = match[2];
      if (sub === '/entries') {
        const source = url.searchParams.get('source_lang') ?? String(body.source_lang ?? '');
        const target = url.searchParams.get('target_lang') ?? String(body.target_lang ?? '');
        const found = glossary.dictionaries.filter((d) => (!source || sameLang(d.source_lang, source)) && (!target || sameLang(d.target_lang, target)));
        if (!found.length) throw new HttpError(404, 'Dictionary not found');
        return { body: { dictionaries: found.map((d) => ({ source_lang: d.source_lang, target_lang: d.target_lang, entries: toTsv(d.entries), entries_format: 'tsv' })) } };
      }
      if (sub === '/dictionaries' && method === 'PUT') {
        const dictionary = parseDictionary(body.source_lang, body.target_lang, body.entries, body.entries_format);
        glossary.dictionaries = glossary.dictionaries.filter((d) => !(sameLang(d.source_lang, dictionary.source_lang) && sameLang(d.target_lang, dictionary.target_lang)));
        glossary.dictionaries.push(dictionary);
        return { body: dictInfo(dictionary) };
      }
      if (sub === '/dictionaries' && method === 'DELETE') {
        const source = url.searchParams.get('source_lang') ?? '';
        const target = url.searchParams.get('target_lang') ?? '';
        glossary.dictionaries = glossary.dictionaries.filter((d) => !(sameLang(d.source_lang, source) && sameLang(d.target_lang, target)));
        return { status: 204, body: '' };
      }
      if (method === 'DELETE') {
        glossaries.delete(glossary.id);
        return { status: 204, body: '' };
      }
      if (method === 'PATCH') {
        if (body.name !== undefined) glossary.name = String(body.name);
        for (const dictionary of body.dictionaries !== undefined || hasFormDictionaries(body) ? readDictionaries(body) : []) {
          const existing = glossary.dictionaries.find((d) => sameLang(d.source_lang, dictionary.source_lang) && sameLang(d.target_lang, dictionary.target_lang));
          if (existing) for (const [s, t] of dictionary.entries) existing.entries.set(s, t);
          else glossary.dictionaries.push(dictionary);
        }
        return { body: v3Info(glossary) };
      }
      return { body: v3Info(glossary) };
    }
    throw new HttpError(404, 'Not found');
  }

  function newGlossary(name: string, version: 2 | 3, dictionaries: Dictionary[], owner: string): Glossary {
    if (!name) throw new HttpError(400, "Missing or invalid argument: 'name'");
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

function hasFormDictionaries(body: Record<string, unknown>) {
  return Object.keys(body).some((k) => k.startsWith('dictionaries['));
}

/** v3 dictionaries arrive as a JSON array, or as form fields `dictionaries[0].source_lang` (deepl-node). */
function readDictionaries(body: Record<string, unknown>): Dictionary[] {
  let raw: Array<Record<string, unknown>> = [];
  if (Array.isArray(body.dictionaries)) raw = body.dictionaries as Array<Record<string, unknown>>;
  else {
    for (const [field, value] of Object.entries(body)) {
      const m = /^dictionaries\[(\d+)\]\.(\w+)$/.exec(field);
      if (m) (raw[Number(m[1])] ??= {})[m[2]!] = value;
    }
  }
  if (!raw.length) throw new HttpError(400, "Missing or invalid argument: 'dictionaries'");
  return raw.map((d) => parseDictionary(d.source_lang, d.target_lang, d.entries, d.entries_format));
}

function parseDictionary(source: unknown, target: unknown, entries: unknown, format: unknown): Dictionary {
  const s = String(source ?? '').toLowerCase();
  const t = String(target ?? '').toLowerCase();
  if (!SOURCE_LANGS.has(s.toUpperCase()) || !SOURCE_LANGS.has(t.toUpperCase())) throw new HttpError(400, 'Unsupported glossary language pair');
  if (typeof entries !== 'string' || !entries.trim()) throw new HttpError(400, "Missing or invalid argument: 'entries'");
  const fmt = String(format ?? 'tsv');
  if (fmt !== 'tsv' && fmt !== 'csv') throw new HttpError(400, "Value for 'entries_format' not supported.");
  const map = new Map<string, string>();
  for (const line of entries.split(/\r?\n/)) {
    if (!line.trim()) continue;
    const cells = fmt === 'tsv' ? line.split('\t') : parseCsvLine(line);
    if (cells.length < 2 || !cells[0]!.trim() || !cells[1]!.trim()) throw new HttpError(400, `Invalid glossary entry: ${JSON.stringify(line)}`);
    if (cells.length >= 4 && (cells[2]!.toLowerCase() !== s || cells[3]!.toLowerCase() !== t)) continue;
    const sourceTerm = cells[0]!.trim();
    if (map.has(sourceTerm)) throw new HttpError(400, `Duplicate source term: ${sourceTerm}`);
    map.set(sourceTerm, cells[1]!.trim());
  }
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

function authKey(req: IncomingMessage): string | undefined {
  const header = req.headers.authorization ?? '';
  const m = /^DeepL-Auth-Key\s+(.+)$/i.exec(header);
  return m?.[1]?.trim();
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      // Keep reading past the limit so the client gets a 413 rather than a reset, but don't store it.
      if (size <= MAX_BODY_BYTES + 1) chunks.push(chunk);
    });
    req.on('end', () => resolve(size > MAX_BODY_BYTES ? Buffer.alloc(size) : Buffer.concat(chunks)));
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
      throw new HttpError(400, 'Invalid JSON body');
    }
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new HttpError(400, 'JSON body must be an object');
    return { ...body, ...(parsed as Record<string, unknown>) };
  }
  for (const [k, v] of new URLSearchParams(text)) addField(body, k, v);
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

function isTrue(value: unknown) {
  return value === true || value === '1' || value === 'true';
}

function defaultMessage(status: number) {
  return (
    { 403: 'Authorization failure, check auth_key', 413: 'Request Entity Too Large', 429: 'Too many requests, please wait and resend your request.', 456: 'Quota for this billing period has been exceeded.', 503: 'Service unavailable' }[status] ??
    `Error ${status}`
  );
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// CLI: `npx tsx tests/support/deepl-server.ts --port 8787 --latency 120`
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { values } = parseArgs({ options: { port: { type: 'string', default: '8787' }, latency: { type: 'string', default: '0' } } });
  const server = await startDeeplServer({ port: Number(values.port), latencyMs: Number(values.latency) });
  console.log(`DeepL-compatible test server at ${server.url} (latency ${server.latencyMs} ms). Ctrl+C stops it.`);
  process.on('SIGINT', () => void server.close().then(() => process.exit(0)));
}
