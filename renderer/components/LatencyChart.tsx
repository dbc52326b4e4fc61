import { memo, useMemo, useState, type PointerEvent as ReactPointerEvent } from 'react';
import {
  Area,
  CartesianGrid,
  ComposedChart,
  Line,
  ReferenceArea,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import type { Series } from '../../shared/result';
import { formatDateTime, formatLatency, formatThreshold } from '../lib/format';
import type { Deploy } from '../../shared/deploys';
import type { LoadSpan } from '../../shared/loadcheck';
import { platformMarks } from './platform-checks/marks';
import { timeTickFormatter, timeTicks } from '../lib/time-axis';

export interface Span {
  start: number;
  end: number;
}
export interface IncidentMark {
  id: number;
  startedAt: number;
  endedAt: number | null;
}

interface Props {
  series: Series;
  /** Dashed reference line: answers slower than this are `degraded` (3 s by default). */
  thresholdMs: number | undefined;
  rangeLabel: string;
  maintenance?: readonly Span[];
  incidents?: readonly IncidentMark[];
  /** Stretches of confirmed degraded state, shaded (an open one runs to the chart's end). */
  degraded?: readonly IncidentMark[];
  /** Load check runs against this monitor's host, and deploy markers (platform-checks/marks.tsx). */
  loadSpans?: readonly LoadSpan[];
  deploys?: readonly Deploy[];
  /** Drag across the chart to zoom into [from, to). */
  onZoom?: (from: number, to: number) => void;
}

/** Rounds up to 1, 2, 2.5 or 5 × 10^k so the axis gets round ticks. */
export function niceCeil(v: number): number {
  if (!(v > 0)) return 100;
  const exp = 10 ** Math.floor(Math.log10(v));
  for (const m of [1, 2, 2.5, 5, 10]) if (v <= m * exp) return m * exp;
  return 10 * exp;
}

const PLOT_LEFT = 64; // YAxis width + left margin
const PLOT_RIGHT = 16;

type ChartPoint = { t: number; p50: number | null; band95: [number, number] | null; band99: [number, number] | null };

/**
 * Latency per bucket: the median (p50) as a line over p50–p95 and p95–p99 bands (average when a
 * bucket has no percentiles yet, e.g. live results), the slow threshold, maintenance shaded,
 * incidents marked. The parent gives `.chart` a fixed CSS height, which ResponsiveContainer needs.
 */
export const LatencyChart = memo(function LatencyChart({
  series,
  thresholdMs,
  rangeLabel,
  maintenance = [],
  incidents = [],
  degraded = [],
  loadSpans = [],
  deploys = [],
  onZoom,
}: Props) {
  const data = useMemo<ChartPoint[]>(
    () =>
      series.points.map((p) => {
        const mid = p.p50 ?? p.avg;
        const p95 = p.p95 ?? null;
        const p99 = p.p99 ?? null;
        return {
          t: p.t,
          p50: mid,
          band95: mid !== null && p95 !== null ? [mid, p95] : null,
          band99: p95 !== null && p99 !== null ? [p95, p99] : null,
        };
      }),
    [series.points],
  );
  // Drag to zoom, from pointer pixels (the plot spans the chart less the Y axis and the margins).
  const [drag, setDrag] = useState<{ a: number; b: number } | null>(null);
  const timeAt = (e: ReactPointerEvent<HTMLDivElement>): number => {
    const box = e.currentTarget.getBoundingClientRect();
    const left = PLOT_LEFT;
    const width = Math.max(1, box.width - PLOT_LEFT - PLOT_RIGHT);
    const f = Math.min(1, Math.max(0, (e.clientX - box.left - left) / width));
    return series.from + f * (series.to - series.from);
  };
  const answered = series.points.filter((p) => p.avg !== null);
  const peak = answered.reduce((m, p) => Math.max(m, p.p99 ?? p.max ?? p.avg ?? 0), 0);
  // A 3 s line on a chart of 5 ms answers would flatten every real variation: the threshold joins
  // the scale only once latency comes within a quarter of it, and the legend says so otherwise.
  const thresholdOnScale = thresholdMs !== undefined && peak * 4 >= thresholdMs;
  const mean = answered.length ? answered.reduce((s, p) => s + (p.avg ?? 0), 0) / answered.length : null;
  const summary = answered.length
    ? `Latency over the ${rangeLabel}: average ${formatLatency(mean)}, highest p99 ${formatLatency(peak)}` +
      (thresholdMs !== undefined ? `, ${formatThreshold(thresholdMs)}` : '') +
      (maintenance.length
        ? `, ${maintenance.length} maintenance window${maintenance.length > 1 ? 's' : ''} shaded`
        : '') +
      (incidents.length ? `, ${incidents.length} incident${incidents.length > 1 ? 's' : ''} marked` : '') +
      (degraded.length ? `, ${degraded.length} degraded stretch${degraded.length > 1 ? 'es' : ''} shaded` : '')
    : `No latency measured in the ${rangeLabel}`;
  const tick = useMemo(() => timeTickFormatter(series.from, series.to), [series.from, series.to]);
  const ticks = useMemo(() => timeTicks(series.from, series.to), [series.from, series.to]);
  const clamp = (t: number) => Math.min(series.to, Math.max(series.from, t));

  return (
    <figure className="chart-figure">
      <div
        className="chart detail-chart"
        role="img"
        aria-label={summary}
        onPointerDown={(e) => {
          if (onZoom && e.button === 0) {
            const t = timeAt(e);
            setDrag({ a: t, b: t });
          }
        }}
        onPointerMove={(e) => drag && setDrag({ a: drag.a, b: timeAt(e) })}
        onPointerUp={() => {
          if (drag && onZoom) {
            const [a, b] = drag.a < drag.b ? [drag.a, drag.b] : [drag.b, drag.a];
            // A click or a tiny drag is not a zoom; at least two buckets wide.
            if (b - a > 2 * series.bucketMs && b - a > (series.to - series.from) / 100)
              onZoom(Math.floor(a), Math.ceil(b));
          }
          setDrag(null);
        }}
        onPointerLeave={() => setDrag(null)}
      >
        {answered.length === 0 ? (
          <p className="chart__empty">No results in this range yet.</p>
        ) : (
          <ResponsiveContainer width="100%" height="100%" minWidth={0}>
            <ComposedChart data={data} margin={{ top: 16, right: PLOT_RIGHT, bottom: 4, left: 0 }}>
              <CartesianGrid stroke="var(--chart-grid)" strokeDasharray="3 3" />
              <XAxis
                dataKey="t"
                type="number"
                scale="time"
                domain={[series.from, series.to]}
                ticks={ticks}
                interval={0}
                tickFormatter={tick}
                stroke="var(--text-muted)"
                fontSize={11}
              />
              <YAxis
                stroke="var(--text-muted)"
                fontSize={11}
                width={64}
                tickFormatter={(v: number) => `${v} ms`}
                domain={[0, niceCeil(Math.max(peak * 1.15, thresholdOnScale ? (thresholdMs ?? 0) * 1.15 : 1))]}
                tickCount={6}
              />
              {maintenance.map((m, i) => (
                <ReferenceArea
                  key={`m${i}`}
                  x1={clamp(m.start)}
                  x2={clamp(m.end)}
                  className="maintenance-shade"
                  fill="var(--maintenance-fill)"
                  fillOpacity={1}
                  stroke="none"
                  ifOverflow="hidden"
                  label={{ value: 'Maintenance', position: 'insideTop', fill: 'var(--text-muted)', fontSize: 10 }}
                />
              ))}
              {degraded.map((d) => (
                <ReferenceArea
                  key={`d${d.id}`}
                  x1={clamp(d.startedAt)}
                  x2={clamp(d.endedAt ?? series.to)}
                  className="degraded-shade"
                  fill="var(--degraded, #f59e0b)"
                  fillOpacity={0.15}
                  stroke="none"
                  ifOverflow="hidden"
                />
              ))}
              <Tooltip
                labelFormatter={(t) => formatDateTime(Number(t))}
                formatter={(value, name) =>
                  Array.isArray(value)
                    ? [`${formatLatency(Number(value[0]))} – ${formatLatency(Number(value[1]))}`, name]
                    : [formatLatency(Number(value)), name]
                }
                contentStyle={{ background: 'var(--surface)', border: '1px solid var(--border)', color: 'var(--text)' }}
              />
              <Area
                dataKey="band99"
                name="p95 – p99"
                stroke="none"
                fill="var(--chart-band-99)"
                fillOpacity={1}
                isAnimationActive={false}
                connectNulls={false}
              />
              <Area
                dataKey="band95"
                name="p50 – p95"
                stroke="none"
                fill="var(--chart-band)"
                fillOpacity={1}
                isAnimationActive={false}
                connectNulls={false}
              />
              <Line
                dataKey="p50"
                name="Median (p50)"
                stroke="var(--chart-line)"
                strokeWidth={2}
                dot={answered.length <= 3 ? { r: 3 } : false}
                isAnimationActive={false}
                connectNulls={false}
              />
              {thresholdOnScale && (
                <ReferenceLine
                  y={thresholdMs}
                  stroke="var(--chart-threshold)"
                  strokeDasharray="6 4"
                  label={{
                    value: formatThreshold(thresholdMs),
                    position: 'insideTopRight',
                    fill: 'var(--chart-threshold)',
                    fontSize: 11,
                  }}
                />
              )}
              {/* The incident's own span, start to end (an open one runs to the chart's end), with its start edge drawn. */}
              {incidents.map((inc) => (
                <ReferenceArea
                  key={`i${inc.id}`}
                  x1={clamp(inc.startedAt)}
                  x2={clamp(inc.endedAt ?? series.to)}
                  className="incident-mark"
                  data-incident-start={inc.startedAt}
                  fill="var(--down)"
                  fillOpacity={0.12}
                  stroke="var(--down)"
                  strokeOpacity={0.8}
                  ifOverflow="hidden"
                  label={{ value: `Incident ${inc.id}`, position: 'insideTopLeft', fill: 'var(--down)', fontSize: 10 }}
                />
              ))}
              {platformMarks(loadSpans, deploys, clamp)}
              {drag && drag.a !== drag.b && (
                <ReferenceArea x1={drag.a} x2={drag.b} fill="var(--accent)" fillOpacity={0.15} stroke="var(--accent)" />
              )}
            </ComposedChart>
          </ResponsiveContainer>
        )}
      </div>
      <figcaption className="chart-legend">
        <span className="legend legend--avg">Median (p50)</span>
        <span className="legend legend--band">p50 – p95</span>
        <span className="legend legend--band99">p95 – p99</span>
        {thresholdMs !== undefined && (
          <span className="legend legend--threshold">
            {thresholdOnScale ? formatThreshold(thresholdMs) : `${formatThreshold(thresholdMs)} (above this scale)`}
          </span>
        )}
        {maintenance.length > 0 && <span className="legend legend--maintenance">Maintenance</span>}
        {degraded.length > 0 && <span className="legend legend--degraded">Degraded</span>}
        {onZoom && <span className="muted">Drag across the chart to zoom</span>}
      </figcaption>
    </figure>
  );
});
