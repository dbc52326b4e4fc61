import { IANAZone } from 'luxon';

/**
 * Wall-clock <-> UTC for one IANA zone, from luxon's offsets turned into a transition table.
 *
 * Why not `DateTime.fromObject(..., { zone })` per occurrence: it costs ~20 µs (Intl formatting)
 * and, for a repeated local time, luxon picks the second instance while our rule says first.
 * The table is built once per zone and year (one luxon offset per day, then a binary search to
 * the minute where it changes) and the same table writes the .ics VTIMEZONE.
 *
 * "Floating" ms = the local wall-clock fields read as if they were UTC (Date.UTC(y, m, d, h, mi)).
 */

const MIN = 60_000;
const DAY = 86_400_000;
const YEAR = 365 * DAY;

export interface Transition {
  /** UTC ms of the first instant with the new offset. */
  at: number;
  /** Offsets in minutes east of UTC. */
  from: number;
  to: number;
}

interface ZoneTable {
  zone: IANAZone;
  /** Loaded span [lo, hi): whole years, contiguous; every transition inside it is in `transitions`. */
  lo: number;
  hi: number;
  /** Offset in force at `lo`. */
  base: number;
  /** Sorted by `at`. */
  transitions: Transition[];
}

const tables = new Map<string, ZoneTable>();

function table(name: string): ZoneTable {
  let t = tables.get(name);
  if (!t) {
    if (!IANAZone.isValidZone(name)) throw new Error(`Unknown time zone ${name}`);
    t = { zone: IANAZone.create(name), lo: 0, hi: 0, base: 0, transitions: [] };
    tables.set(name, t);
  }
  return t;
}

function yearTransitions(zone: IANAZone, year: number): Transition[] {
  const out: Transition[] = [];
  const start = Date.UTC(year, 0, 1);
  const end = Date.UTC(year + 1, 0, 1);
  let prev = zone.offset(start);
  for (let day = start + DAY; day <= end; day += DAY) {
    const cur = zone.offset(day);
    if (cur !== prev) {
      // Narrow to the minute: offsets change on minute boundaries.
      let lo = day - DAY;
      let hi = day;
      while (hi - lo > MIN) {
        const mid = lo + Math.floor((hi - lo) / 2 / MIN) * MIN;
        if (zone.offset(mid) === prev) lo = mid;
        else hi = mid;
      }
      out.push({ at: hi, from: prev, to: cur });
      prev = cur;
    }
  }
  return out;
}

/** Loads whole years until [lo, hi) holds `utc` with a year to spare on each side. */
function cover(t: ZoneTable, utc: number): void {
  const y = new Date(utc).getUTCFullYear();
  if (t.hi === t.lo) {
    t.lo = Date.UTC(y - 1, 0, 1);
    t.hi = Date.UTC(y - 1, 0, 1);
    t.base = t.zone.offset(t.lo);
  }
  while (t.lo > Date.UTC(y - 1, 0, 1)) {
    const year = new Date(t.lo).getUTCFullYear() - 1;
    t.transitions.unshift(...yearTransitions(t.zone, year));
    t.lo = Date.UTC(year, 0, 1);
    t.base = t.zone.offset(t.lo);
  }
  while (t.hi < Date.UTC(y + 2, 0, 1)) {
    const year = new Date(t.hi).getUTCFullYear();
    t.transitions.push(...yearTransitions(t.zone, year));
    t.hi = Date.UTC(year + 1, 0, 1);
  }
}

/** Offset (minutes east of UTC) in force at UTC instant `utc`. */
export function offsetAt(zone: string, utc: number): number {
  const t = table(zone);
  if (utc < t.lo + YEAR || utc >= t.hi - YEAR) cover(t, utc);
  const tr = t.transitions;
  // Last transition at or before utc.
  let lo = 0;
  let hi = tr.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (tr[mid]!.at <= utc) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found >= 0 ? tr[found]!.to : t.base;
}

