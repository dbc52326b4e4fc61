import type { ReadableDB } from './db';
import { HIST_BOUNDS, HIST_COLS, HIST_MEMBER_SQL, quantile } from './histogram';
import { COUNT_COLS } from './sealing';
import { sealedLevels, segmentParams, segmentUnionSql, tile, type RollupMarks } from './tiling';

/**
 * Range aggregates (uptime, latency) answered from per-monitor rollups (minute, hour and day rows
 * in one table, `level` in the key; see migration 1 and sealing.ts for when they are written),
 * with raw results for the edges and for the periods not sealed yet.
 */

export interface Uptime {
  up: number;
  degraded: number;
  down: number;
  unknown: number;
  maintenance: number;
  total: number;
  ratio: number | null;
}

export function createUptimeQuery(db: ReadableDB, marks: () => RollupMarks) {
  const stmt = db.prepare<Record<string, number>, Record<string, number | null>>(
    `SELECT ${COUNT_COLS.map((c) => `SUM(${c}) AS ${c}`).join(', ')} FROM (
      ${segmentUnionSql(
        COUNT_COLS.join(', '),
        'status = 0, status = 1, status = 2, status = 3, status = 0 AND in_maintenance, status = 1 AND in_maintenance, status = 2 AND in_maintenance, status = 3 AND in_maintenance',
      )})`,
  );

  return function uptime(monitorId: number, from: number, to: number, opts?: { excludeMaintenance?: boolean }): Uptime {
    const exclude = opts?.excludeMaintenance ?? true;
    const row = stmt.get(segmentParams(monitorId, tile(from, to, sealedLevels(marks()))))!;
    const n = (c: string) => row[c] ?? 0;
    const all = [n('up'), n('degraded'), n('down'), n('unknown')] as const;
    const maint = [n('m_up'), n('m_degraded'), n('m_down'), n('m_unknown')] as const;
    const [up, degraded, down, unknown] = exclude
      ? (all.map((v, i) => v - maint[i]!) as [number, number, number, number])
      : all;
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

/** Latency stats with the summed histogram counts (see histogram.ts), for shares above a threshold. */
export interface LatencyDetail extends LatencyStats {
  hist: number[];
}

/**
 * Share of answers slower than `thresholdMs` (e.g. the 3 s promise), from the histogram: exact when
 * the threshold is a bucket bound, else interpolated within the one bucket it falls in.
 */
export function shareAbove(stats: Pick<LatencyDetail, 'count' | 'hist'>, thresholdMs: number): number | null {
  if (stats.count === 0) return null;
  let above = 0;
  for (let k = 0; k < stats.hist.length; k++) {
    const c = stats.hist[k]!;
    if (c === 0) continue;
    const lo = k === 0 ? 0 : HIST_BOUNDS[k - 1]!;
    const hi = k === 0 ? 1 : (HIST_BOUNDS[k] ?? Infinity);
    if (lo >= thresholdMs) above += c;
    else if (hi > thresholdMs) above += hi === Infinity ? c : (c * (hi - thresholdMs)) / (hi - lo);
  }
  return above / stats.count;
}

export function createLatencyQuery(db: ReadableDB, marks: () => RollupMarks) {
  const detail = createLatencyDetailQuery(db, marks);
  return function latency(monitorId: number, from: number, to: number): LatencyStats {
    const { hist: _hist, ...stats } = detail(monitorId, from, to);
    return stats;
  };
}

export function createLatencyDetailQuery(db: ReadableDB, marks: () => RollupMarks) {
  const rollupCols = ['lat_n', 'lat_sum', 'lat_min', 'lat_max', ...HIST_COLS].join(', ');
  const rawCols = ['latency IS NOT NULL', 'coalesce(latency, 0)', 'latency', 'latency', ...HIST_MEMBER_SQL].join(', ');
  const stmt = db.prepare<Record<string, number>, Record<string, number | null>>(
    `SELECT SUM(lat_n) AS lat_n, SUM(lat_sum) AS lat_sum, MIN(lat_min) AS lat_min, MAX(lat_max) AS lat_max,
       ${HIST_COLS.map((c) => `SUM(${c}) AS ${c}`).join(', ')}
     FROM (${segmentUnionSql(rollupCols, rawCols)})`,
  );

  return function latencyDetail(monitorId: number, from: number, to: number): LatencyDetail {
    const row = stmt.get(segmentParams(monitorId, tile(from, to, sealedLevels(marks()))))!;
    const count = row.lat_n ?? 0;
    if (count === 0)
      return { count, min: null, avg: null, max: null, p50: null, p95: null, p99: null, hist: HIST_COLS.map(() => 0) };
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
      hist,
    };
  };
}
