// The user's own monthly character budget, counted by us from what providers billed.
import { TranslationError } from '../core/errors';

export interface MonthlyCount {
  /** 'YYYY-MM' in the user's local time. */
  month: string;
  billed: number;
}

export const monthOf = (date: Date) => `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}`;

/** The count for the current month (a new month starts at zero). */
export function currentCount(stored: MonthlyCount | null | undefined, now: Date): MonthlyCount {
  const month = monthOf(now);
  return stored?.month === month ? stored : { month, billed: 0 };
}

/** An error when sending `characters` more would pass the budget (0 = no budget). */
export function checkBudget(count: MonthlyCount, budget: number, characters: number): TranslationError | undefined {
  if (!budget || count.billed + characters <= budget) return undefined;
  return new TranslationError(
    'budget',
    `Your monthly budget of ${budget.toLocaleString('en-US')} characters is reached (${count.billed.toLocaleString('en-US')} used). Raise it in the popup, or wait for next month.`,
  );
}
