import type { Series, SeriesPoint } from '../../../shared/result';
import type { ReadableDB } from './db';
import { HIST_COLS, HIST_MEMBER_SQL, quantile } from './histogram';
import { LEVELS, sealedLevels, segmentParams, segmentUnionSql, tile, type RollupMarks } from './tiling';

const S = 1000;
const M = 60 * S;
const H = 60 * M;
const D = 24 * H;

/**
 * Bucket sizes a chart axis reads well in. Every size from a minute up is a multiple of the
 * rollup level below it, so a rollup bucket always falls inside exactly one chart bucket.
 */
const NICE_BUCKETS = [
  S,
  5 * S,
  10 * S,
  30 * S,
  M,
  5 * M,
  10 * M,
  15 * M,
  30 * M,
  H,
  2 * H,
  3 * H,
  6 * H,
  12 * H,
  D,
  2 * D,
  7 * D,
  14 * D,
  28 * D,
];

/** Buckets [from, to) touches when buckets are aligned to multiples of bucketMs. */
function bucketsTouched(from: number, to: number, bucketMs: number): number {
  return Math.floor((to - 1) / bucketMs) - Math.floor(from / bucketMs) + 1;
}

/**
 * Chart buckets finer than an hour are summed from raw results, one row per result: hours are the
 * finest rollups sealed as periods close, and minute rows exist only for results retention took
 * out. Ranges longer than this get buckets of an hour or more instead, read from sealed hours plus
 * the open hour's raw results: 7 days at a 30 s interval were 20,160 raw rows (43 ms at p95), now
 * 168 hour rows and at most an hour of raw ones. Zooming in (two days or less) shows the fine detail.
 */
export const FINE_BUCKET_SPAN_MS = 2 * D;

export function chooseBucketMs(from: number, to: number, maxPoints: number): number {
  const max = Math.max(1, Math.floor(maxPoints));
  const fine = to - from <= FINE_BUCKET_SPAN_MS;
  for (const b of NICE_BUCKETS) if ((fine || b >= H) && bucketsTouched(from, to, b) <= max) return b;
  // Beyond 28 days keep doubling: ranges of years still land within maxPoints.
  let b = 28 * D;
  while (bucketsTouched(from, to, b) > max) b *= 2;
  return b;
}

export function createSeriesQuery(db: ReadableDB, marks: () => RollupMarks) {
  // No per-point percentiles: summing 32 histogram columns per row made a 1,000-point query ~5x
  // slower (2 ms -> 9 ms); percentiles for a range come from the store's latency() instead.
  const rollupCols = 'up, degraded, down, unknown, lat_n, lat_sum, lat_min, lat_max';
  // Raw rows become one-result "rollups" so both sources sum the same way.
  const rawCols = [
    'status = 0',
    'status = 1',
    'status = 2',
    'status = 3',
    'latency IS NOT NULL',
    'coalesce(latency, 0)',
    'latency',
    'latency',
  ].join(', ');
  const stmt = db.prepare<Record<string, number>, Record<string, number | null>>(
    `SELECT (ts / CAST(@bucket AS INTEGER)) * CAST(@bucket AS INTEGER) AS t,
       SUM(up) AS up, SUM(degraded) AS degraded, SUM(down) AS down, SUM(unknown) AS unknown,
       SUM(lat_n) AS lat_n, SUM(lat_sum) AS lat_sum, MIN(lat_min) AS lat_min, MAX(lat_max) AS lat_max
     FROM (${segmentUnionSql(rollupCols, rawCols)})
     GROUP BY t ORDER BY t`,
  );
  // Per-point percentiles only when asked (the detail chart's p50/p95/p99 bands).
  const pctStmt = db.prepare<Record<string, number>, Record<string, number | null>>(
    `SELECT (ts / CAST(@bucket AS INTEGER)) * CAST(@bucket AS INTEGER) AS t,
       SUM(up) AS up, SUM(degraded) AS degraded, SUM(down) AS down, SUM(unknown) AS unknown,
       SUM(lat_n) AS lat_n, SUM(lat_sum) AS lat_sum, MIN(lat_min) AS lat_min, MAX(lat_max) AS lat_max,
       ${HIST_COLS.map((c) => `SUM(${c}) AS ${c}`).join(', ')}
     FROM (${segmentUnionSql(`${rollupCols}, ${HIST_COLS.join(', ')}`, `${rawCols}, ${HIST_MEMBER_SQL.join(', ')}`)})
     GROUP BY t ORDER BY t`,
  );

  return function series(
    monitorId: number,
    from: number,
    to: number,
    maxPoints: number,
    opts?: { percentiles?: boolean },
  ): Series {
    const bucketMs = chooseBucketMs(from, to, maxPoints);
    // Only levels that nest inside a chart bucket; what they cannot tile comes from raw results.
    const levels = sealedLevels(
      marks(),
      LEVELS.filter((l) => bucketMs % l.ms === 0),
    );
    const withPct = opts?.percentiles === true;
    const rows = (withPct ? pctStmt : stmt).all({
      ...segmentParams(monitorId, tile(from, to, levels)),
      bucket: bucketMs,
    });
    const points = rows.map((r): SeriesPoint => {
      const latN = r.lat_n ?? 0;
      const pct = withPct ? percentiles(r, latN) : {};
      return {
        ...pct,
        t: r.t!,
        up: r.up ?? 0,
        degraded: r.degraded ?? 0,
        down: r.down ?? 0,
        unknown: r.unknown ?? 0,
        min: latN > 0 ? r.lat_min! : null,
        avg: latN > 0 ? r.lat_sum! / latN : null,
        max: latN > 0 ? r.lat_max! : null,
      };
    });
    return { monitorId, from, to, bucketMs, points };
  };
}

function percentiles(r: Record<string, number | null>, latN: number): Pick<SeriesPoint, 'p50' | 'p95' | 'p99'> {
  if (latN === 0) return { p50: null, p95: null, p99: null };
  const hist = HIST_COLS.map((c) => r[c] ?? 0);
  const min = r.lat_min ?? null;
  const max = r.lat_max ?? null;
  return {
    p50: quantile(hist, 0.5, min, max),
    p95: quantile(hist, 0.95, min, max),
    p99: quantile(hist, 0.99, min, max),
  };
}
