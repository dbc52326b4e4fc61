import type { Db } from './db';
import { HIST_COLS, HIST_MEMBER_SQL, histBucket } from './histogram';
import { HIST_BUCKETS } from './migrations';
import { DAY, HOUR, RESEAL_LOG, type RollupMarks } from './tiling';

/**
 * Hour and day rollups are written once, when their period closes ("sealed"), not as each result
 * is written: a batch then costs one raw insert per result instead of that plus three rollup
 * upserts (with thousands of monitors, each of those dirties its own b-tree page).
 *
 * - `rollup_marks` says how far each level is complete; it moves in the same transaction as the
 *   rows it covers, so a crash can never leave a half-written level behind a mark.
 * - Readers tile with those marks (tiling.ts): the open part of a range comes from raw results.
 * - An hour is summed in memory while its results are written (one small object per monitor-hour);
 *   hours that began before this writer opened are summed in SQL instead, since some of their
 *   results were written by an earlier run.
 * - A result that arrives for an hour already sealed (a late probe, a retried batch) re-seals that
 *   monitor's hour, and its day if that is sealed too, in the same transaction: rows stay exact.
 */

/** An hour is sealed this long after it ends: probes started before the hour turned land first. */
export const SEAL_GRACE_MS = 2 * 60_000;

export const COUNT_COLS = ['up', 'degraded', 'down', 'unknown', 'm_up', 'm_degraded', 'm_down', 'm_unknown'] as const;
const ROW_COLS = [
  'monitor_id',
  'level',
  'bucket',
  ...COUNT_COLS,
  'lat_n',
  'lat_sum',
  'lat_min',
  'lat_max',
  ...HIST_COLS,
];

/** Sums of one monitor over one bucket, as written to a `rollups` row. */
export interface Agg {
  /** up, degraded, down, unknown, then the same four counting only results in maintenance. */
  counts: number[];
  latN: number;
  latSum: number;
  latMin: number | null;
  latMax: number | null;
  hist: number[];
}

function emptyAgg(): Agg {
  return {
    counts: [0, 0, 0, 0, 0, 0, 0, 0],
    latN: 0,
    latSum: 0,
    latMin: null,
    latMax: null,
    hist: new Array<number>(HIST_BUCKETS).fill(0),
  };
}

function addResult(a: Agg, status: number, inMaintenance: boolean, latency: number | null): void {
  a.counts[status]! += 1;
  if (inMaintenance) a.counts[status + 4]! += 1;
  if (latency !== null) {
    a.latN += 1;
    a.latSum += latency;
    if (a.latMin === null || latency < a.latMin) a.latMin = latency;
    if (a.latMax === null || latency > a.latMax) a.latMax = latency;
    a.hist[histBucket(latency)]! += 1;
  }
}

function mergeInto(into: Agg, a: Agg): void {
  for (let i = 0; i < 8; i++) into.counts[i]! += a.counts[i]!;
  into.latN += a.latN;
  into.latSum += a.latSum;
  if (a.latMin !== null && (into.latMin === null || a.latMin < into.latMin)) into.latMin = a.latMin;
  if (a.latMax !== null && (into.latMax === null || a.latMax > into.latMax)) into.latMax = a.latMax;
  for (let i = 0; i < HIST_BUCKETS; i++) into.hist[i]! += a.hist[i]!;
}

/** hour bucket -> monitor id -> sums */
type HourSums = Map<number, Map<number, Agg>>;

/** SQL that turns raw results into rollup-shaped columns (one result = a rollup of one). */
export const RAW_AS_ROLLUP: readonly string[] = [
  'status = 0',
  'status = 1',
  'status = 2',
  'status = 3',
  'status = 0 AND in_maintenance',
  'status = 1 AND in_maintenance',
  'status = 2 AND in_maintenance',
  'status = 3 AND in_maintenance',
  'latency IS NOT NULL',
  'coalesce(latency, 0)',
  'latency',
  'latency',
  ...HIST_MEMBER_SQL,
];
const ROLLUP_VALUE_COLS = [...COUNT_COLS, 'lat_n', 'lat_sum', 'lat_min', 'lat_max', ...HIST_COLS];
/** Aggregates over rollup-shaped columns named like the rollups table. */
const SUMS = ROLLUP_VALUE_COLS.map((c) =>
  c === 'lat_min' ? 'MIN(lat_min)' : c === 'lat_max' ? 'MAX(lat_max)' : `coalesce(SUM(${c}), 0)`,
).join(', ');

