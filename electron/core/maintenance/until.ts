import type { RecurrencePattern } from '../../../shared/maintenance';
import { compile, RecurrenceError } from './recurrence';
import { formatLocal, localToUtc, parseLocal, utcToLocal } from './zone';

const DAY = 86_400_000;

/** How a window's recurrence ends in the model: on a whole day in its zone, or after a count. */
export type End = { until: string; count: null } | { until: null; count: number };

/**
 * The window model ends a recurrence on a whole day in the window's zone (or after a count),
 * while an .ics UNTIL date-time is an instant that bounds occurrence *starts*, inclusively
 * (RFC 5545 3.3.10). Rounding the instant to its date admits the occurrences of that day that
 * start after it (UNTIL 12:00Z with 14:00 starts gave one too many). This finds the model end
 * that produces exactly the occurrences starting at or before `untilUtc`: UNTIL's own local date
 * when nothing that day starts after it (so an exported window re-imports unchanged), else the
 * date of the last occurrence before it, else (several starts a day, UNTIL between them) their
 * count, which RFC 5545 counts the same way (from DTSTART, EXDATEs included).
 *
 * null: no occurrence starts at or before UNTIL. undefined: the rule does not expand (the
 * import's validation reports why).
 */
export function endAtInstant(
  start: string,
  zone: string,
  pattern: RecurrencePattern,
  untilUtc: number,
): End | null | undefined {
  let compiled;
  try {
    compiled = compile({ start, zone, durationMin: 1, recurrence: { pattern, until: null, count: null, exdates: [] } });
  } catch (err) {
    if (err instanceof RecurrenceError) return undefined;
    throw err;
  }
  const untilDay = dayOf(utcToLocal(zone, untilUtc));
  // A wall-clock time is placed within a day of itself, so nothing later can start before UNTIL.
  const floating = compiled.floating(parseLocal(untilDay) + 2 * DAY);
  let admitted = 0;
  while (admitted < floating.length && localToUtc(zone, floating[admitted]!).utc <= untilUtc) admitted++;
  if (admitted === 0) return null;
  const throughDay = (day: string) => floating.filter((f) => dayOf(f) <= day).length;
  if (throughDay(untilDay) === admitted) return { until: untilDay, count: null };
  const lastDay = dayOf(floating[admitted - 1]!);
  if (throughDay(lastDay) === admitted) return { until: lastDay, count: null };
  return { until: null, count: admitted };
}

function dayOf(floating: number): string {
  return formatLocal(floating).slice(0, 10);
}
