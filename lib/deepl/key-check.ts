// Check a key the reader typed, live, and say precisely what is wrong with it.
import { TranslationError } from '../core/errors';
import type { KeyCheck } from '../messaging/contract';
import type { DeeplAccess } from './client';
import { isFreeKey } from './hosts';
import { fetchUsage } from './usage';

export async function checkKey(access: DeeplAccess): Promise<KeyCheck> {
  const key = access.key.trim();
  if (!key) return { ok: false, kind: 'auth', message: 'Enter a DeepL API key.' };
  try {
    const usage = await fetchUsage({ ...access, key });
    return { ok: true, plan: isFreeKey(key) ? 'free' : 'pro', usage };
  } catch (error) {
    const e = error instanceof TranslationError ? error : new TranslationError('network', String(error));
    if (e.kind === 'auth') {
      const hint = isFreeKey(key)
        ? 'DeepL did not accept this Free key (ending in :fx). Copy it again from your DeepL account.'
        : 'DeepL did not accept this key. Keys of the Free plan end in ":fx"; a Pro key must come from a Pro account.';
      return { ok: false, kind: 'auth', message: hint };
    }
    return { ok: false, kind: e.kind, message: e.message };
  }
}
