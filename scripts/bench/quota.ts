// Issue 12 (`npm run bench`): what a hostile page can make us send before the reader is asked. The
// attack of tests/e2e/quota-attack.ts (invisible, visible and off-screen 4,999-character comments
// refilled in a loop) for a minute against an instant DeepL: everything it got in that minute.
import { TAB_LIMIT } from '../../lib/worker/rate-limit';
import { launchExtension } from '../../tests/e2e/harness';
import { settled } from '../../tests/e2e/page-probe';
import { attackCharactersSent, PROMPT, runAttack } from '../../tests/e2e/quota-attack';
import type { BenchRow } from './table';

const ATTACK_MS = 60_000;

export async function runQuotaBench(): Promise<BenchRow[]> {
  const session = await launchExtension({ latencyMs: 0 });
  // tsx names the functions sent to the page with an `__name` helper the page lacks (see soak.ts).
  await session.context.addInitScript({ content: 'globalThis.__name = (fn) => fn;' });
  try {
    const page = await session.openSite('/explore/66f0a1b2000000001e012345');
    await page.waitForSelector('.comment-item');
    await settled(page, 30_000);
    const run = await runAttack(page, ATTACK_MS);
    const sent = attackCharactersSent(session.deepl);
    const prompts = await page.locator(PROMPT).count();
    return [
      {
        name: 'hostile page, 1 minute: characters sent before the reader is asked',
        value: sent.total,
        unit: 'chars',
        against: `tab limit ${TAB_LIMIT.characters.toLocaleString('en-US')} a minute; invisible or off-screen text sent: ${sent.hidden + sent.offscreen}; ${run.refills} refills, ${run.readBack} read back; prompts shown: ${prompts}; before the fix: 324,935 in 8 s (22 M a minute in issue 12)`,
      },
    ];
  } finally {
    await session.close();
  }
}
