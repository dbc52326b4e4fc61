import { DateTime } from 'luxon';
import type { Accounting } from '../../../shared/accounting';
import type { SloPeriod } from '../../../shared/dashboard';

/**
 * Error-budget arithmetic over accounted time (accounting.ts), kept free of the store so it can be
 * checked by hand. Periods are calendar months / quarters in a chosen IANA zone (UTC by default).
 */

export function periodBounds(now: number, period: SloPeriod, zone = 'UTC'): { start: number; end: number } {
  const d = DateTime.fromMillis(now, { zone });
  const start = d.startOf(period);
  return { start: start.toMillis(), end: start.plus(period === 'month' ? { months: 1 } : { months: 3 }).toMillis() };
}

export interface BudgetInput {
  target: number;
  start: number;
  end: number;
  /** The first result in scope; null when there is none yet. */
  first: number | null;
  /** Downtime charged in the period so far (Accounting.downMs). */
  downMs: number;
}

/**
 * (1 − target) × the part of the period from the first result (or the period start) to its end:
 * a monitor added five minutes ago is not given, nor charged, a budget for the weeks before it existed.
 */
export function errorBudget({ target, start, end, first, downMs }: BudgetInput) {
  const from = first === null ? start : Math.min(end, Math.max(start, first));
  const allowedMs = (1 - target) * (end - from);
  const remainingMs = allowedMs - downMs;
  return { allowedMs, spentMs: downMs, remainingMs, remaining: allowedMs > 0 ? remainingMs / allowedMs : 0 };
}

/**
 * How fast the budget burns over a window that ends now: the downtime share of the window (less
 * what was excluded) over what the target allows. 1 = exactly on budget; 14.4 over 1 h = a month's
 * budget in ~2 days. null when nothing was measured in the window.
 */
export function burnRate(a: Accounting, windowMs: number, target: number): number | null {
  if (a.observedFrom === null || a.measuredMs <= 0) return null;
  const charged = windowMs - a.maintenanceMs - a.pausedMs - a.gapMs;
  if (charged <= 0) return null;
  return a.downMs / charged / (1 - target);
}
