import { DateTime } from 'luxon';
import { ApiError } from '../../../shared/errors';
import type { z } from 'zod';
import type { ReportQuery } from '../../../shared/report';

/** A validated query (defaults applied). */
export type Query = z.output<typeof ReportQuery>;

export interface ReportRange {
  from: number;
  /** The end of the period as asked (the budget is for the whole period). */
  periodEnd: number;
  /** Where figures stop: the period end, or now when the period is not over. */
  to: number;
  toDate: boolean;
  title: string;
}

const refuse = (path: string, message: string) => new ApiError('invalid_input', message, [{ path, message }]);

/** The calendar month / quarter (in the query's zone) or custom range a report covers; a future one is refused. */
export function reportRange(q: Query, now: number): ReportRange {
  const zone = q.zone;
  let from: number;
  let end: number;
  let title: string;
  if (q.period === 'custom') {
    from = q.from!;
    end = q.to!;
    const fmt = (t: number) => DateTime.fromMillis(t, { zone }).toFormat('d LLL yyyy HH:mm');
    title = `${fmt(from)} – ${fmt(end)} (${zone})`;
  } else {
    const month = q.period === 'month' ? q.index! : (q.index! - 1) * 3 + 1;
    const start = DateTime.fromObject({ year: q.year!, month, day: 1 }, { zone });
    from = start.toMillis();
    end = start.plus({ months: q.period === 'month' ? 1 : 3 }).toMillis();
    title = q.period === 'month' ? `${start.toFormat('LLLL yyyy')} (${zone})` : `Q${q.index} ${q.year} (${zone})`;
  }
  if (from >= now) {
    const when = DateTime.fromMillis(from, { zone }).toFormat('d LLL yyyy HH:mm');
    throw refuse(
      q.period === 'custom' ? 'from' : 'index',
      `The report range starts in the future (${when} ${zone}); choose a period that has begun`,
    );
  }
  return { from, periodEnd: end, to: Math.min(end, now), toDate: end > now, title };
}

/** A custom range reaching back before stored history is refused with the date history begins. */
export function checkHistory(q: Query, range: ReportRange, historyFrom: number | null): void {
  if (q.period !== 'custom' || historyFrom === null || historyFrom >= range.to) return;
  if (range.from < historyFrom - 60_000) {
    const when = DateTime.fromMillis(historyFrom, { zone: q.zone }).toFormat('d LLL yyyy HH:mm');
    throw refuse(
      'from',
      `The range is longer than the stored history, which begins ${when} ${q.zone}; start the range then or later`,
    );
  }
}

/** Local days of [from, to) in `zone`, each clipped to the range. */
export function daysOf(from: number, to: number, zone: string): { date: string; start: number; end: number }[] {
  const out: { date: string; start: number; end: number }[] = [];
  let d = DateTime.fromMillis(from, { zone }).startOf('day');
  while (d.toMillis() < to) {
    const next = d.plus({ days: 1 });
    out.push({ date: d.toISODate()!, start: Math.max(from, d.toMillis()), end: Math.min(to, next.toMillis()) });
    d = next;
  }
  return out;
}
