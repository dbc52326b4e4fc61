/**
 * Merged intervals: sorted, disjoint [start, end) with prefix sums, so "how long in maintenance
 * between a and b" is two binary searches. Built by push (in start order) then finish.
 */

export interface Merged {
  from: number;
  to: number;
  starts: number[];
  ends: number[];
  /** prefix[i] = total ms of intervals 0..i-1. */
  prefix: number[];
}

export function emptyMerged(from: number, to: number): Merged {
  return { from, to, starts: [], ends: [], prefix: [0] };
}
/** Appends an interval (in start order), joining it to the last one when they touch or overlap. */
export function push(m: Merged, start: number, end: number): void {
  const last = m.ends.length - 1;
  if (last >= 0 && start <= m.ends[last]!) {
    if (end > m.ends[last]!) m.ends[last] = end;
  } else {
    m.starts.push(start);
    m.ends.push(end);
  }
}
export function finish(m: Merged): Merged {
  for (let i = 0; i < m.starts.length; i++) m.prefix.push(m.prefix[i]! + m.ends[i]! - m.starts[i]!);
  return m;
}

/** Index of the first merged interval ending after t. */
export function firstEndingAfter(m: Merged, t: number): number {
  let lo = 0;
  let hi = m.ends.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (m.ends[mid]! <= t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Milliseconds of [from, to) inside the merged intervals. */
export function msIn(m: Merged, from: number, to: number): number {
  const i = firstEndingAfter(m, from);
  const j = firstStartAtOrAfter(m, to) - 1;
  if (j < i) return 0;
  let ms = m.prefix[j + 1]! - m.prefix[i]!;
  ms -= Math.max(0, from - m.starts[i]!);
  ms -= Math.max(0, m.ends[j]! - to);
  return ms;
}

export function firstStartAtOrAfter(m: Merged, t: number): number {
  let lo = 0;
  let hi = m.starts.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (m.starts[mid]! < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
