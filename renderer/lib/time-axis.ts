const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

/** Tick steps from a minute to a quarter; months are calendar months, not 30 days. */
const STEPS: readonly { ms: number; months?: number }[] = [
  { ms: MIN },
  { ms: 2 * MIN },
  { ms: 5 * MIN },
  { ms: 10 * MIN },
  { ms: 15 * MIN },
  { ms: 30 * MIN },
  { ms: HOUR },
  { ms: 2 * HOUR },
  { ms: 3 * HOUR },
  { ms: 6 * HOUR },
  { ms: 12 * HOUR },
  { ms: DAY },
  { ms: 2 * DAY },
  { ms: 7 * DAY },
  { ms: 14 * DAY },
  { ms: 30 * DAY, months: 1 },
  { ms: 61 * DAY, months: 2 },
  { ms: 91 * DAY, months: 3 },
];

const MIN_TICKS = 4;
const MAX_TICKS = 8;

/**
 * Round ticks for a time axis over [from, to): the largest step that still gives at least four
 * ticks (at most eight), aligned to local midnight, the hour or the month so labels read as round
 * times. Spans shorter than four minutes get four evenly spaced ticks.
 */
export function timeTicks(from: number, to: number): number[] {
  const span = to - from;
  if (!(span > 0)) return [];
  const candidates = STEPS.filter((s) => span / s.ms >= MIN_TICKS);
  for (const step of candidates.reverse()) {
    const ticks = step.months ? monthTicks(from, to, step.months) : alignedTicks(from, to, step.ms);
    if (ticks.length >= MIN_TICKS && ticks.length <= MAX_TICKS) return ticks;
  }
  // Very short spans (or none fitting): evenly spaced, inside the range.
  return Array.from({ length: MIN_TICKS }, (_, i) => Math.round(from + ((i + 0.5) * span) / MIN_TICKS));
}

function alignedTicks(from: number, to: number, step: number): number[] {
  // Align to the local day so "06:00, 12:00" and midnights come out round in the operator's zone.
  const d = new Date(from);
  d.setHours(0, 0, 0, 0);
  let t = d.getTime();
  const out: number[] = [];
  if (step >= DAY) {
    // Day steps walk calendar days (DST days are 23 or 25 h long).
    const days = Math.round(step / DAY);
    while (t < to) {
      if (t >= from) out.push(t);
      const n = new Date(t);
      n.setDate(n.getDate() + days);
      t = n.getTime();
    }
    return out;
  }
  t += Math.ceil((from - t) / step) * step;
  for (; t < to; t += step) out.push(t);
  return out;
}

function monthTicks(from: number, to: number, months: number): number[] {
  const d = new Date(from);
  d.setDate(1);
  d.setHours(0, 0, 0, 0);
  const out: number[] = [];
  // Months that are multiples of the step from January, so quarters are Jan / Apr / Jul / Oct.
  d.setMonth(d.getMonth() - (d.getMonth() % months));
  while (d.getTime() < to) {
    if (d.getTime() >= from) out.push(d.getTime());
    d.setMonth(d.getMonth() + months);
  }
  return out;
}

/**
 * Labels that suit the span: times within two days, day and month within two months, and the
 * year whenever the range spans months or crosses a new year ("Dec 2026", never "Dec 26", which
 * reads as 26 December).
 */
export function timeTickFormatter(from: number, to: number): (t: number) => string {
  const span = to - from;
  const crossesYear = new Date(from).getFullYear() !== new Date(to).getFullYear();
  if (span <= 2 * DAY) {
    const time = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    if (span <= DAY) return (t) => time.format(t);
    const dayTime = new Intl.DateTimeFormat(undefined, {
      weekday: 'short',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    return (t) => dayTime.format(t);
  }
  if (span <= 62 * DAY && !crossesYear) {
    const fmt = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short' });
    return (t) => fmt.format(t);
  }
  const fmt = new Intl.DateTimeFormat(
    undefined,
    span <= 120 * DAY ? { day: 'numeric', month: 'short', year: 'numeric' } : { month: 'short', year: 'numeric' },
  );
  return (t) => fmt.format(t);
}
