// The user's own monthly character budget, counted by us from what providers billed.
import { TranslationError } from '../core/errors';

export interface MonthlyCount {
  /** 'YYYY-MM' in the user's local time. */
  month: string;
  billed: number;
  /** Tokens chat models counted this month (their `usage`); absent in counts stored before them. */
  tokens?: number;
}

export const monthOf = (date: Date) => `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}`;

/** The count for the current month (a new month starts at zero). */
export function currentCount(stored: MonthlyCount | null | undefined, now: Date): MonthlyCount {
  const month = monthOf(now);
  return stored?.month === month ? stored : { month, billed: 0 };
}

/**
 * The budget a Free key gets when the reader set none: DeepL's Free plan stops at 500,000 characters
 * a month, and once it does every translation fails until the month ends. Stopping ourselves at
 * 450,000 keeps 50,000 for the reader's own use (a click on a long text, other tools on the same key)
 * even if something spends the quota behind the reader's back. Pro keys pay per character and have
 * no such wall: no budget unless the reader sets one (the popup offers it).
 */
export const FREE_KEY_BUDGET = 450_000;

/** The budget in force: the reader's own, else the built-in one for a Free key (0 = none). */
export const effectiveBudget = (monthlyBudget: number, freeKey: boolean) => monthlyBudget || (freeKey ? FREE_KEY_BUDGET : 0);

/**
 * An error when sending `characters` more would pass the budget (0 = no budget). Its message is
 * shown in the page (the title of our error line), so it carries no figure from the account; the
 * popup shows those.
 */
export function checkBudget(count: MonthlyCount, budget: number, characters: number): TranslationError | undefined {
  if (!budget || count.billed + characters <= budget) return undefined;
  return new TranslationError('budget', 'Your monthly budget for translations is reached. Raise it in the RedNote Lens popup, or wait for next month.');
}
