// The platform glossary as a DeepL glossary (v3, ZH → EN) in the reader's own account, so DeepL
// translates 种草, 薯条 or 宝子 the same way every time. Made when the reader asks for it, replaced
// when the glossary's version changes; its id is kept with the version it was made from.
import { deeplBaseUrl } from '../translate/endpoints';
import { TranslationError } from '../core/errors';
import { utf8Bytes } from '../translate/split';
import type { GlossaryTerm } from './types';

export interface SyncedGlossary {
  id: string;
  version: string;
  /** The server it lives on: a glossary of the free endpoint is unknown to a proxy and vice versa. */
  baseUrl: string;
  entries: number;
}

const HAN = /[\u3400-\u9fff]/;
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;
const MAX_TERM_BYTES = 1024;

/** TSV entries DeepL accepts: Chinese source terms only, one each, no control characters, ≤ 1024 bytes. */
export function toDeeplEntries(terms: readonly GlossaryTerm[]): { tsv: string; count: number } {
  const seen = new Set<string>();
  const lines: string[] = [];
  for (const t of terms) {
    const source = t.term.trim();
    const target = t.meaning.trim();
    if (!HAN.test(source) || !target || seen.has(source)) continue;
    if (CONTROL.test(source) || CONTROL.test(target) || utf8Bytes(source) > MAX_TERM_BYTES || utf8Bytes(target) > MAX_TERM_BYTES) continue;
    seen.add(source);
    lines.push(`${source}\t${target}`);
  }
  return { tsv: lines.join('\n'), count: lines.length };
}

export interface SyncOptions {
  key: string;
  serverUrl?: string;
  terms: readonly GlossaryTerm[];
  version: string;
  stored?: SyncedGlossary | null;
  fetch?: typeof fetch;
}

export async function syncDeeplGlossary(options: SyncOptions): Promise<SyncedGlossary> {
  const baseUrl = deeplBaseUrl(options.key, options.serverUrl);
  const doFetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const call = async (method: string, path: string, body?: unknown) => {
    let response: Response;
    try {
      response = await doFetch(baseUrl + path, {
        method,
        headers: { Authorization: `DeepL-Auth-Key ${options.key.trim()}`, ...(body ? { 'Content-Type': 'application/json' } : {}) },
        body: body ? JSON.stringify(body) : undefined,
      });
    } catch {
      throw new TranslationError('network', 'Could not reach DeepL to send the glossary.');
    }
    return response;
  };
  const fail = (response: Response, what: string) => {
    const kind = response.status === 403 ? 'auth' : response.status === 456 ? 'quota' : response.status === 429 ? 'rate-limited' : response.status >= 500 ? 'unavailable' : 'unsupported';
    return new TranslationError(kind, `DeepL could not ${what} the glossary (HTTP ${response.status}).`, undefined, response.status);
  };

  const stored = options.stored;
  if (stored && stored.version === options.version && stored.baseUrl === baseUrl) {
    const check = await call('GET', `/v3/glossaries/${encodeURIComponent(stored.id)}`);
    if (check.ok) return stored;
    if (check.status !== 404) throw fail(check, 'check');
  }
  if (stored && stored.baseUrl === baseUrl) {
    const removed = await call('DELETE', `/v3/glossaries/${encodeURIComponent(stored.id)}`);
    if (!removed.ok && removed.status !== 404) throw fail(removed, 'replace');
  }
  const { tsv, count } = toDeeplEntries(options.terms);
  const created = await call('POST', '/v3/glossaries', {
    name: `RedNote Lens ${options.version}`,
    dictionaries: [{ source_lang: 'zh', target_lang: 'en', entries: tsv, entries_format: 'tsv' }],
  });
  if (!created.ok) throw fail(created, 'create');
  const info = (await created.json().catch(() => null)) as { glossary_id?: unknown } | null;
  if (typeof info?.glossary_id !== 'string') throw new TranslationError('network', 'DeepL answered the glossary request with an unexpected shape.');
  return { id: info.glossary_id, version: options.version, baseUrl, entries: count };
}
