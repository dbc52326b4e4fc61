import { SPARK_CODES, SPARK_POINTS, type SparkStatus, type UptimeSummary } from '../../../shared/dashboard';
import type { Db } from './db';
import type { Statement } from 'better-sqlite3';
import { SEAL_GRACE_MS } from './sealing';
import { DAY, HOUR, MINUTE, readPlan, sealedLevels, tile, type RollupMarks, type Segment } from './tiling';

/**
 * The dashboard's one query: for every monitor at once, uptime over the last 24 h / 7 d / 30 d and a
 * 60-point 24 h status strip, all from rollups. Each statement is driven by `monitors` (one primary
 * key range per monitor and source) so the cost is ~ monitors x tiles, never a scan of the rollups.
 */

export const DASHBOARD_RANGES = { d1: DAY, d7: 7 * DAY, d30: 30 * DAY } as const;
export type RangeKey = keyof typeof DASHBOARD_RANGES;

export interface DashboardMonitor {
  id: number;
  intervalSec: number;
}

export interface DashboardFigures {
  uptime: Record<RangeKey, UptimeSummary>;
  spark: string;
}

export interface DashboardAnswer {
  sparkFrom: number;
  sparkBucketMs: number;
  figures: Map<number, DashboardFigures>;
}

const COUNT_COLS = ['up', 'degraded', 'down', 'unknown', 'm_up', 'm_degraded', 'm_down', 'm_unknown'] as const;
const RAW_SUMS = [0, 1, 2, 3].map((k) => `SUM(x.status = ${k})`).concat([0, 1, 2, 3].map((k) => `SUM(x.status = ${k} AND x.in_maintenance)`)).join(', ');

/**
 * One statement per source (day / hour / minute rollups, raw results): walks `monitors` in id order
 * and sums one key range per monitor, so it groups without a sort. Only the sources a range needs
 * are run (an unused arm would still cost a seek per monitor).
 */
function sourceSql(source: Segment['source']): string {
  return source === 'raw'
    ? `SELECT mm.id AS m, ${RAW_SUMS} FROM monitors mm CROSS JOIN results x
       ON x.monitor_id = mm.id AND x.ts >= @a AND x.ts < @b GROUP BY mm.id`
    : `SELECT mm.id AS m, ${COUNT_COLS.map((c) => `SUM(x.${c})`).join(', ')} FROM monitors mm CROSS JOIN rollups x
       ON x.monitor_id = mm.id AND x.level = ${source} AND x.bucket >= @a AND x.bucket < @b GROUP BY mm.id`;
}

type Counts = Record<(typeof COUNT_COLS)[number], number>;
type SparkRow = { m: number; i: number; up: number; degraded: number; down: number; unknown: number };

/** Worst first: one down result makes the bucket read "down". */
const SEVERITY: SparkStatus[] = ['none', 'up', 'unknown', 'degraded', 'down'];

