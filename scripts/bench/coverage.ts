// Coverage per replica view, in both display modes: the share of visible Han-text elements
// translated (nicknames excluded), counted from the DOM alone by the e2e probe, and duplicate lines.
import { launchExtension } from '../../tests/e2e/harness';
import { settled, translatedShare } from '../../tests/e2e/page-probe';
import { contentScriptRunning, REPLICA_VIEWS } from '../../tests/e2e/replica-views';
import type { BenchRow } from './table';

export async function runCoverageBench(): Promise<BenchRow[]> {
  const session = await launchExtension();
  // tsx keeps function names with a helper the page lacks; the probe's evaluated code needs it there.
  await session.context.addInitScript({ content: 'globalThis.__name = (f) => f;' });
  const rows: BenchRow[] = [];
  try {
    for (const mode of ['bilingual', 'replace'] as const) {
      await session.setSettings({ mode });
      for (const view of REPLICA_VIEWS) {
        const page = await session.openSite(view.path);
        await contentScriptRunning(page);
        await view.open?.(page);
        const result = await settled(page, 10_000);
        const missing = result.missing.length ? `; missing: ${result.missing.slice(0, 3).join(' | ')}` : '';
        rows.push({ name: `${view.name.split(' (')[0]}, ${mode}`, value: translatedShare(result) * 100, unit: '%', against: `${result.translated}/${result.total} texts, ${result.duplicates} duplicate lines, aim ≥ 99 %${missing}` });
        await page.close();
      }
    }
  } finally {
    await session.close();
  }
  return rows;
}
