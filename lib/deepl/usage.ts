// The account's character usage this billing period (/v2/usage).
import { TranslationError } from '../core/errors';
import type { Usage } from '../core/provider-types';
import { createDeeplClient, DEEPL_TIMEOUT_MS, type DeeplAccess } from './client';

export async function fetchUsage(access: DeeplAccess): Promise<Usage> {
  const usage = (await createDeeplClient(access).request({ method: 'GET', path: '/v2/usage', timeoutMs: DEEPL_TIMEOUT_MS.account })) as
    | { character_count?: number; character_limit?: number }
    | undefined;
  if (typeof usage?.character_count !== 'number' || typeof usage.character_limit !== 'number') {
    throw new TranslationError('network', 'DeepL sent a usage answer of the wrong shape');
  }
  return { characterCount: usage.character_count, characterLimit: usage.character_limit };
}
