import type * as RRuleModule from 'rrule';
import type { Options as RRuleOptions } from 'rrule';
import { lazyRequire } from '../lazy-require';
import { WEEKDAYS, type Recurrence, type RecurrencePattern } from '../../../shared/maintenance';
import type { InputIssue } from '../../../shared/errors';
import * as zones from './zone';
import { parseLocal, placeLocal, stretchOf } from './zone';

/**
 * Occurrences of a schedule (start + zone + optional recurrence), computed in the schedule's own
 * zone: the RRULE is expanded in "floating" local time (wall-clock fields, no zone), then each
 * local time is placed in the zone by the DST rule (zone.ts: a missing time moves forward, a
 * repeated one takes the first instance). EXDATEs are matched on the local time, before placing.
 *
 * Daily / weekly-on-days / monthly-on-the-nth-weekday rules (everything the form builds) are
 * expanded by plain arithmetic: rrule.js costs ~5 µs an occurrence and a bench expands 150,000.
 * Any other RRULE goes to rrule.js; a property test holds the two to the same answers.
 */

// rrule (CommonJS) is loaded with the first recurring window, not at start (~3 MB a console
// without recurring windows never needs).
const rrule = lazyRequire<typeof RRuleModule>('rrule');
const RRULE = () => rrule().RRule;

const DAY = 86_400_000;
/** Expansion never runs past this many occurrences in one call (a daily rule for 270 years). */
const MAX_OCCURRENCES = 100_000;

export interface Schedule {
  start: string;
  zone: string;
  durationMin: number;
  recurrence: Recurrence | null;
}

export interface Placed {
  /** UTC ms. */
  start: number;
  /** Floating ms of the declared local start. */
  local: number;
  shifted: boolean;
}

/** RRULE value (no `RRULE:` prefix) for the form model; UNTIL is floating local end of day. */
export function ruleText(rec: Recurrence): string {
  return [patternText(rec.pattern), ...endParts(rec)].join(';');
}

function patternText(p: RecurrencePattern): string {
  switch (p.freq) {
    case 'daily':
      return `FREQ=DAILY${p.interval > 1 ? `;INTERVAL=${p.interval}` : ''}`;
    case 'weekly': {
      const days = WEEKDAYS.filter((d) => p.days.includes(d)).join(',');
      return `FREQ=WEEKLY${p.interval > 1 ? `;INTERVAL=${p.interval}` : ''};BYDAY=${days}`;
    }
    case 'monthly':
      return `FREQ=MONTHLY${p.interval > 1 ? `;INTERVAL=${p.interval}` : ''};BYDAY=${p.nth}${p.weekday}`;
    case 'custom':
      return p.rrule.toUpperCase();
  }
}

function endParts(rec: Recurrence): string[] {
  if (rec.count !== null) return [`COUNT=${rec.count}`];
  if (rec.until !== null) return [`UNTIL=${rec.until.replaceAll('-', '')}T235959`];
  return [];
}

/** Parsed rule, ready to expand; built once per window and cached by the schedule index. */
export interface Compiled {
  schedule: Schedule;
  /** Floating ms of the declared start. */
  dtstart: number;
  /** Floating local starts in order, from dtstart, up to `toFloating` inclusive, at most `max`. */
  floating(toFloating: number, max?: number): number[];
  exdates: Set<number>;
}

export class RecurrenceError extends Error {
  constructor(
    readonly path: string,
    message: string,
  ) {
    super(message);
  }
}

export function compile(schedule: Schedule): Compiled {
  const dtstart = parseLocal(schedule.start);
  const rec = schedule.recurrence;
  const exdates = new Set((rec?.exdates ?? []).map(parseLocal));
  if (!rec) return { schedule, dtstart, exdates, floating: (to) => (dtstart <= to ? [dtstart] : []) };

  let opts: Partial<RRuleOptions>;
  try {
    opts = optionsOf(rec.pattern);
  } catch (err) {
    throw new RecurrenceError('recurrence.pattern.rrule', `Malformed RRULE: ${describeRRuleError(err)}`);
  }
  const weekdays = opts.byweekday;
  if (
    weekdays !== undefined &&
    weekdays !== null &&
    (Array.isArray(weekdays) ? weekdays : [weekdays]).some((d) => d === undefined || d === null)
  ) {
    throw new RecurrenceError(
      'recurrence.pattern.rrule',
      `Malformed RRULE: ${describeRRuleError(new Error('weekday'))}`,
    );
  }
  if (opts.freq === undefined || opts.freq === null)
    throw new RecurrenceError('recurrence.pattern.rrule', 'Malformed RRULE: FREQ is missing');
  if (opts.freq > RRULE().DAILY) {
    throw new RecurrenceError(
      'recurrence.pattern.rrule',
      'Recurrence more often than daily is not supported: use FREQ=DAILY, WEEKLY, MONTHLY or YEARLY',
    );
  }
  const count = rec.count;
  const until = rec.until === null ? null : parseLocal(`${rec.until}T23:59`) + 59_999;
  const fast = fastGenerator(opts, dtstart);
  const floating = (to: number, max = MAX_OCCURRENCES): number[] => {
    const limit = until === null ? to : Math.min(to, until);
    if (fast) return fast(limit, Math.min(count ?? max, max));
    return slowGenerator(opts, dtstart, limit, count, max);
  };
  return { schedule, dtstart, exdates, floating };
}

