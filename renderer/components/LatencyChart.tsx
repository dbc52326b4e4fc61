import { memo, useMemo } from 'react';
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
import { ChartLegend } from './latency-chart/ChartLegend';
import { latencyScale, latencySummary, toChartPoints } from './latency-chart/latency-data';
import type { IncidentMark, Span } from './latency-chart/marks';
import { degradedShades, incidentMarks, maintenanceShades } from './latency-chart/state-marks';
import { PLOT_LEFT, PLOT_RIGHT, useDragZoom } from './latency-chart/useDragZoom';

export type { IncidentMark, Span } from './latency-chart/marks';

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
  const data = useMemo(() => toChartPoints(series.points), [series.points]);
  const { drag, handlers } = useDragZoom(series, onZoom);
  const scale = latencyScale(series, thresholdMs);
  const summary = latencySummary(scale, { rangeLabel, thresholdMs, maintenance, incidents, degraded });
  const tick = useMemo(() => timeTickFormatter(series.from, series.to), [series.from, series.to]);
  const ticks = useMemo(() => timeTicks(series.from, series.to), [series.from, series.to]);
  const clamp = (t: number) => Math.min(series.to, Math.max(series.from, t));

  return (
    <figure className="chart-figure">
      <div className="chart detail-chart" role="img" aria-label={summary} {...handlers}>
        {scale.answered === 0 ? (
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
                width={PLOT_LEFT}
                tickFormatter={(v: number) => `${v} ms`}
                domain={[0, scale.yMax]}
                tickCount={6}
              />
              {maintenanceShades(maintenance, clamp)}
              {degradedShades(degraded, clamp, series.to)}
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
                dot={scale.answered <= 3 ? { r: 3 } : false}
                isAnimationActive={false}
                connectNulls={false}
              />
              {scale.thresholdOnScale && thresholdMs !== undefined && (
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
              {incidentMarks(incidents, clamp, series.to)}
              {platformMarks(loadSpans, deploys, clamp)}
              {drag && drag.a !== drag.b && (
                <ReferenceArea x1={drag.a} x2={drag.b} fill="var(--accent)" fillOpacity={0.15} stroke="var(--accent)" />
              )}
            </ComposedChart>
          </ResponsiveContainer>
        )}
      </div>
      <ChartLegend
        thresholdMs={thresholdMs}
        thresholdOnScale={scale.thresholdOnScale}
        maintenance={maintenance.length > 0}
        degraded={degraded.length > 0}
        zoomable={onZoom !== undefined}
      />
    </figure>
  );
});
