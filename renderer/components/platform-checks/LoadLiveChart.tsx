import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';

export interface LivePoint {
  s: number;
  rate: number;
  p95: number | null;
  errors: number;
}

/** The run so far, second by second: achieved rate against its p95 and error rate. */
export function LoadLiveChart({ points }: { points: readonly LivePoint[] }) {
  if (points.length < 2) return null;
  return (
    <div className="chart chart--small" aria-label="Load check live chart">
      <ResponsiveContainer width="100%" height={180}>
        <LineChart data={points} margin={{ top: 8, right: 16, bottom: 0, left: 0 }}>
          <CartesianGrid stroke="var(--border)" strokeDasharray="3 3" />
          <XAxis dataKey="s" type="number" unit=" s" fontSize={11} stroke="var(--text-muted)" />
          <YAxis yAxisId="rate" fontSize={11} stroke="var(--text-muted)" width={48} />
          <YAxis yAxisId="ms" orientation="right" unit=" ms" fontSize={11} stroke="var(--text-muted)" width={56} />
          <Tooltip
            contentStyle={{ background: 'var(--surface)', border: '1px solid var(--border)', color: 'var(--text)' }}
          />
          <Legend />
          <Line
            yAxisId="rate"
            dataKey="rate"
            name="answers/s"
            stroke="var(--chart-line)"
            dot={false}
            isAnimationActive={false}
          />
          <Line
            yAxisId="ms"
            dataKey="p95"
            name="p95 (ms)"
            stroke="var(--chart-threshold)"
            dot={false}
            isAnimationActive={false}
            connectNulls
          />
          <Line
            yAxisId="rate"
            dataKey="errors"
            name="errors %"
            stroke="var(--down)"
            dot={false}
            isAnimationActive={false}
          />
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}
