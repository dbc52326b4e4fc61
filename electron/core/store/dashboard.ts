import { SPARK_CODES, SPARK_POINTS, type SparkStatus } from '../../../shared/dashboard';
import type { Db } from './db';
import { SEAL_GRACE_MS } from './sealing';
import { DAY, HOUR, MINUTE, type RollupMarks } from './tiling';

/**
 * The dashboard's status strip for every monitor at once: 60 points over 24 h, the worst result in
 * each, from rollups and raw results. Each statement is driven by `monitors` (one primary key range
 * per monitor) so the cost is ~ monitors x hours, never a scan. Uptime figures (and whether a bucket
 * reads "down") come from the accounting (electron/core/slo/), not from these counts.
 */

export const DASHBOARD_RANGES = { d1: DAY, d7: 7 * DAY, d30: 30 * DAY } as const;
export type RangeKey = keyof typeof DASHBOARD_RANGES;

export interface DashboardMonitor {
  id: number;
  intervalSec: number;
}

export interface DashboardFigures {
  spark: string;
}

export interface DashboardAnswer {
  sparkFrom: number;
  sparkBucketMs: number;
  figures: Map<number, DashboardFigures>;
}

type SparkRow = { m: number; i: number; up: number; degraded: number; down: number; unknown: number };

/** Worst first: one down result makes the bucket read "down". */
const SEVERITY: SparkStatus[] = ['none', 'up', 'unknown', 'degraded', 'down'];

export function createDashboardQuery(db: Db, marks: () => RollupMarks) {
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
        : [
            'rollups',
            'bucket',
            'r.level = 0 AND r.degraded + r.down + r.unknown > 0',
            ['up', 'degraded', 'down', 'unknown'].map((c) => `SUM(r.${c})`),
          ];
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
      source === 'raw'
        ? ['ts', ['0', '1', '2', '3'].map((k) => `SUM(x.status = ${k})`)]
        : ['bucket', ['up', 'degraded', 'down', 'unknown'].map((c) => `SUM(x.${c})`)];
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
      for (const stmt of openStmts)
        for (const r of stmt.all({ from: q.from, bms: q.bms, a: Math.max(mid, q.from), b: q.b }))
          raise(r.m, r.i, worst(r));
    }
  }

  /**
   * Everything before the current hour changes only when the hour turns (results are stored with
   * the time their probe started), so it is painted once per hour and kept; each call reads only the
   * current hour. The past is read again when the previous hour is sealed (a couple of minutes
   * after it turned), so a result of a probe started at 12:59:59 shows then; one arriving later
   * still shows from the next hour on.
   */
  let cache: { key: string; strips: Strips } | undefined;
  /**
   * The current hour up to `through`, painted, and extended as results settle: the open
   * hour comes from raw results (one row per probe, up to 720 per monitor at a 5 s interval), so
   * each call reads only what is newer than the grace a probe has to report (SEAL_GRACE_MS). A
   * result reporting later than that shows once the past is read again (when the hour is sealed).
   */
  let settled: { through: number; strips: Strips } | undefined;

  return function dashboard(now: number, monitors: readonly DashboardMonitor[]): DashboardAnswer {
    const hourStart = Math.floor(now / HOUR) * HOUR;
    // The strip's buckets sit on a fixed 24-minute grid (it divides the day), the last one holding now.
    const bms = DAY / SPARK_POINTS;
    const to = Math.floor(now / bms) * bms + bms;
    const from = to - DAY;
    const hfrom = Math.floor(from / HOUR) * HOUR;

    const key = `${hourStart}:${from}:${marks().hours}`;
    if (cache?.key !== key) {
      const strips: Strips = new Map();
      paint(strips, { from, bms, a: hfrom, b: hourStart });
      cache = { key, strips };
      settled = { through: hourStart, strips: new Map() };
    }
    const done = settled!;
    const settleTo = Math.floor((now - SEAL_GRACE_MS) / MINUTE) * MINUTE;
    if (settleTo > done.through) {
      paint(done.strips, { from, bms, a: done.through, b: settleTo });
      done.through = settleTo;
    }
    const strips: Strips = new Map([...cache.strips].map(([id, s]) => [id, s.slice()]));
    for (const [id, s] of done.strips) {
      const strip = strips.get(id);
      if (!strip) strips.set(id, s.slice());
      else s.forEach((st, i) => SEVERITY.indexOf(st) > SEVERITY.indexOf(strip[i]!) && (strip[i] = st));
    }
    paint(strips, { from, bms, a: done.through, b: to });

    const figures = new Map<number, DashboardFigures>();
    for (const m of monitors) {
      const strip = strips.get(m.id);
      figures.set(m.id, {
        spark: strip ? strip.map((st) => SPARK_CODES[st]).join('') : SPARK_CODES.none.repeat(SPARK_POINTS),
      });
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
