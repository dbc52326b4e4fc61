import { HIST_BUCKETS } from './migrations';

/**
 * Latency histogram: bucket 0 holds 0 ms, bucket k >= 1 holds [HIST_BOUNDS[k-1], HIST_BOUNDS[k]),
 * the last bucket is open-ended. Bounds are ceil(1.5^k) so every bucket is ~1.5x wider than the one
 * before: a percentile estimate lands in the bucket of the exact value, from 1 ms to minutes,
 * in 32 integers per rollup row.
 * Integer bounds (not a log in SQL) keep the JS writer and the SQL reader bucketing identically.
 */
export const HIST_BOUNDS: readonly number[] = Array.from({ length: HIST_BUCKETS - 1 }, (_, k) => Math.ceil(1.5 ** k));

export function histBucket(latency: number): number {
  let lo = 0;
  let hi = HIST_BOUNDS.length;
  // Number of bounds <= latency.
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (HIST_BOUNDS[mid]! <= latency) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * SQL for the same bucketing over `results.latency`: expression k is 1 when the latency falls in
 * bucket k (NULL latency stays NULL, which SUM skips). Two comparisons per bucket, no logarithms.
 */
export const HIST_MEMBER_SQL: readonly string[] = Array.from({ length: HIST_BUCKETS }, (_, k) => {
  if (k === 0) return `latency < ${HIST_BOUNDS[0]}`;
  const lo = `latency >= ${HIST_BOUNDS[k - 1]}`;
  return k < HIST_BOUNDS.length ? `(${lo} AND latency < ${HIST_BOUNDS[k]})` : lo;
});

/** Estimated latency at quantile q from summed histogram counts, clamped to the observed min/max. */
export function quantile(hist: readonly number[], q: number, min: number | null, max: number | null): number | null {
  if (min === null || max === null) return null;
  let total = 0;
  for (const c of hist) total += c;
  if (total === 0) return null;
  const rank = q * total;
  let seen = 0;
  for (let k = 0; k < hist.length; k++) {
    const c = hist[k]!;
    if (c === 0 || seen + c < rank) {
      seen += c;
      continue;
    }
    const lo = k === 0 ? 0 : HIST_BOUNDS[k - 1]!;
    const hi = k === 0 ? 1 : (HIST_BOUNDS[k] ?? max);
    // Linear within the bucket; good enough given the bucket is the error bound anyway.
    const est = lo + ((rank - seen) / c) * (hi - lo);
    return Math.min(max, Math.max(min, Math.round(est)));
  }
  return max;
}

/** Histogram column names of `rollups`, h0..h31. */
export const HIST_COLS: readonly string[] = Array.from({ length: HIST_BUCKETS }, (_, i) => `h${i}`);
