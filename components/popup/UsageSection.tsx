// DeepL usage this month, and the reader's own monthly budget.
import { useId } from 'react';
import type { EngineStatus } from '../../lib/messaging/contract';
import { updateSettings } from '../../lib/storage/settings';
import { UsageMeter } from './StatusPanel';

export function UsageSection({ usage, budget }: { usage?: EngineStatus['usage']; budget: number }) {
  const budgetId = useId();
  return (
    <fieldset>
      <legend>Usage</legend>
      <UsageMeter usage={usage} budget={budget} />
      <label className="field" htmlFor={budgetId}>
        Monthly budget (characters, 0 = none)
        <input id={budgetId} type="number" min={0} step={10_000} value={budget} onChange={(e) => void updateSettings({ monthlyBudget: Math.max(0, Number(e.target.value) || 0) })} />
      </label>
    </fieldset>
  );
}