/** rrule.js options of a pattern; the form's own patterns skip parsing their text (500 windows compile at once). */
function optionsOf(p: RecurrencePattern): Partial<RRuleOptions> {
  switch (p.freq) {
    case 'daily':
      return { freq: RRULE().DAILY, interval: p.interval };
    case 'weekly':
      return { freq: RRULE().WEEKLY, interval: p.interval, byweekday: p.days.map((d) => WEEKDAYS.indexOf(d)) };
    case 'monthly':
      return { freq: RRULE().MONTHLY, interval: p.interval, byweekday: [RRULE()[p.weekday].nth(p.nth)] };
    case 'custom':
      return RRULE().parseString(patternText(p));
  }
}

function describeRRuleError(err: unknown): string {
  const msg = err instanceof Error ? err.message : String(err);
  if (/reading 'n'|weekday/i.test(msg))
    return 'a BYDAY value is not a weekday (use MO, TU, WE, TH, FR, SA, SU, optionally with a number: 2SU, -1FR)';
  return msg;
}

type Generator = (toFloating: number, count: number) => number[];

/** Arithmetic expansion for the shapes the form builds; undefined = let rrule.js do it. */
function fastGenerator(o: Partial<RRuleOptions>, dtstart: number): Generator | undefined {
  const others = [
    'bysetpos',
    'bymonth',
    'byyearday',
    'byweekno',
    'byhour',
    'byminute',
    'bysecond',
    'byeaster',
    'bynmonthday',
    'bynweekday',
  ] as const;
  if (others.some((k) => o[k] !== undefined && o[k] !== null)) return undefined;
  if (o.wkst !== undefined && o.wkst !== null && weekdayIndex(o.wkst) !== 0) return undefined;
  const interval = o.interval ?? 1;
  const time = ((dtstart % DAY) + DAY) % DAY;
  const day0 = Math.floor(dtstart / DAY);
  const byday = normalizeByday(o.byweekday);
  if (o.bymonthday !== undefined && o.bymonthday !== null) return undefined;

  if (o.freq === RRULE().DAILY && byday === null) {
    return (to, count) => {
      const out: number[] = [];
      for (let f = dtstart; f <= to && out.length < count; f += interval * DAY) out.push(f);
      return out;
    };
  }
  if (o.freq === RRULE().WEEKLY) {
    const days = byday ?? [{ weekday: weekdayOfDay(day0), n: 0 }];
    if (days.some((d) => d.n !== 0)) return undefined;
    const offsets = [...new Set(days.map((d) => d.weekday))].sort((a, b) => a - b);
    const week0 = day0 - weekdayOfDay(day0);
    return (to, count) => {
      const out: number[] = [];
      for (let week = week0; ; week += 7 * interval) {
        for (const off of offsets) {
          const day = week + off;
          if (day < day0) continue;
          const f = day * DAY + time;
          if (f > to || out.length >= count) return out;
          out.push(f);
        }
      }
    };
  }
  if (o.freq === RRULE().MONTHLY) {
    const d0 = new Date(dtstart);
    const y0 = d0.getUTCFullYear();
    const m0 = d0.getUTCMonth();
    let dayIn: (y: number, m: number) => number | null;
    if (byday === null) {
      const dom = d0.getUTCDate();
      dayIn = (y, m) => (dom <= daysInMonth(y, m) ? dom : null);
    } else if (byday.length === 1 && byday[0]!.n !== 0 && byday[0]!.n >= -5 && byday[0]!.n <= 5) {
      const { weekday, n } = byday[0]!;
      dayIn = (y, m) => nthWeekday(y, m, weekday, n);
    } else return undefined;
    return (to, count) => {
      const out: number[] = [];
      for (let k = 0; ; k += interval) {
        const y = y0 + Math.floor((m0 + k) / 12);
        const m = (m0 + k) % 12;
        if (Date.UTC(y, m, 1) > to) return out;
        const day = dayIn(y, m);
        if (day === null) continue;
        const f = Date.UTC(y, m, day) + time;
        if (f < dtstart) continue;
        if (f > to || out.length >= count) return out;
        out.push(f);
      }
    };
  }
  return undefined;
}

function slowGenerator(
  o: Partial<RRuleOptions>,
  dtstart: number,
  to: number,
  count: number | null,
  max: number,
): number[] {
  // Bounding UNTIL by the range keeps an impossible rule (BYMONTHDAY=31;BYMONTH=2) from
  // iterating to year 9999 looking for an occurrence.
  const rule = new (RRULE())({
    ...o,
    dtstart: new Date(dtstart),
    tzid: null,
    until: new Date(to),
    count: count ?? null,
  });
  const out: number[] = [];
  rule.all((d, i) => {
    out.push(d.getTime());
    return i < max - 1;
  });
  return out;
}

