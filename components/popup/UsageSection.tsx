// DeepL usage this month, and the monthly budget: the reader's own, or the built-in one of a Free key.
import { useId } from 'react';
import { isFreeKey } from '../../lib/deepl/hosts';
import type { EngineStatus } from '../../lib/messaging/contract';
import { updateSettings } from '../../lib/storage/settings';
import { effectiveBudget, FREE_KEY_BUDGET } from '../../lib/usage/budget';
import { fmt, UsageMeter } from './StatusPanel';

/** What the popup offers a Pro key without a budget: a cap a reader can raise, not a plan limit. */
export const SUGGESTED_PRO_BUDGET = 1_000_000;

export function UsageSection({ usage, budget, deeplKey }: { usage?: EngineStatus['usage']; budget: number; deeplKey: string }) {
  const budgetId = useId();
  const free = isFreeKey(deeplKey);
  return (
    <fieldset>
      <legend>Usage</legend>
      <UsageMeter usage={usage} budget={effectiveBudget(budget, free)} />
      <label className="field" htmlFor={budgetId}>
        {free ? `Monthly budget (characters, 0 = the built-in ${fmt(FREE_KEY_BUDGET)})` : 'Monthly budget (characters, 0 = none)'}
        <input id={budgetId} type="number" min={0} step={10_000} value={budget} onChange={(e) => void updateSettings({ monthlyBudget: Math.max(0, Number(e.target.value) || 0) })} />
      </label>
      {free && !budget ? <p className="hint">A Free key stops at 500,000 characters a month; translation stops at {fmt(FREE_KEY_BUDGET)}, so a page can never use it all.</p> : null}
      {!free && !budget ? (
        <p className="hint">
          No budget: there is no limit to what translation may cost this month.{' '}
          <button type="button" onClick={() => void updateSettings({ monthlyBudget: SUGGESTED_PRO_BUDGET })}>
            Set {fmt(SUGGESTED_PRO_BUDGET)} a month
          </button>
        </p>
      ) : null}
    </fieldset>
  );
}