export function readMarks(db: Db): RollupMarks {
  const rows = db.prepare<[], { level: number; through: number }>('SELECT level, through FROM rollup_marks').all();
  const get = (level: number) => rows.find((r) => r.level === level)?.through ?? 0;
  return { hours: get(1), days: Math.min(get(2), get(1)) };
}

/** The reseal log after a transaction that re-sealed the `late` monitors' hours (see RollupMarks.resealed). */
function resealedAfter(before: RollupMarks['resealed'], late: ReadonlyMap<number, ReadonlySet<number>>) {
  if (late.size === 0) return before ? { resealed: before } : {};
  const hours = [...new Set([...late.values()].flatMap((s) => [...s]))];
  return {
    resealed: {
      count: (before?.count ?? 0) + hours.length,
      hours: [...(before?.hours ?? []), ...hours].slice(-RESEAL_LOG),
    },
  };
}

export interface Sealer {
  /** Committed marks: what readers may tile with. */
  marks(): RollupMarks;
  /** A write transaction starts. */
  begin(): void;
  /** A raw result this transaction actually inserted. */
  add(monitorId: number, ts: number, status: number, inMaintenance: boolean, latency: number | null): void;
  /** Still inside the transaction: re-seals hours that got late results, seals what has closed by `now`. */
  finish(now: number): void;
  /** The transaction committed. */
  commit(): void;
  /** The transaction rolled back: forget what it added. */
  rollback(): void;
  /** A monitor is being deleted (its rows go by cascade). */
  forget(monitorId: number): void;
}

