import type { ProbeResult, Series, SeriesPoint } from '../../shared/result';

function emptyPoint(t: number): SeriesPoint {
  return { t, up: 0, degraded: 0, down: 0, unknown: 0, min: null, avg: null, max: null };
}

/**
 * Adds one result to a bucket. The bucket does not say how many answered probes its average is
 * over, so `up + degraded` stands in for it; the next fetch replaces the estimate with the truth.
 */
function addToPoint(p: SeriesPoint, r: ProbeResult): SeriesPoint {
  const next: SeriesPoint = { ...p, [r.status]: p[r.status] + 1 };
  const ms = r.latencyMs;
  if (ms !== null && Number.isFinite(ms)) {
    const n = p.avg === null ? 0 : Math.max(1, p.up + p.degraded);
    next.avg = p.avg === null ? ms : (p.avg * n + ms) / (n + 1);
    next.min = p.min === null ? ms : Math.min(p.min, ms);
    next.max = p.max === null ? ms : Math.max(p.max, ms);
  }
  return next;
}

/**
 * Merges a live result into a series: into the bucket that covers its time, or into a new bucket
 * on the same grid. The window keeps its length and slides forward to the newest result; buckets
 * that end before the new `from` are dropped.
 */
export function mergeResultIntoSeries(series: Series, r: ProbeResult): Series {
  if (r.monitorId !== series.monitorId || !Number.isFinite(r.ts)) return series;
  const bucket = series.bucketMs > 0 ? series.bucketMs : 60_000;
  const span = series.to - series.from;
  const to = Math.max(series.to, r.ts);
  const from = Math.max(series.from, to - span);
  if (r.ts < from) return series;

  const points = series.points.slice();
  let i = points.length - 1;
  while (i >= 0 && points[i]!.t > r.ts) i--;
  const at = points[i];
  if (at && r.ts < at.t + bucket) {
    points[i] = addToPoint(at, r);
  } else {
    // Align to the existing grid when there is one, else to multiples of the bucket size.
    const anchor = points[0]?.t ?? 0;
    const t = anchor + Math.floor((r.ts - anchor) / bucket) * bucket;
    points.splice(i + 1, 0, addToPoint(emptyPoint(t), r));
  }
  const kept = points.filter((p) => p.t + bucket > from);
  return { ...series, from, to, points: kept };
}

export interface StatusCounts {
  up: number;
  degraded: number;
  down: number;
  unknown: number;
  total: number;
}

export function countStatuses(points: readonly SeriesPoint[]): StatusCounts {
  const c = { up: 0, degraded: 0, down: 0, unknown: 0, total: 0 };
  for (const p of points) {
    c.up += p.up;
    c.degraded += p.degraded;
    c.down += p.down;
    c.unknown += p.unknown;
  }
  c.total = c.up + c.degraded + c.down + c.unknown;
  return c;
}
