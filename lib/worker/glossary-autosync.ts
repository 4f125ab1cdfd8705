// When to send the glossary to DeepL again without being asked: once the reader has sent it, a change
// to their terms should reach DeepL too. The sync itself (and keeping it to one at a time) is the
// DeepL client's business; this decides only when.
import type { ProviderChoice } from '../core/provider-types';

export interface GlossaryState {
  /** The version of the reader's terms now. */
  version: string;
  /** The DeepL glossary last made (the version it was made from); none until the reader sent one. */
  synced: { version: string; writingEntries?: number } | null;
  provider: ProviderChoice;
  key: string;
}

/**
 * The policy, fed every state the worker configures itself with. It starts a sync in the background
 * (never awaited: a DeepL that hangs must not hold up the worker's startup or its next reconfiguration)
 * and tries once for each version of the terms: a failure waits for the next change, or for the reader's
 * own "Send to DeepL".
 */
export function createGlossaryAutosync(sync: () => Promise<unknown>) {
  let attempted: string | undefined;
  return {
    consider({ version, synced, provider, key }: GlossaryState): void {
      // Current, and made with the EN → ZH dictionary for writing (one made before it had one is made again).
      const current = synced?.version === version && synced.writingEntries !== undefined;
      if (!synced || current || provider !== 'deepl' || !key || attempted === version) return;
      attempted = version;
      void sync().catch(() => {});
    },
  };
}