export function createDashboardQuery(db: Db, marks: () => RollupMarks) {
  const sourceStmts = new Map<Segment['source'], Statement<Record<string, number>, unknown[]>>(
    ([2, 1, 0, 'raw'] as const).map((src) => [src, db.prepare<Record<string, number>, unknown[]>(sourceSql(src)).raw()]),
  );
  /** monitor id -> the eight counts summed over the segments. */
  function sumRange(a: number, b: number): Map<number, number[]> {
    const sums = new Map<number, number[]>();
    for (const seg of readPlan(tile(a, b, sealedLevels(marks())))) {
      for (const row of sourceStmts.get(seg.source)!.all({ a: seg.a, b: seg.b }) as number[][]) {
        let acc = sums.get(row[0]!);
        if (!acc) sums.set(row[0]!, (acc = [0, 0, 0, 0, 0, 0, 0, 0]));
        for (let i = 0; i < 8; i++) acc[i]! += row[i + 1] ?? 0;
      }
    }
    return sums;
  }
  // The strip over sealed hours, in two passes so single results are read only where something went wrong:
  // 1. hours: an hour with `up` results marks the buckets it overlaps `up` (so a monitor probing
  //    less often than every 24 min reads up across a good hour rather than gappy);
  //    (one row per monitor: the hours' offsets from @hfrom, comma-separated, to keep rows few)
  const hoursStmt = db.prepare<Record<string, number>, { m: number; hours: string | null }>(
    `SELECT mm.id AS m, group_concat((h.bucket - CAST(@hfrom AS INTEGER)) / ${HOUR}) AS hours
     FROM monitors mm CROSS JOIN rollups h ON h.monitor_id = mm.id AND h.level = 1 AND h.bucket >= @hfrom AND h.bucket < @to
     WHERE h.up > 0 GROUP BY mm.id`,
  );
  // 2. the results that were not up (raw, or summed in minute rows once retention took them),
  //    only inside hours that had any, bucketed in SQL, raise their bucket.
  const badIn = (source: 'raw' | 'minutes') => {
    const [table, t, cond, sums] =
      source === 'raw'
        ? ['results', 'ts', 'r.status != 0', ['0', '1', '2', '3'].map((k) => `SUM(r.status = ${k})`)]
        : ['rollups', 'bucket', 'r.level = 0 AND r.degraded + r.down + r.unknown > 0', ['up', 'degraded', 'down', 'unknown'].map((c) => `SUM(r.${c})`)];
    return db.prepare<Record<string, number>, SparkRow>(
      `SELECT r.monitor_id AS m, (r.${t} - CAST(@from AS INTEGER)) / CAST(@bms AS INTEGER) AS i,
         ${sums[0]} AS up, ${sums[1]} AS degraded, ${sums[2]} AS down, ${sums[3]} AS unknown
       FROM monitors mm
       CROSS JOIN rollups h ON h.monitor_id = mm.id AND h.level = 1 AND h.bucket >= @hfrom AND h.bucket < @to
         AND h.degraded + h.down + h.unknown > 0
       CROSS JOIN ${table} r ON r.monitor_id = h.monitor_id${source === 'minutes' ? ' AND r.level = 0' : ''}
         AND r.${t} >= max(h.bucket, @from) AND r.${t} < min(h.bucket + ${HOUR}, @to)
       WHERE ${cond}
       GROUP BY r.monitor_id, i`,
    );
  };
  const badStmts = [badIn('raw'), badIn('minutes')];
  // Hours not sealed yet: every result, bucketed in SQL.
  const openIn = (source: 'raw' | 'minutes') => {
    const [t, sums] =
      source === 'raw' ? ['ts', ['0', '1', '2', '3'].map((k) => `SUM(x.status = ${k})`)] : ['bucket', ['up', 'degraded', 'down', 'unknown'].map((c) => `SUM(x.${c})`)];
    return db.prepare<Record<string, number>, SparkRow>(
      `SELECT x.monitor_id AS m, (x.${t} - CAST(@from AS INTEGER)) / CAST(@bms AS INTEGER) AS i,
         ${sums[0]} AS up, ${sums[1]} AS degraded, ${sums[2]} AS down, ${sums[3]} AS unknown
       FROM monitors mm CROSS JOIN ${source === 'raw' ? 'results' : 'rollups'} x ON x.monitor_id = mm.id${source === 'minutes' ? ' AND x.level = 0' : ''}
         AND x.${t} >= @a AND x.${t} < @b
       GROUP BY x.monitor_id, i`,
    );
  };
  const openStmts = [openIn('raw'), openIn('minutes')];

  type Strips = Map<number, SparkStatus[]>;
  /** Paints strip buckets (grid from `from`, `bms` wide) from the results in [a, b); a is on an hour. */
  function paint(strips: Strips, q: { from: number; bms: number; a: number; b: number }): void {
    const raise = (id: number, i: number, st: SparkStatus) => {
      let strip = strips.get(id);
      if (!strip) strips.set(id, (strip = new Array<SparkStatus>(SPARK_POINTS).fill('none')));
      if (i >= 0 && i < SPARK_POINTS && SEVERITY.indexOf(st) > SEVERITY.indexOf(strip[i]!)) strip[i] = st;
    };
    const mid = Math.min(q.b, Math.max(q.a, marks().hours));
    if (mid > q.a) {
      const sealed = { from: q.from, bms: q.bms, hfrom: q.a, to: mid };
      for (const { m, hours } of hoursStmt.all({ hfrom: q.a, to: mid })) {
        for (const offset of hours ? hours.split(',') : []) {
          const b = q.a + Number(offset) * HOUR;
          const first = Math.floor((Math.max(b, q.from) - q.from) / q.bms);
          const last = Math.floor((Math.min(b + HOUR, mid) - 1 - q.from) / q.bms);
          for (let i = first; i <= last; i++) raise(m, i, 'up');
        }
      }
      for (const stmt of badStmts) for (const r of stmt.all(sealed)) raise(r.m, r.i, worst(r));
    }
    if (q.b > mid) {
      for (const stmt of openStmts) for (const r of stmt.all({ from: q.from, bms: q.bms, a: Math.max(mid, q.from), b: q.b })) raise(r.m, r.i, worst(r));
    }
  }

  /**
   * Everything before the current hour changes only when the hour turns (results are stored with
   * the time their probe started), so it is read once per hour and kept; each call reads only the
   * current hour. The past is read again when the previous hour is sealed (a couple of minutes
   * after it turned), so a result of a probe started at 12:59:59 shows then; one arriving later
   * still shows from the next hour on.
   */
  let cache: { key: string; past: Record<RangeKey, Map<number, number[]>[]>; strips: Strips } | undefined;
  /**
   * The current hour up to `through`, summed and painted, and extended as results settle: the open
   * hour comes from raw results (one row per probe, up to 720 per monitor at a 5 s interval), so
   * each call reads only what is newer than the grace a probe has to report (SEAL_GRACE_MS). A
   * result reporting later than that shows once the past is read again (when the hour is sealed).
   */
  let settled: { through: number; sums: Map<number, number[]>; strips: Strips } | undefined;

  return function dashboard(now: number, monitors: readonly DashboardMonitor[], includeMaintenance: boolean): DashboardAnswer {
    // Each range starts at the top of the hour it begins in (up to an hour more than its name: the
    // price of never reading minutes at the left edge), and the three share their right end, split
    // at the current hour and day so shared pieces are read once:
    // d1 = [hour(now - 1 d), hourStart) + tail; d7 = [hour(now - 7 d), dayStart) + today + tail; d30 likewise.
    const hourStart = Math.floor(now / HOUR) * HOUR;
    const dayStart = Math.floor(now / DAY) * DAY;
    const since = (span: number) => Math.floor((now - span) / HOUR) * HOUR;
    // The strip's buckets sit on a fixed 24-minute grid (it divides the day), the last one holding now.
    const bms = DAY / SPARK_POINTS;
    const to = Math.floor(now / bms) * bms + bms;
    const from = to - DAY;
    const hfrom = Math.floor(from / HOUR) * HOUR;

    const key = `${hourStart}:${from}:${marks().hours}`;
    if (cache?.key !== key) {
      const today = sumRange(dayStart, hourStart);
      const strips: Strips = new Map();
      paint(strips, { from, bms, a: hfrom, b: hourStart });
      cache = {
        key,
        past: {
          d1: [sumRange(since(DAY), hourStart)],
          d7: [sumRange(since(7 * DAY), dayStart), today],
          d30: [sumRange(since(30 * DAY), dayStart), today],
        },
        strips,
      };
      settled = { through: hourStart, sums: new Map(), strips: new Map() };
    }
    const done = settled!;
    const settleTo = Math.floor((now - SEAL_GRACE_MS) / MINUTE) * MINUTE;
    if (settleTo > done.through) {
      for (const [id, part] of sumRange(done.through, settleTo)) {
        const acc = done.sums.get(id);
        if (!acc) done.sums.set(id, part);
        else for (let i = 0; i < 8; i++) acc[i]! += part[i]!;
      }
      paint(done.strips, { from, bms, a: done.through, b: settleTo });
      done.through = settleTo;
    }
    const tail = sumRange(done.through, now);
    const strips: Strips = new Map([...cache.strips].map(([id, s]) => [id, s.slice()]));
    for (const [id, s] of done.strips) {
      const strip = strips.get(id);
      if (!strip) strips.set(id, s.slice());
      else s.forEach((st, i) => SEVERITY.indexOf(st) > SEVERITY.indexOf(strip[i]!) && (strip[i] = st));
    }
    paint(strips, { from, bms, a: done.through, b: to });

    const empty: UptimeSummary = { ratio: null, down: 0, total: 0, maintenanceMs: 0 };
    const figures = new Map<number, DashboardFigures>();
    for (const m of monitors) {
      const uptime = { d1: empty, d7: empty, d30: empty };
      for (const [k, span] of Object.entries(DASHBOARD_RANGES) as [RangeKey, number][]) {
        const acc = [0, 0, 0, 0, 0, 0, 0, 0];
        let seen = false;
        for (const piece of [...cache.past[k], done.sums, tail]) {
          const part = piece.get(m.id);
          if (!part) continue;
          seen = true;
          for (let i = 0; i < 8; i++) acc[i]! += part[i]!;
        }
        if (seen) uptime[k] = summarize(Object.fromEntries(COUNT_COLS.map((col, i) => [col, acc[i]!])) as Counts, includeMaintenance, m.intervalSec * 1000, span);
      }
      const strip = strips.get(m.id);
      figures.set(m.id, { uptime, spark: strip ? strip.map((st) => SPARK_CODES[st]).join('') : SPARK_CODES.none.repeat(SPARK_POINTS) });
    }
    return { sparkFrom: from, sparkBucketMs: bms, figures };
  };
}

