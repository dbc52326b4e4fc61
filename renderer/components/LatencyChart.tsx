import { useMemo } from 'react';
import {
  Area,
  CartesianGrid,
  ComposedChart,
  Line,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import type { Series } from '../../shared/result';
import { formatAxisTime, formatDateTime, formatLatency, formatThreshold } from '../lib/format';

interface Props {
  series: Series;
  /** Dashed reference line: answers slower than this are `degraded`. */
  thresholdMs: number | undefined;
  rangeLabel: string;
}

/** Rounds up to 1, 2, 2.5 or 5 × 10^k so the axis gets round ticks. */
export function niceCeil(v: number): number {
  if (!(v > 0)) return 100;
  const exp = 10 ** Math.floor(Math.log10(v));
  for (const m of [1, 2, 2.5, 5, 10]) if (v <= m * exp) return m * exp;
  return 10 * exp;
}

type ChartPoint = { t: number; avg: number | null; range: [number, number] | null };

/**
 * Average latency per bucket as a line over the min–max band. The parent gives `.chart` a fixed
 * CSS height, which ResponsiveContainer needs.
 */
export function LatencyChart({ series, thresholdMs, rangeLabel }: Props) {
  const data = useMemo<ChartPoint[]>(
    () =>
      series.points.map((p) => ({
        t: p.t,
        avg: p.avg,
        range: p.min !== null && p.max !== null ? [p.min, p.max] : null,
      })),
    [series.points],
  );
  const answered = series.points.filter((p) => p.avg !== null);
  const peak = answered.reduce((m, p) => Math.max(m, p.max ?? p.avg ?? 0), 0);
  // A 3 s line on a chart of 5 ms answers would flatten every real variation: the threshold joins
  // the scale only once latency comes within a quarter of it, and the legend says so otherwise.
  const thresholdOnScale = thresholdMs !== undefined && peak * 4 >= thresholdMs;
  const mean = answered.length ? answered.reduce((s, p) => s + (p.avg ?? 0), 0) / answered.length : null;
  const summary = answered.length
    ? `Latency over the last ${rangeLabel}: average ${formatLatency(mean)}, highest ${formatLatency(peak)}` +
      (thresholdMs !== undefined ? `, ${formatThreshold(thresholdMs)}` : '')
    : `No latency measured in the last ${rangeLabel}`;

  return (
    <figure className="chart-figure">
      <div className="chart" role="img" aria-label={summary}>
        {answered.length === 0 ? (
          <p className="chart__empty">No results in this range yet.</p>
        ) : (
          <ResponsiveContainer width="100%" height="100%" minWidth={0}>
            <ComposedChart data={data} margin={{ top: 16, right: 16, bottom: 4, left: 0 }}>
              <CartesianGrid stroke="var(--chart-grid)" strokeDasharray="3 3" />
              <XAxis
                dataKey="t"
                type="number"
                scale="time"
                domain={[series.from, series.to]}
                tickFormatter={formatAxisTime}
                stroke="var(--text-muted)"
                fontSize={11}
                minTickGap={24}
              />
              <YAxis
                stroke="var(--text-muted)"
                fontSize={11}
                width={64}
                tickFormatter={(v: number) => `${v} ms`}
                domain={[0, niceCeil(Math.max(peak * 1.2, thresholdOnScale ? (thresholdMs ?? 0) * 1.15 : 1))]}
                tickCount={6}
              />
              <Tooltip
                labelFormatter={(t) => formatDateTime(Number(t))}
                formatter={(value) =>
                  Array.isArray(value)
                    ? `${formatLatency(Number(value[0]))} – ${formatLatency(Number(value[1]))}`
                    : formatLatency(Number(value))
                }
                contentStyle={{ background: 'var(--surface)', border: '1px solid var(--border)', color: 'var(--text)' }}
              />
              <Area
                dataKey="range"
                name="Min – max"
                stroke="none"
                fill="var(--chart-band)"
                fillOpacity={1}
                isAnimationActive={false}
                connectNulls={false}
              />
              <Line
                dataKey="avg"
                name="Average"
                stroke="var(--chart-line)"
                strokeWidth={2}
                dot={false}
                isAnimationActive={false}
                connectNulls={false}
              />
              {thresholdOnScale && (
                <ReferenceLine
                  y={thresholdMs}
                  stroke="var(--chart-threshold)"
                  strokeDasharray="6 4"
                  label={{ value: formatThreshold(thresholdMs), position: 'insideTopRight', fill: 'var(--chart-threshold)', fontSize: 11 }}
                />
              )}
            </ComposedChart>
          </ResponsiveContainer>
        )}
      </div>
      <figcaption className="chart-legend">
        <span className="legend legend--avg">Average</span>
        <span className="legend legend--band">Min – max</span>
        {thresholdMs !== undefined && (
          <span className="legend legend--threshold">
            {thresholdOnScale ? 'Slow threshold' : `${formatThreshold(thresholdMs)} (above this scale)`}
          </span>
        )}
      </figcaption>
    </figure>
  );
}
