import type { OccurrenceRecord } from '../store/windows';
import { createExpansion } from './expansion';
import type { Schedule } from './recurrence';

/**
 * Which occurrence records (cancelled, extended, ended early, state seen) survive an edit of their
 * window. A record names its occurrence by planned UTC start, so it stays true exactly as long as
 * the edited schedule still has an occurrence starting there:
 * - an occurrence that has started (running or over) is history: its record is kept whatever the
 *   edit, even when the new schedule no longer produces that start (it is then not listed, and
 *   shows again if a later edit brings the start back);
 * - a future occurrence keeps its record when the new schedule still starts one at the same
 *   instant, and loses it otherwise (moving Wednesdays to Thursdays drops Wednesday's
 *   cancellations rather than cancel a Thursday nobody chose).
 * An extension is minutes added to the occurrence, not an end time, so it is kept across a change
 * of duration and the occurrence then ends at the new duration plus the extension (the schedule
 * index computes every end that way). An early end is an instant and stays as it was.
 */
export function recordKeeper(before: Schedule, after: Schedule, now: number): (r: OccurrenceRecord) => boolean {
  // Title, message, targets and duration do not move any start.
  if (
    before.start === after.start &&
    before.zone === after.zone &&
    JSON.stringify(before.recurrence) === JSON.stringify(after.recurrence)
  )
    return () => true;
  const expansion = createExpansion(after);
  return (r) => r.start <= now || expansion.between(r.start, r.start + 1).length > 0;
}