interface ByDay {
  weekday: number;
  n: number;
}

function normalizeByday(v: RRuleOptions['byweekday'] | undefined): ByDay[] | null {
  if (v === undefined || v === null) return null;
  const list = Array.isArray(v) ? v : [v];
  return list.map((d) =>
    typeof d === 'number'
      ? { weekday: d, n: 0 }
      : typeof d === 'string'
        ? { weekday: WEEKDAYS.indexOf(d as never), n: 0 }
        : { weekday: d.weekday, n: d.n ?? 0 },
  );
}

function weekdayIndex(w: unknown): number {
  if (typeof w === 'number') return w;
  if (w && typeof w === 'object' && 'weekday' in w) return (w as { weekday: number }).weekday;
  return 0;
}

/** 0 = Monday (1970-01-01 was a Thursday). */
function weekdayOfDay(day: number): number {
  return (((day + 3) % 7) + 7) % 7;
}

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
function daysInMonth(y: number, m: number): number {
  return m === 1 && y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0) ? 29 : MONTH_DAYS[m]!;
}

function nthWeekday(y: number, m: number, weekday: number, n: number): number | null {
  const dim = daysInMonth(y, m);
  if (n > 0) {
    const first = weekdayOfDay(Date.UTC(y, m, 1) / DAY);
    const day = 1 + ((weekday - first + 7) % 7) + (n - 1) * 7;
    return day <= dim ? day : null;
  }
  const last = weekdayOfDay(Date.UTC(y, m, dim) / DAY);
  const day = dim - ((last - weekday + 7) % 7) + (n + 1) * 7;
  return day >= 1 ? day : null;
}

/** Occurrences as parallel arrays (no object per occurrence: an index holds 100,000s). */
export interface PlacedList {
  length: number;
  starts: Float64Array;
  locals: Float64Array;
  shifted: Uint8Array;
}

/** Occurrences placed in the zone with UTC start in [from, to), EXDATEs removed, in order. */
export function expandList(c: Compiled, from: number, to: number): PlacedList {
  // A local time is within ±14 h of its UTC instant.
  const floating = c.floating(to + 15 * 3_600_000);
  const n = floating.length;
  const starts = new Float64Array(n);
  const locals = new Float64Array(n);
  const shifted = new Uint8Array(n);
  let k = 0;
  const zone = c.schedule.zone;
  const skip = c.exdates.size > 0;
  let stretch = stretchOf(zone);
  for (let i = 0; i < n; i++) {
    const f = floating[i]!;
    if (f < from - 15 * 3_600_000 || (skip && c.exdates.has(f))) continue;
    // Inline the common case (far from any DST change) of placeLocal.
    let utc = stretch ? f - stretch.offset * 60_000 : NaN;
    let moved = false;
    if (!stretch || utc < stretch.from || utc >= stretch.to) {
      utc = placeLocal(zone, f);
      moved = zones.lastShifted;
      stretch = stretchOf(zone);
    }
    if (utc >= from && utc < to) {
      starts[k] = utc;
      locals[k] = f;
      shifted[k] = moved ? 1 : 0;
      k++;
    }
  }
  return { length: k, starts: starts.subarray(0, k), locals: locals.subarray(0, k), shifted: shifted.subarray(0, k) };
}

export function expand(c: Compiled, from: number, to: number): Placed[] {
  const l = expandList(c, from, to);
  return Array.from({ length: l.length }, (_, i) => ({
    start: l.starts[i]!,
    local: l.locals[i]!,
    shifted: l.shifted[i] === 1,
  }));
}

/**
 * What the core checks beyond the schema: the rule parses, the start is itself an occurrence
 * (calendar apps count DTSTART as the first one, so otherwise an export would gain one), and at
 * least one occurrence survives the EXDATEs. Paths match the form's fields.
 */
export function scheduleIssues(schedule: Schedule): InputIssue[] {
  let c: Compiled;
  try {
    c = compile(schedule);
  } catch (err) {
    if (err instanceof RecurrenceError) return [{ path: err.path, message: err.message }];
    throw err;
  }
  if (!schedule.recurrence) return [];
  const horizon = c.dtstart + 100 * 366 * DAY;
  const all = c.floating(horizon, c.exdates.size + 1);
  if (all.length > 0 && all[0] !== c.dtstart) {
    return [
      {
        path: 'start',
        message: `The start ${schedule.start.replace('T', ' ')} is not itself an occurrence of the recurrence (the first would be ${new Date(all[0]!).toISOString().slice(0, 16).replace('T', ' ')}); move the start or change the days`,
      },
    ];
  }
  if (!all.some((f) => !c.exdates.has(f))) {
    return [
      {
        path: 'recurrence',
        message: 'This recurrence has no occurrence: every date is excluded or the rule never matches',
      },
    ];
  }
  return [];
}

/** A stored rule in words ("every week on Sunday") for notices; '' when it cannot be phrased. */
export function ruleInWords(rule: string): string {
  try {
    return RRULE().fromString(rule).toText();
  } catch {
    return '';
  }
}
