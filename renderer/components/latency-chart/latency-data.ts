import type { Series } from '../../../shared/result';
import { formatLatency, formatThreshold } from '../../lib/format';
import type { IncidentMark, Span } from './marks';

/** One bucket as drawn: the median line and the p50–p95 and p95–p99 bands. */
export type ChartPoint = {
  t: number;
  p50: number | null;
  band95: [number, number] | null;
  band99: [number, number] | null;
};

/** A bucket with no percentiles yet (e.g. live results) draws its average as the median, with no bands. */
export function toChartPoints(points: Series['points']): ChartPoint[] {
  return points.map((p) => {
    const mid = p.p50 ?? p.avg;
    const p95 = p.p95 ?? null;
    const p99 = p.p99 ?? null;
    return {
      t: p.t,
      p50: mid,
      band95: mid !== null && p95 !== null ? [mid, p95] : null,
      band99: p95 !== null && p99 !== null ? [p95, p99] : null,
    };
  });
}

/** Rounds up to 1, 2, 2.5 or 5 × 10^k so the axis gets round ticks. */
export function niceCeil(v: number): number {
  if (!(v > 0)) return 100;
  const exp = 10 ** Math.floor(Math.log10(v));
  for (const m of [1, 2, 2.5, 5, 10]) if (v <= m * exp) return m * exp;
  return 10 * exp;
}

/** What the chart's scale and its spoken summary rest on. */
export interface LatencyScale {
  /** Buckets with at least one answer. */
  answered: number;
  peak: number;
  mean: number | null;
  thresholdOnScale: boolean;
  /** The Y axis's top. */
  yMax: number;
}

export function latencyScale(series: Series, thresholdMs: number | undefined): LatencyScale {
  const answered = series.points.filter((p) => p.avg !== null);
  const peak = answered.reduce((m, p) => Math.max(m, p.p99 ?? p.max ?? p.avg ?? 0), 0);
  // A 3 s line on a chart of 5 ms answers would flatten every real variation: the threshold joins
  // the scale only once latency comes within a quarter of it, and the legend says so otherwise.
  const thresholdOnScale = thresholdMs !== undefined && peak * 4 >= thresholdMs;
  const mean = answered.length ? answered.reduce((s, p) => s + (p.avg ?? 0), 0) / answered.length : null;
  const yMax = niceCeil(Math.max(peak * 1.15, thresholdOnScale ? (thresholdMs ?? 0) * 1.15 : 1));
  return { answered: answered.length, peak, mean, thresholdOnScale, yMax };
}

const count = (n: number, one: string, many: string) => `${n} ${n > 1 ? many : one}`;

/** The chart's accessible name: what a screen reader hears instead of the drawing. */
export function latencySummary(
  scale: LatencyScale,
  p: {
    rangeLabel: string;
    thresholdMs: number | undefined;
    maintenance: readonly Span[];
    incidents: readonly IncidentMark[];
    degraded: readonly IncidentMark[];
  },
): string {
  if (!scale.answered) return `No latency measured in the ${p.rangeLabel}`;
  return (
    `Latency over the ${p.rangeLabel}: average ${formatLatency(scale.mean)}, highest p99 ${formatLatency(scale.peak)}` +
    (p.thresholdMs !== undefined ? `, ${formatThreshold(p.thresholdMs)}` : '') +
    (p.maintenance.length
      ? `, ${count(p.maintenance.length, 'maintenance window', 'maintenance windows')} shaded`
      : '') +
    (p.incidents.length ? `, ${count(p.incidents.length, 'incident', 'incidents')} marked` : '') +
    (p.degraded.length ? `, ${count(p.degraded.length, 'degraded stretch', 'degraded stretches')} shaded` : '')
  );
}
