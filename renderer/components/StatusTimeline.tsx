import { memo } from 'react';
import type { SeriesPoint } from '../../shared/result';
import type { Span } from './LatencyChart';

type Band = 'up' | 'degraded' | 'down' | 'unknown' | 'gap';

function worst(p: SeriesPoint): Band {
  if (p.down > 0) return 'down';
  if (p.degraded > 0) return 'degraded';
  if (p.unknown > 0) return 'unknown';
  if (p.up > 0) return 'up';
  return 'gap';
}

interface Props {
  from: number;
  to: number;
  bucketMs: number;
  points: readonly SeriesPoint[];
  /** Stretches the console could not see (asleep / offline / not running): drawn as gaps, never as downtime. */
  gaps?: readonly (Span & { reason?: GapReason })[];
}

type GapReason = 'asleep' | 'offline' | 'stopped';
const GAP_LABEL: Record<GapReason, string> = {
  asleep: 'Console asleep',
  offline: 'Console offline',
  stopped: 'Lookout not running',
};

const LABEL: Record<Band, string> = {
  up: 'Up',
  degraded: 'Degraded',
  down: 'Down',
  unknown: 'Unknown',
  gap: 'No data',
};

/** One band under the chart: the worst status per bucket; no results = gap (hatched). */
export const StatusTimeline = memo(function StatusTimeline({ from, to, bucketMs, points, gaps = [] }: Props) {
  const span = Math.max(1, to - from);
  const x = (t: number) => ((Math.min(to, Math.max(from, t)) - from) / span) * 1000;
  const counts: Record<Band, number> = { up: 0, degraded: 0, down: 0, unknown: 0, gap: 0 };
  for (const p of points) counts[worst(p)]++;
  const label =
    `Status timeline: ${counts.down} periods down, ${counts.degraded} degraded, ${counts.unknown} unknown, ${counts.up} up` +
    (gaps.length
      ? `, ${gaps.length} gap${gaps.length > 1 ? 's' : ''} when the console could not see (${[...new Set(gaps.map((g) => (g.reason ? GAP_LABEL[g.reason] : 'no data').toLowerCase()))].join(', ')})`
      : '');
  return (
    <figure className="timeline">
      <svg viewBox="0 0 1000 14" preserveAspectRatio="none" role="img" aria-label={label} className="timeline__band">
        <defs>
          <pattern id="gap-hatch" width="4" height="4" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
            <rect width="4" height="4" className="timeline__gap-bg" />
            <line x1="0" y1="0" x2="0" y2="4" className="timeline__gap-line" />
          </pattern>
        </defs>
        <rect x={0} y={0} width={1000} height={14} fill="url(#gap-hatch)" />
        {points.map((p) => {
          const b = worst(p);
          const x1 = x(p.t);
          return (
            <rect
              key={p.t}
              x={x1}
              y={0}
              width={Math.max(0.6, x(p.t + bucketMs) - x1)}
              height={14}
              className={`timeline__seg timeline__seg--${b}`}
              data-status={b}
            />
          );
        })}
        {gaps.map((g, i) => (
          <rect
            key={`g${i}`}
            x={x(g.start)}
            y={0}
            width={Math.max(0.6, x(g.end) - x(g.start))}
            height={14}
            fill="url(#gap-hatch)"
            data-status="gap"
            data-gap={g.reason}
          >
            <title>{`${g.reason ? GAP_LABEL[g.reason] : 'No data'}: ${new Date(g.start).toLocaleString()} – ${new Date(g.end).toLocaleString()}`}</title>
          </rect>
        ))}
      </svg>
      <figcaption className="timeline__legend">
        {(['up', 'degraded', 'down', 'unknown', 'gap'] as const).map((b) => (
          <span key={b} className={`timeline__key timeline__key--${b}`}>
            {LABEL[b]}
          </span>
        ))}
      </figcaption>
    </figure>
  );
});