/** Transitions with `at` in [from, to). */
export function transitionsBetween(zone: string, from: number, to: number): Transition[] {
  const t = table(zone);
  cover(t, from);
  cover(t, to);
  return t.transitions.filter((x) => x.at >= from && x.at < to);
}

export interface Placed {
  utc: number;
  /** The declared time did not exist (clocks went forward) and was moved forward. */
  shifted: boolean;
}

/**
 * The UTC instant of a floating local time, by the DST rule: a local time that does not exist is
 * moved forward by the size of the jump; a local time that happens twice takes the first instance.
 */
export function localToUtc(zone: string, floating: number): Placed {
  const utc = placeLocal(zone, floating);
  return { utc, shifted: lastShifted };
}

/** Set by placeLocal: whether the last time placed was moved forward. */
export let lastShifted = false;

/**
 * localToUtc without an object per call (the expansion places 100,000s of times); read
 * `lastShifted` right after.
 */
export function placeLocal(zone: string, floating: number): number {
  // Most local times sit far from any transition: answer those from the last stable stretch seen.
  const stable = stretches.get(zone);
  if (stable) {
    const utc = floating - stable.offset * MIN;
    if (utc >= stable.from && utc < stable.to) {
      lastShifted = false;
      return utc;
    }
  }
  const placed = placeSlowly(zone, floating);
  rememberStretch(zone, placed.utc);
  lastShifted = placed.shifted;
  return placed.utc;
}

/** Per zone: an offset and the UTC span, 15 h clear of transitions on both sides, where it holds. */
const stretches = new Map<string, Stretch>();
export interface Stretch {
  offset: number;
  from: number;
  to: number;
}
/** The stretch placeLocal last used for `zone`, for loops that place many times (see expandList). */
export function stretchOf(zone: string): Stretch | undefined {
  return stretches.get(zone);
}

function rememberStretch(zone: string, utc: number): void {
  const t = table(zone);
  const tr = t.transitions;
  let i = 0;
  while (i < tr.length && tr[i]!.at <= utc) i++;
  const from = i > 0 ? tr[i - 1]!.at : t.lo;
  const to = i < tr.length ? tr[i]!.at : t.hi;
  const margin = 15 * 60 * MIN;
  if (to - from > 2 * margin)
    stretches.set(zone, { offset: offsetAt(zone, utc), from: from + margin, to: to - margin });
}

function placeSlowly(zone: string, floating: number): Placed {
  // The answer lies within ±14 h of the floating value; at most one transition sits in there.
  const before = offsetAt(zone, floating - 15 * 60 * MIN);
  const after = offsetAt(zone, floating + 15 * 60 * MIN);
  const candidates: number[] = [];
  for (const o of before === after ? [before] : [before, after]) {
    const utc = floating - o * MIN;
    if (offsetAt(zone, utc) === o) candidates.push(utc);
  }
  if (candidates.length > 0) return { utc: Math.min(...candidates), shifted: false };
  // In the gap: read the wall time with the offset from before the jump, which lands the same
  // distance past the transition as the declared time was past the old wall time.
  return { utc: floating - before * MIN, shifted: true };
}

/** Floating local ms of a UTC instant in `zone`. */
export function utcToLocal(zone: string, utc: number): number {
  return utc + offsetAt(zone, utc) * MIN;
}

/** `YYYY-MM-DDTHH:mm` <-> floating ms. */
export function parseLocal(s: string): number {
  return Date.UTC(
    Number(s.slice(0, 4)),
    Number(s.slice(5, 7)) - 1,
    Number(s.slice(8, 10)),
    Number(s.slice(11, 13)) || 0,
    Number(s.slice(14, 16)) || 0,
  );
}
export function formatLocal(floating: number): string {
  return new Date(floating).toISOString().slice(0, 16);
}

export function isValidZone(zone: string): boolean {
  return IANAZone.isValidZone(zone);
}
