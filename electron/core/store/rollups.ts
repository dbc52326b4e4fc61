import type { Db } from './db';
import { HIST_COLS, HIST_MEMBER_SQL, histBucket, quantile } from './histogram';
import { HIST_BUCKETS } from './migrations';
import { DAY, HOUR, LEVELS, MINUTE, segmentParams, segmentUnionSql, tile } from './tiling';

/**
 * Per-monitor rollups at minute, hour and day level (one table, `level` in the key; see migration 1),
 * kept in the same transaction as the raw results they summarise, and the range aggregates
 * (uptime, latency) answered from them.
 */

interface Agg {
  monitorId: number;
  bucket: number;
  /** up, degraded, down, unknown, then the same four counting only results in maintenance. */
  counts: number[];
  latN: number;
  latSum: number;
  latMin: number | null;
  latMax: number | null;
  hist: number[];
}

function emptyAgg(monitorId: number, bucket: number): Agg {
  return { monitorId, bucket, counts: [0, 0, 0, 0, 0, 0, 0, 0], latN: 0, latSum: 0, latMin: null, latMax: null, hist: new Array<number>(HIST_BUCKETS).fill(0) };
}

function mergeInto(into: Agg, a: Agg): void {
  for (let i = 0; i < 8; i++) into.counts[i]! += a.counts[i]!;
  into.latN += a.latN;
  into.latSum += a.latSum;
  if (a.latMin !== null && (into.latMin === null || a.latMin < into.latMin)) into.latMin = a.latMin;
  if (a.latMax !== null && (into.latMax === null || a.latMax > into.latMax)) into.latMax = a.latMax;
  for (let i = 0; i < HIST_BUCKETS; i++) into.hist[i]! += a.hist[i]!;
}

export interface RollupBatch {
  /** Forgets anything added since the last write (a batch whose transaction rolled back). */
  reset(): void;
  /** One raw result that was actually inserted (duplicates ignored by the insert are not added). */
  add(monitorId: number, ts: number, status: number, inMaintenance: boolean, latency: number | null): void;
  /** Upserts every touched bucket (one statement per bucket and level) and resets the batch. */
  write(): number;
}

const COUNT_COLS = ['up', 'degraded', 'down', 'unknown', 'm_up', 'm_degraded', 'm_down', 'm_unknown'];

/**
 * Aggregates a batch in JS (per minute, then minutes merged into hours and days) so the database
 * sees one upsert per touched bucket rather than three per result.
 */
export function createRollupBatch(db: Db): RollupBatch {
  const cols = ['monitor_id', 'level', 'bucket', ...COUNT_COLS, 'lat_n', 'lat_sum', 'lat_min', 'lat_max', ...HIST_COLS];
  const adds = [...COUNT_COLS, 'lat_n', 'lat_sum', ...HIST_COLS].map((c) => `${c} = ${c} + excluded.${c}`);
  const upsert = db.prepare(
    `INSERT INTO rollups (${cols.join(', ')}) VALUES (${cols.map(() => '?').join(', ')})
     ON CONFLICT (monitor_id, level, bucket) DO UPDATE SET ${adds.join(', ')},
       lat_min = CASE WHEN lat_min IS NULL OR excluded.lat_min < lat_min THEN excluded.lat_min ELSE lat_min END,
       lat_max = CASE WHEN lat_max IS NULL OR excluded.lat_max > lat_max THEN excluded.lat_max ELSE lat_max END`,
  );

  // monitorId -> minute bucket -> agg
  let minutes = new Map<number, Map<number, Agg>>();

  function run(level: number, a: Agg): void {
    upsert.run(a.monitorId, level, a.bucket, ...a.counts, a.latN, a.latSum, a.latMin, a.latMax, ...a.hist);
  }

  return {
    reset() {
      minutes = new Map();
    },
    add(monitorId, ts, status, inMaintenance, latency) {
      let perMonitor = minutes.get(monitorId);
      if (!perMonitor) minutes.set(monitorId, (perMonitor = new Map()));
      const bucket = ts - (((ts % MINUTE) + MINUTE) % MINUTE);
      let a = perMonitor.get(bucket);
      if (!a) perMonitor.set(bucket, (a = emptyAgg(monitorId, bucket)));
      a.counts[status]! += 1;
      if (inMaintenance) a.counts[status + 4]! += 1;
      if (latency !== null) {
        a.latN += 1;
        a.latSum += latency;
        if (a.latMin === null || latency < a.latMin) a.latMin = latency;
        if (a.latMax === null || latency > a.latMax) a.latMax = latency;
        a.hist[histBucket(latency)]! += 1;
      }
    },
    write() {
      let statements = 0;
      for (const perMonitor of minutes.values()) {
        const hours = new Map<number, Agg>();
        const days = new Map<number, Agg>();
        for (const a of perMonitor.values()) {
          run(0, a);
          statements++;
          for (const [map, ms] of [[hours, HOUR], [days, DAY]] as const) {
            const b = a.bucket - (((a.bucket % ms) + ms) % ms);
            let into = map.get(b);
            if (!into) map.set(b, (into = emptyAgg(a.monitorId, b)));
            mergeInto(into, a);
          }
        }
        for (const a of hours.values()) run(1, a);
        for (const a of days.values()) run(2, a);
        statements += hours.size + days.size;
      }
      minutes = new Map();
      return statements;
    },
  };
}

