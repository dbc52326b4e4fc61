/**
 * Prometheus refuses a query_range whose result would exceed 11,000 points per series, and two
 * reads with unaligned steps see different samples for the same minute. So the step is chosen
 * from the range, never below the floor asked for, and start/end are put on multiples of it.
 */
export const MAX_POINTS_PER_SERIES = 11_000;

export interface RangeWindow {
  /** Seconds since epoch, multiples of stepSec. */
  startSec: number;
  endSec: number;
  stepSec: number;
}

export function chooseStep(
  fromMs: number,
  toMs: number,
  floorSec: number,
  maxPoints = MAX_POINTS_PER_SERIES,
): RangeWindow {
  if (!(toMs >= fromMs)) throw new RangeError('range end before its start');
  const floor = Math.max(1, Math.ceil(floorSec));
  const spanSec = Math.max(0, (toMs - fromMs) / 1000);
  // n steps give n + 1 points; leave room for the alignment adding one more step.
  let stepSec = Math.max(floor, Math.ceil(spanSec / (maxPoints - 2)));
  for (;;) {
    const startSec = Math.floor(fromMs / 1000 / stepSec) * stepSec;
    const endSec = Math.floor(toMs / 1000 / stepSec) * stepSec;
    if ((endSec - startSec) / stepSec + 1 <= maxPoints) return { startSec, endSec, stepSec };
    stepSec++;
  }
}

/** Splits a long backfill into pieces of at most `pointsPerPiece` steps each (bounded response size). */
export function splitRange(w: RangeWindow, pointsPerPiece: number): RangeWindow[] {
  const out: RangeWindow[] = [];
  const span = Math.max(1, pointsPerPiece - 1) * w.stepSec;
  for (let s = w.startSec; s <= w.endSec; s += span + w.stepSec) {
    out.push({ startSec: s, endSec: Math.min(w.endSec, s + span), stepSec: w.stepSec });
  }
  return out;
}
