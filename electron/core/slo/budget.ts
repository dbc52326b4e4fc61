import type { SloPeriod } from '../../../shared/dashboard';

/**
 * Error-budget arithmetic, kept free of the store so it can be checked by hand.
 * Periods are calendar months / quarters in UTC, so two operators in different zones see the
 * same budget.
 */

export function periodBounds(now: number, period: SloPeriod): { start: number; end: number } {
  const d = new Date(now);
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth();
  const first = period === 'month' ? m : m - (m % 3);
  const len = period === 'month' ? 1 : 3;
  return { start: Date.UTC(y, first, 1), end: Date.UTC(y, first + len, 1) };
}

export interface BudgetInput {
  target: number;
  start: number;
  end: number;
  now: number;
  /** Share of charged results that were down over the period to date (0 when nothing measured). */
  downShare: number;
  /** Planned maintenance excluded from the period so far, ms. */
  maintenanceMs: number;
  /**
   * When measuring began (the monitor was created mid-period): the down share is applied to the
   * time actually observed, or a monitor added five minutes ago would be charged for the whole month.
   */
  observedFrom?: number;
}

export function errorBudget({ target, start, end, now, downShare, maintenanceMs, observedFrom }: BudgetInput) {
  const allowedMs = (1 - target) * (end - start);
  const from = Math.max(start, observedFrom ?? start);
  const elapsed = Math.max(0, Math.min(now, end) - from - maintenanceMs);
  const spentMs = downShare * elapsed;
  const remainingMs = allowedMs - spentMs;
  return { allowedMs, spentMs, remainingMs, remaining: allowedMs > 0 ? remainingMs / allowedMs : 0 };
}

/** How fast the budget burns: 1 = exactly on budget, 14.4 over 1 h = a month's budget in ~2 days. */
export function burnRate(down: number, charged: number, target: number): number | null {
  if (charged === 0) return null;
  return down / charged / (1 - target);
}
