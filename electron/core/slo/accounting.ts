import { EMPTY_ACCOUNTING, type Accounting } from '../../../shared/accounting';
import { clipSorted, intersect, merge, subtract, total, type Interval } from './intervals';

/**
 * The one accounting function (README "Uptime accounting"). Every view calls `account` (or
 * `accountGroup`) with the same timeline, so a figure shown twice cannot disagree.
 */

/** What is known about one monitor: raw, unmerged intervals; they may reach beyond any range. */
export interface Timeline {
  /** Time of the monitor's first stored result; null when it has none. */
  first: number | null;
  /** Confirmed down state: incidents [startedAt, endedAt ?? now). */
  down: readonly Interval[];
  /** Confirmed degraded state: degraded stretches. */
  degraded: readonly Interval[];
  /** Planned maintenance that applies to this monitor. */
  maintenance: readonly Interval[];
  /** Monitoring paused by the operator (the monitor's own pauses and "pause all"); absent: never paused. */
  paused?: readonly Interval[];
}

/** A timeline with each set merged once, so many ranges (the days of a report) cost a binary search each. */
export interface Prepared {
  first: number | null;
  maintenance: Interval[];
  paused: Interval[];
  gaps: Interval[];
  down: Interval[];
  degraded: Interval[];
}

export function prepare(t: Timeline, gaps: readonly Interval[]): Prepared {
  return {
    first: t.first,
    maintenance: merge(t.maintenance),
    paused: merge(t.paused ?? []),
    gaps: merge(gaps),
    down: merge(t.down),
    degraded: merge(t.degraded),
  };
}

/**
 * The sets behind every figure: what is excluded and what is charged, within [max(from, first), to).
 * Each excluded moment is reported once, as the first of: planned maintenance, paused by the
 * operator, the console's own gap (a console that was off while a monitor was paused: paused).
 */
function parts(p: Prepared, from: number, to: number) {
  const start = Math.max(from, p.first ?? Infinity);
  const maint = clipSorted(p.maintenance, start, to);
  const paused = subtract(clipSorted(p.paused, start, to), maint);
  const gap = subtract(subtract(clipSorted(p.gaps, start, to), maint), paused);
  const excluded = merge([...maint, ...paused, ...gap]);
  const down = subtract(clipSorted(p.down, start, to), excluded);
  return { start, maint, paused, gap, excluded, down };
}

/** Uptime over [from, to) for one timeline; `gaps` are the console's own (offline, asleep, stopped). */
export function account(t: Timeline, gaps: readonly Interval[], from: number, to: number): Accounting {
  return accountPrepared(prepare(t, gaps), from, to);
}

/** The same for many ranges of one timeline (a report's days). */
export function accountRanges(
  t: Timeline,
  gaps: readonly Interval[],
  ranges: readonly { start: number; end: number }[],
): Accounting[] {
  const p = prepare(t, gaps);
  return ranges.map((r) => accountPrepared(p, r.start, r.end));
}

export function accountPrepared(p: Prepared, from: number, to: number): Accounting {
  if (p.first === null || p.first >= to || to <= from) {
    return { ...EMPTY_ACCOUNTING };
  }
  const { start, maint, paused, gap, excluded, down } = parts(p, from, to);
  const measuredMs = to - start - total(excluded);
  const degraded = subtract(subtract(clipSorted(p.degraded, start, to), excluded), down);
  const downMs = total(down);
  return {
    ratio: measuredMs > 0 ? (measuredMs - downMs) / measuredMs : null,
    observedFrom: start,
    measuredMs,
    downMs,
    degradedMs: total(degraded),
    maintenanceMs: total(maint),
    pausedMs: total(paused),
    gapMs: total(gap),
  };
}

/**
 * A service group as one timeline: down while any member is down outside its own maintenance and
 * pauses (the union), in maintenance (or paused) only while every member is, measured from the
 * first member's first result.
 */
export function groupTimeline(members: readonly Timeline[]): Timeline {
  let first: number | null = null;
  for (const m of members) if (m.first !== null) first = first === null ? m.first : Math.min(first, m.first);
  const ownMaint = members.map((m) => merge(m.maintenance));
  const ownPaused = members.map((m) => merge(m.paused ?? []));
  const own = ownMaint.map((mm, i) => merge([...mm, ...ownPaused[i]!]));
  const all = (sets: Interval[][]) => {
    let out: Interval[] | undefined;
    for (const s of sets) out = out === undefined ? s : intersect(out, s);
    return out ?? [];
  };
  const maintenance = all(ownMaint);
  return {
    first,
    down: merge(members.flatMap((m, i) => subtract(merge(m.down), own[i]!))),
    degraded: merge(members.flatMap((m, i) => subtract(merge(m.degraded), own[i]!))),
    maintenance,
    // Excluded while every member is out, by maintenance or pause, and not all by maintenance.
    paused: subtract(all(own), maintenance),
  };
}

/** Which buckets of a grid hold charged down time (the status strip), from the same sets as `account`. */
export function downBuckets(
  t: Timeline,
  gaps: readonly Interval[],
  from: number,
  bucketMs: number,
  n: number,
): boolean[] {
  const out = new Array<boolean>(n).fill(false);
  if (t.first === null) return out;
  for (const d of parts(prepare(t, gaps), from, from + bucketMs * n).down) {
    const a = Math.floor((d.start - from) / bucketMs);
    const b = Math.floor((d.end - 1 - from) / bucketMs);
    for (let i = Math.max(0, a); i <= Math.min(n - 1, b); i++) out[i] = true;
  }
  return out;
}
