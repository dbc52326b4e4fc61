import type { Percentiles } from '../../../shared/loadcheck';

/**
 * Latencies of a load check, kept by Lookout rather than taken from autocannon's summary (which
 * has p90 / p97.5 / p99, not p95). A log-linear histogram: 10 µs steps below 1 ms, then 1 % steps,
 * so a 10-minute run at the full rate stays a few kilobytes and any percentile is one pass.
 */
const LINEAR_US = 1000;
const LINEAR_STEP_US = 10;
const LINEAR_BUCKETS = LINEAR_US / LINEAR_STEP_US;
const GROWTH = Math.log(1.01);
/** Up to ~10 min per answer. */
const BUCKETS = LINEAR_BUCKETS + Math.ceil(Math.log(600_000_000 / LINEAR_US) / GROWTH) + 1;
/** One late answer never adds more than this many corrected values (bounds the work per answer). */
const MAX_CORRECTIONS = 10_000;

function bucketOf(us: number): number {
  if (us < LINEAR_US) return Math.max(0, Math.floor(us / LINEAR_STEP_US));
  return Math.min(BUCKETS - 1, LINEAR_BUCKETS + Math.floor(Math.log(us / LINEAR_US) / GROWTH));
}
/** The bucket's upper bound in ms: a percentile is never reported lower than what was measured. */
function upperMs(b: number): number {
  if (b < LINEAR_BUCKETS) return ((b + 1) * LINEAR_STEP_US) / 1000;
  return (LINEAR_US * Math.exp((b - LINEAR_BUCKETS + 1) * GROWTH)) / 1000;
}

export interface Histogram {
  record(ms: number): void;
  /**
   * Records an answer and, when it took longer than the interval its connection was due to send
   * at, the answers that a timely client would have seen queued behind it (HdrHistogram's
   * coordinated-omission correction): a stalled target is not hidden by the client waiting for it.
   */
  recordCorrected(ms: number, expectedIntervalMs: number): void;
  count(): number;
  percentiles(): Percentiles;
  reset(): void;
}

export function createHistogram(): Histogram {
  const counts = new Float64Array(BUCKETS);
  let n = 0;
  const record = (ms: number) => {
    counts[bucketOf(ms * 1000)]! += 1;
    n++;
  };
  function quantile(q: number): number | null {
    if (n === 0) return null;
    const rank = Math.ceil(q * n);
    let seen = 0;
    for (let b = 0; b < BUCKETS; b++) {
      seen += counts[b]!;
      if (seen >= rank) return Math.round(upperMs(b) * 100) / 100;
    }
    return Math.round(upperMs(BUCKETS - 1) * 100) / 100;
  }
  return {
    record,
    recordCorrected(ms, interval) {
      record(ms);
      if (!(interval > 0)) return;
      let k = 0;
      for (let missing = ms - interval; missing >= interval && k < MAX_CORRECTIONS; missing -= interval, k++)
        record(missing);
    },
    count: () => n,
    percentiles: () => ({ p50: quantile(0.5), p95: quantile(0.95), p99: quantile(0.99) }),
    reset() {
      counts.fill(0);
      n = 0;
    },
  };
}