function worst(r: { up: number; degraded: number; down: number; unknown: number }): SparkStatus {
  if (r.down > 0) return 'down';
  if (r.degraded > 0) return 'degraded';
  if (r.unknown > 0) return 'unknown';
  if (r.up > 0) return 'up';
  return 'none';
}

/**
 * Counts -> uptime summary. The maintenance duration is estimated as results-in-maintenance x the
 * monitor's interval (each result stands for one interval), capped at the range.
 */
export function summarize(
  c: Record<(typeof COUNT_COLS)[number], number>,
  includeMaintenance: boolean,
  intervalMs: number,
  spanMs: number,
): UptimeSummary {
  const maint = [c.m_up, c.m_degraded, c.m_down, c.m_unknown].map((v) => v ?? 0);
  const all = [c.up, c.degraded, c.down, c.unknown].map((v) => v ?? 0);
  const [up, degraded, down, unknown] = includeMaintenance ? all : all.map((v, i) => v - maint[i]!);
  const inMaint = maint.reduce((a, b) => a + b, 0);
  const charged = up! + degraded! + down!;
  return {
    ratio: charged === 0 ? null : (up! + degraded!) / charged,
    down: down!,
    total: up! + degraded! + down! + unknown!,
    maintenanceMs: includeMaintenance ? 0 : Math.min(spanMs, inMaint * intervalMs),
  };
}
