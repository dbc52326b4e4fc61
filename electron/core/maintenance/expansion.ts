import { compile, expandList, type Placed, type PlacedList, type Schedule } from './recurrence';

/**
 * One schedule's occurrences, expanded once and kept: a query inside the expanded span is two
 * binary searches; one outside grows the span by whole years (so scrolling a chart back a week
 * does not re-expand every time). Owners drop the whole object when the schedule changes.
 */
export interface Expansion {
  readonly schedule: Schedule;
  /** Occurrences with start in [from, to), in order. */
  between(from: number, to: number): Placed[];
  /** The same without objects: the list and the index range [lo, hi) inside it. */
  range(from: number, to: number): { list: PlacedList; lo: number; hi: number };
}

const YEAR = 365.25 * 86_400_000;
const EMPTY: PlacedList = {
  length: 0,
  starts: new Float64Array(0),
  locals: new Float64Array(0),
  shifted: new Uint8Array(0),
};

export function createExpansion(schedule: Schedule): Expansion {
  const compiled = compile(schedule);
  let covFrom = 0;
  let covTo = 0;
  let list = EMPTY;

  function cover(from: number, to: number): void {
    if (covTo > covFrom) {
      if (from >= covFrom && to <= covTo) return;
      from = Math.min(from, covFrom);
      to = Math.max(to, covTo);
    }
    covFrom = Math.floor(from / YEAR) * YEAR;
    covTo = Math.ceil(to / YEAR) * YEAR;
    list = expandList(compiled, covFrom, covTo);
  }

  function range(from: number, to: number) {
    if (to <= from) return { list: EMPTY, lo: 0, hi: 0 };
    cover(from, to);
    return { list, lo: lowerBound(list.starts, from), hi: lowerBound(list.starts, to) };
  }

  return {
    schedule,
    range,
    between(from, to) {
      const r = range(from, to);
      const out: Placed[] = [];
      for (let i = r.lo; i < r.hi; i++)
        out.push({ start: r.list.starts[i]!, local: r.list.locals[i]!, shifted: r.list.shifted[i] === 1 });
      return out;
    },
  };
}

/** First index whose value is >= t. */
export function lowerBound(sorted: ArrayLike<number>, t: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]! < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