export interface Uptime {
  up: number;
  degraded: number;
  down: number;
  unknown: number;
  maintenance: number;
  total: number;
  ratio: number | null;
}

export function createUptimeQuery(db: Db) {
  const stmt = db.prepare<Record<string, number>, Record<string, number | null>>(
    `SELECT ${COUNT_COLS.map((c) => `SUM(${c}) AS ${c}`).join(', ')} FROM (
      ${segmentUnionSql(
        COUNT_COLS.join(', '),
        'status = 0, status = 1, status = 2, status = 3, status = 0 AND in_maintenance, status = 1 AND in_maintenance, status = 2 AND in_maintenance, status = 3 AND in_maintenance',
      )})`,
  );

  return function uptime(monitorId: number, from: number, to: number, opts?: { excludeMaintenance?: boolean }): Uptime {
    const exclude = opts?.excludeMaintenance ?? true;
    const row = stmt.get(segmentParams(monitorId, tile(from, to, LEVELS)))!;
    const n = (c: string) => row[c] ?? 0;
    const all = [n('up'), n('degraded'), n('down'), n('unknown')] as const;
    const maint = [n('m_up'), n('m_degraded'), n('m_down'), n('m_unknown')] as const;
    const [up, degraded, down, unknown] = exclude ? all.map((v, i) => v - maint[i]!) as [number, number, number, number] : all;
    const maintenance = maint[0] + maint[1] + maint[2] + maint[3];
    const charged = up + degraded + down;
    return {
      up,
      degraded,
      down,
      unknown,
      maintenance,
      total: all[0] + all[1] + all[2] + all[3],
      ratio: charged === 0 ? null : (up + degraded) / charged,
    };
  };
}

export interface LatencyStats {
  /** Results with a latency in the range (maintenance included: rollups do not split latency by it). */
  count: number;
  min: number | null;
  avg: number | null;
  max: number | null;
  /** Estimated from the histogram: within one histogram bucket (~1.5x wide) of the exact value. */
  p50: number | null;
  p95: number | null;
  p99: number | null;
}

export function createLatencyQuery(db: Db) {
  const rollupCols = ['lat_n', 'lat_sum', 'lat_min', 'lat_max', ...HIST_COLS].join(', ');
  const rawCols = ['latency IS NOT NULL', 'coalesce(latency, 0)', 'latency', 'latency', ...HIST_MEMBER_SQL].join(', ');
  const stmt = db.prepare<Record<string, number>, Record<string, number | null>>(
    `SELECT SUM(lat_n) AS lat_n, SUM(lat_sum) AS lat_sum, MIN(lat_min) AS lat_min, MAX(lat_max) AS lat_max,
       ${HIST_COLS.map((c) => `SUM(${c}) AS ${c}`).join(', ')}
     FROM (${segmentUnionSql(rollupCols, rawCols)})`,
  );

  return function latency(monitorId: number, from: number, to: number): LatencyStats {
    const row = stmt.get(segmentParams(monitorId, tile(from, to, LEVELS)))!;
    const count = row.lat_n ?? 0;
    if (count === 0) return { count, min: null, avg: null, max: null, p50: null, p95: null, p99: null };
    const min = row.lat_min!;
    const max = row.lat_max!;
    const hist = HIST_COLS.map((c) => row[c] ?? 0);
    return {
      count,
      min,
      avg: row.lat_sum! / count,
      max,
      p50: quantile(hist, 0.5, min, max),
      p95: quantile(hist, 0.95, min, max),
      p99: quantile(hist, 0.99, min, max),
    };
  };
}
