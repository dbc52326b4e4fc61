/**
 * Half-open time intervals [start, end) in ms. The accounting works on sets of them (downtime,
 * maintenance, gaps), so these are the only operations it needs, each linear over sorted input.
 */
export interface Interval {
  start: number;
  end: number;
}

/** Sorted, disjoint, non-empty: touching or overlapping intervals become one. */
export function merge(ivs: readonly Interval[]): Interval[] {
  const sorted = ivs.filter((i) => i.end > i.start).sort((a, b) => a.start - b.start);
  const out: Interval[] = [];
  for (const i of sorted) {
    const last = out[out.length - 1];
    if (last && i.start <= last.end) last.end = Math.max(last.end, i.end);
    else out.push({ start: i.start, end: i.end });
  }
  return out;
}

/** The parts of merged (sorted, disjoint) intervals inside [a, b), found by binary search: cheap for many small ranges. */
export function clipSorted(ivs: readonly Interval[], a: number, b: number): Interval[] {
  let lo = 0;
  let hi = ivs.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (ivs[mid]!.end <= a) lo = mid + 1;
    else hi = mid;
  }
  const out: Interval[] = [];
  for (let i = lo; i < ivs.length && ivs[i]!.start < b; i++) {
    const s = Math.max(ivs[i]!.start, a);
    const e = Math.min(ivs[i]!.end, b);
    if (e > s) out.push({ start: s, end: e });
  }
  return out;
}

/** x minus y, both merged. */
export function subtract(x: readonly Interval[], y: readonly Interval[]): Interval[] {
  const out: Interval[] = [];
  let j = 0;
  for (const i of x) {
    let s = i.start;
    while (j < y.length && y[j]!.end <= s) j++;
    let k = j;
    while (k < y.length && y[k]!.start < i.end) {
      if (y[k]!.start > s) out.push({ start: s, end: y[k]!.start });
      s = Math.max(s, y[k]!.end);
      k++;
    }
    if (i.end > s) out.push({ start: s, end: i.end });
  }
  return out;
}

/** x ∩ y, both merged. */
export function intersect(x: readonly Interval[], y: readonly Interval[]): Interval[] {
  const out: Interval[] = [];
  let i = 0;
  let j = 0;
  while (i < x.length && j < y.length) {
    const s = Math.max(x[i]!.start, y[j]!.start);
    const e = Math.min(x[i]!.end, y[j]!.end);
    if (e > s) out.push({ start: s, end: e });
    if (x[i]!.end < y[j]!.end) i++;
    else j++;
  }
  return out;
}

export function total(ivs: readonly Interval[]): number {
  let t = 0;
  for (const i of ivs) t += i.end - i.start;
  return t;
}
