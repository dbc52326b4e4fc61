import { useMemo } from 'react';
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { VantageSeries } from '../../../shared/vantage';
import { useVantageSeries, useVantageStatus } from '../../hooks/useVantage';
import { formatDateTime, formatLatency } from '../../lib/format';
import { timeTickFormatter, timeTicks } from '../../lib/time-axis';
import { VantagePhases } from './VantagePhases';
import './vantage.css';

const COLORS = ['var(--accent, #2f6fd6)', '#c26b00', '#7b3fb5', '#00838f', '#9e2a6b', '#4d7a00'];
const label = (v: string) => (v === 'local' ? 'This console' : v);

/** One latency line per vantage (this console and each region), and a status strip per vantage. */
export function VantagePanel({ monitorId, from, to }: { monitorId: number; from: number; to: number }) {
  const series = useVantageSeries(monitorId, from, to);
  const status = useVantageStatus();
  const view = status.data?.monitors.find((m) => m.monitorId === monitorId);
  const source = status.data?.source;
  return (
    <section className="vantage-panel" aria-label="Vantage points">
      <h4>
        Vantage points{' '}
        {view?.summary && (
          <span className={`vantage-note vantage-note--${view.verdict}`} data-verdict={view.verdict}>
            {view.summary}
          </span>
        )}
      </h4>
      {source && !source.configured && (
        <p className="muted small">
          No Prometheus source: set one in Settings → Prometheus source to read the regions.
        </p>
      )}
      {source?.message && <p className={source.health === 'error' ? 'form-error' : 'muted small'}>{source.message}</p>}
      {view?.problem && (
        <p className="form-error" role="alert">
          {view.problem.message}
        </p>
      )}
      {view && (
        <ul className="vantage-list">
          {view.vantages.map((v) => (
            <li key={v.vantage} data-vantage={v.vantage} data-status={v.status}>
              <span className={`vantage-dot vantage-dot--${v.status}`} aria-hidden="true" /> {label(v.vantage)}:{' '}
              {v.status}
              {v.latencyMs !== null && v.status === 'up' ? ` (${formatLatency(v.latencyMs)})` : ''}
              {v.status !== 'unknown' && <VantagePhases phases={v.phases} />}
            </li>
          ))}
        </ul>
      )}
      {series.error && <p className="form-error">Could not load the vantage lines: {series.error.message}</p>}
      {series.data && <VantageLines series={series.data} from={from} to={to} />}
    </section>
  );
}

function VantageLines({ series, from, to }: { series: VantageSeries; from: number; to: number }) {
  const data = useMemo(() => {
    const rows = new Map<number, Record<string, number | null>>();
    for (const line of series.lines) {
      for (const p of line.points) {
        // Local buckets and remote buckets may differ in size: put each on the remote grid.
        const t = from + Math.floor((p.t - from) / series.bucketMs) * series.bucketMs;
        const row = rows.get(t) ?? { t };
        row[line.vantage] = p.avg;
        rows.set(t, row);
      }
    }
    return [...rows.values()].sort((a, b) => (a.t as number) - (b.t as number));
  }, [series, from]);
  const ticks = timeTicks(from, to);
  const tick = timeTickFormatter(from, to);
  return (
    <>
      <div className="chart chart--vantage">
        <ResponsiveContainer width="100%" height="100%" minWidth={0}>
          <LineChart data={data} margin={{ top: 8, right: 16, bottom: 4, left: 0 }}>
            <CartesianGrid stroke="var(--chart-grid)" strokeDasharray="3 3" />
            <XAxis
              dataKey="t"
              type="number"
              scale="time"
              domain={[from, to]}
              ticks={ticks}
              interval={0}
              tickFormatter={tick}
              stroke="var(--text-muted)"
              fontSize={11}
            />
            <YAxis stroke="var(--text-muted)" fontSize={11} width={64} tickFormatter={(v: number) => `${v} ms`} />
            <Tooltip
              labelFormatter={(t) => formatDateTime(Number(t))}
              formatter={(v, name) => [v === null ? '—' : formatLatency(Number(v)), label(String(name))]}
            />
            <Legend formatter={(v) => label(String(v))} />
            {series.lines.map((l, i) => (
              <Line
                key={l.vantage}
                dataKey={l.vantage}
                name={l.vantage}
                stroke={COLORS[i % COLORS.length]}
                dot={false}
                connectNulls={false}
                isAnimationActive={false}
              />
            ))}
          </LineChart>
        </ResponsiveContainer>
      </div>
      {series.lines.map((l) => (
        <VantageStrip
          key={l.vantage}
          vantage={l.vantage}
          points={l.points}
          from={from}
          to={to}
          bucketMs={series.bucketMs}
        />
      ))}
    </>
  );
}

function VantageStrip({
  vantage,
  points,
  from,
  to,
  bucketMs,
}: {
  vantage: string;
  points: VantageSeries['lines'][number]['points'];
  from: number;
  to: number;
  bucketMs: number;
}) {
  const span = Math.max(1, to - from);
  const x = (t: number) => ((Math.min(to, Math.max(from, t)) - from) / span) * 1000;
  const down = points.filter((p) => p.down > 0).length;
  const degraded = points.filter((p) => p.down === 0 && p.degraded > 0).length;
  // Prometheus' step is often longer than a bucket: each point covers its step, not a sliver.
  const gaps = points
    .slice(1)
    .map((p, i) => p.t - points[i]!.t)
    .sort((a, b) => a - b);
  const cover = Math.max(bucketMs, gaps[Math.floor(gaps.length / 2)] ?? bucketMs);
  return (
    <figure className="timeline vantage-strip" data-vantage={vantage}>
      <figcaption className="vantage-strip__name">{label(vantage)}</figcaption>
      <svg
        viewBox="0 0 1000 10"
        preserveAspectRatio="none"
        role="img"
        aria-label={`${label(vantage)}: ${down} periods down, ${degraded ? `${degraded} degraded, ` : ''}${points.length - down - degraded} up`}
        className="timeline__band"
      >
        {points.map((p) => (
          <rect
            key={p.t}
            x={x(p.t)}
            width={Math.max(0.5, x(p.t + cover) - x(p.t))}
            y={0}
            height={10}
            className={
              p.down > 0 ? 'vantage-strip__down' : p.degraded > 0 ? 'vantage-strip__degraded' : 'vantage-strip__up'
            }
          />
        ))}
      </svg>
    </figure>
  );
}