export function createSealer(db: Db, opts: { now: () => number }): Sealer {
  const rawArm = (range: string) =>
    // Unqualified result columns: `monitors` has none of those names (SQLite would refuse an ambiguous one).
    `SELECT x.monitor_id AS monitor_id, x.ts - x.ts % ${HOUR} AS hb, ${RAW_AS_ROLLUP.map((e, i) => `${e} AS ${ROLLUP_VALUE_COLS[i]}`).join(', ')}
     FROM monitors m CROSS JOIN results x ON x.monitor_id = m.id AND ${range.replaceAll('@col', 'x.ts')}`;
  const minuteArm = (range: string) =>
    `SELECT x.monitor_id AS monitor_id, x.bucket - x.bucket % ${HOUR} AS hb, ${ROLLUP_VALUE_COLS.map((c) => `x.${c}`).join(', ')}
     FROM monitors m CROSS JOIN rollups x ON x.monitor_id = m.id AND x.level = 0 AND ${range.replaceAll('@col', 'x.bucket')}`;
  const insertHead = `INSERT OR REPLACE INTO rollups (${ROW_COLS.join(', ')})`;
  // Hours in [@a, @b) of monitors in [@m0, @m1], from raw results and (pruned) minute rows.
  const hoursFromSql = db.prepare<Record<string, number>>(
    `${insertHead}
     SELECT monitor_id, 1, hb, ${SUMS} FROM (
       ${rawArm('@col >= @a AND @col < @b WHERE m.id BETWEEN @m0 AND @m1')}
       UNION ALL
       ${minuteArm('@col >= @a AND @col < @b WHERE m.id BETWEEN @m0 AND @m1')}
     ) GROUP BY monitor_id, hb`,
  );
  // Days in [@a, @b) from hour rows.
  const daysFromHours = db.prepare<Record<string, number>>(
    `${insertHead}
     SELECT x.monitor_id, 2, x.bucket - x.bucket % ${DAY} AS db, ${SUMS}
     FROM monitors m CROSS JOIN rollups x ON x.monitor_id = m.id AND x.level = 1 AND x.bucket >= @a AND x.bucket < @b
     WHERE m.id BETWEEN @m0 AND @m1
     GROUP BY x.monitor_id, db`,
  );
  const upsertRow = db.prepare(`${insertHead} VALUES (${ROW_COLS.map(() => '?').join(', ')})`);
  const monitorExists = db.prepare<[number], number>('SELECT 1 FROM monitors WHERE id = ?').pluck();
  const saveMark = db.prepare<[number, number]>('INSERT OR REPLACE INTO rollup_marks (level, through) VALUES (?, ?)');
  const maxStoredTs = db
    .prepare<[], number | null>('SELECT max((SELECT max(ts) FROM results WHERE monitor_id = m.id)) FROM monitors m')
    .pluck();

  let marks = readMarks(db);
  let pending: RollupMarks = marks;
  // Hours from here on had every result written through this sealer: they can be sealed from memory.
  const memFrom = Math.ceil(Math.max(opts.now(), (maxStoredTs.get() ?? -1) + 1) / HOUR) * HOUR;
  const open: HourSums = new Map();
  let delta: HourSums = new Map();
  /** monitor -> hours (already sealed) that got a late result in this transaction */
  let late = new Map<number, Set<number>>();

  function sumsFor(map: HourSums, hour: number, monitorId: number): Agg {
    let perHour = map.get(hour);
    if (!perHour) map.set(hour, (perHour = new Map<number, Agg>()));
    let a = perHour.get(monitorId);
    if (!a) perHour.set(monitorId, (a = emptyAgg()));
    return a;
  }

  function writeRow(monitorId: number, level: number, bucket: number, a: Agg): void {
    upsertRow.run(monitorId, level, bucket, ...a.counts, a.latN, a.latSum, a.latMin, a.latMax, ...a.hist);
  }

  function sealHourFromMemory(hour: number): void {
    const committed = open.get(hour);
    const fresh = delta.get(hour);
    const ids = new Set([...(committed?.keys() ?? []), ...(fresh?.keys() ?? [])]);
    for (const id of ids) {
      // A monitor deleted since its results were summed: its rows went with it.
      if (monitorExists.get(id) === undefined) continue;
      const a = emptyAgg();
      const c = committed?.get(id);
      const f = fresh?.get(id);
      if (c) mergeInto(a, c);
      if (f) mergeInto(a, f);
      writeRow(id, 1, hour, a);
    }
  }

  return {
    marks: () => marks,
    begin() {
      delta = new Map();
      late = new Map();
      pending = marks;
    },
    add(monitorId, ts, status, inMaintenance, latency) {
      const hour = ts - (((ts % HOUR) + HOUR) % HOUR);
      if (hour < marks.hours) {
        let hours = late.get(monitorId);
        if (!hours) late.set(monitorId, (hours = new Set()));
        hours.add(hour);
      } else if (hour >= memFrom) {
        addResult(sumsFor(delta, hour, monitorId), status, inMaintenance, latency);
      }
      // Otherwise the hour began before this writer opened: it is summed in SQL when it closes.
    },
    finish(now) {
      for (const [id, hours] of late) {
        const days = new Set<number>();
        for (const h of hours) {
          hoursFromSql.run({ a: h, b: h + HOUR, m0: id, m1: id });
          if (h < marks.days) days.add(h - (h % DAY));
        }
        for (const d of days) daysFromHours.run({ a: d, b: d + DAY, m0: id, m1: id });
      }
      const target = Math.floor((now - SEAL_GRACE_MS) / HOUR) * HOUR;
      let hours = marks.hours;
      if (target > hours) {
        const sqlEnd = Math.min(target, memFrom);
        if (sqlEnd > hours) hoursFromSql.run({ a: hours, b: sqlEnd, m0: 0, m1: Number.MAX_SAFE_INTEGER });
        for (let h = Math.max(hours, memFrom); h < target; h += HOUR) sealHourFromMemory(h);
        hours = target;
        saveMark.run(1, hours);
      }
      let days = marks.days;
      const dayTarget = hours - (hours % DAY);
      if (dayTarget > days) {
        daysFromHours.run({ a: days, b: dayTarget, m0: 0, m1: Number.MAX_SAFE_INTEGER });
        days = dayTarget;
        saveMark.run(2, days);
      }
      pending = { hours, days, ...resealedAfter(marks.resealed, late) };
    },
    commit() {
      for (const [hour, perMonitor] of delta) {
        if (hour < pending.hours) continue;
        const into = open.get(hour);
        if (!into) {
          open.set(hour, perMonitor);
          continue;
        }
        for (const [id, a] of perMonitor) {
          const c = into.get(id);
          if (c) mergeInto(c, a);
          else into.set(id, a);
        }
      }
      for (const hour of open.keys()) if (hour < pending.hours) open.delete(hour);
      marks = pending;
      delta = new Map();
      late = new Map();
    },
    rollback() {
      delta = new Map();
      late = new Map();
      pending = marks;
    },
    forget(monitorId) {
      for (const perMonitor of open.values()) perMonitor.delete(monitorId);
    },
  };
}
