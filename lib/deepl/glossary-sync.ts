// The platform glossary as a DeepL glossary (v3, ZH → EN, and EN → ZH for writing) in the reader's own account, so DeepL
// translates 种草, 薯条 or 宝子 the same way every time. Made when the reader asks for it, replaced
// when the glossary's version changes; its id is kept with the version it was made from and the
// account it lives in (a new key is another account, which does not know it).
import { TranslationError } from '../core/errors';
import { hasHan } from '../detect/chinese';
import type { GlossaryTerm } from '../glossary/types';
import { writingEntries } from '../glossary/writing';
import { utf8Bytes } from '../translate/split';
import { accountOf } from './account';
import { createDeeplClient, DEEPL_TIMEOUT_MS, type DeeplAccess } from './client';

export interface SyncedGlossary {
  id: string;
  version: string;
  /** The server it lives on: a glossary of the free endpoint is unknown to a proxy and vice versa. */
  baseUrl: string;
  /** The account it lives in (accountOf the key); absent in glossaries synced before it was recorded. */
  account?: string;
  entries: number;
  /** Entries of its EN → ZH dictionary (writing: glossary/writing.ts); absent in glossaries made before it had one. */
  writingEntries?: number;
}

const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;
const MAX_TERM_BYTES = 1024;

/** TSV entries DeepL accepts: Chinese source terms only, one each, no control characters, ≤ 1024 bytes. */
export function toDeeplEntries(terms: readonly GlossaryTerm[]): { tsv: string; count: number } {
  const seen = new Set<string>();
  const lines: string[] = [];
  for (const t of terms) {
    const source = t.term.trim();
    const target = t.meaning.trim();
    if (!hasHan(source) || !target || seen.has(source)) continue;
    if (CONTROL.test(source) || CONTROL.test(target) || utf8Bytes(source) > MAX_TERM_BYTES || utf8Bytes(target) > MAX_TERM_BYTES) continue;
    seen.add(source);
    lines.push(`${source}\t${target}`);
  }
  return { tsv: lines.join('\n'), count: lines.length };
}

/** The EN → ZH dictionary for writing, under the same rules. */
export function toDeeplWritingEntries(terms: readonly GlossaryTerm[]): { tsv: string; count: number } {
  const lines = writingEntries(terms)
    .filter(({ en, zh }) => !CONTROL.test(en) && !CONTROL.test(zh) && utf8Bytes(en) <= MAX_TERM_BYTES && utf8Bytes(zh) <= MAX_TERM_BYTES)
    .map(({ en, zh }) => `${en}\t${zh}`);
  return { tsv: lines.join('\n'), count: lines.length };
}

export interface SyncOptions extends DeeplAccess {
  terms: readonly GlossaryTerm[];
  version: string;
  stored?: SyncedGlossary | null;
}

export async function syncDeeplGlossary(options: SyncOptions): Promise<SyncedGlossary> {
  const client = createDeeplClient(options);
  const { baseUrl } = client;
  const call = (method: 'GET' | 'POST' | 'DELETE', path: string, body?: unknown) => client.request({ method, path, body, timeoutMs: DEEPL_TIMEOUT_MS.glossary });
  /** A glossary that is not there (deleted, or an id DeepL does not know) is no failure when checking or replacing it. */
  const unlessGone = (error: unknown) => {
    if (error instanceof TranslationError && (error.status === 404 || error.status === 400)) return false;
    throw error;
  };
  const account = await accountOf(options.key);

  const stored = options.stored;
  const sameAccount = stored?.baseUrl === baseUrl && stored.account === account;
  // One made before it had the writing dictionary is made again.
  if (stored && sameAccount && stored.version === options.version && stored.writingEntries !== undefined) {
    const exists = await call('GET', `/v3/glossaries/${encodeURIComponent(stored.id)}`).then(() => true, unlessGone);
    if (exists) return stored;
  }
  // Replace ours; another account's is not ours to delete (an unrecorded one may be: DeepL refuses if not).
  if (stored && stored.baseUrl === baseUrl && (stored.account ?? account) === account) {
    await call('DELETE', `/v3/glossaries/${encodeURIComponent(stored.id)}`).catch(unlessGone);
  }
  const { tsv, count } = toDeeplEntries(options.terms);
  const writing = toDeeplWritingEntries(options.terms);
  const info = (await call('POST', '/v3/glossaries', {
    name: `RedNote Lens ${options.version}`,
    dictionaries: [
      { source_lang: 'zh', target_lang: 'en', entries: tsv, entries_format: 'tsv' },
      ...(writing.count ? [{ source_lang: 'en', target_lang: 'zh', entries: writing.tsv, entries_format: 'tsv' }] : []),
    ],
  })) as { glossary_id?: unknown } | undefined;
  if (typeof info?.glossary_id !== 'string') throw new TranslationError('network', 'DeepL answered the glossary request with an unexpected shape.');
  return { id: info.glossary_id, version: options.version, baseUrl, account, entries: count, writingEntries: writing.count };
}
