import { HlsDetails } from '../../../../shared/probes/hls';
import { readDetails } from '../../../../shared/probes/kind';
import type { ProbeResult } from '../../../../shared/result';

/**
 * The live-edge delay of recent probes (clock minus the newest segment's PROGRAM-DATE-TIME, as the
 * probe stored it in `details.liveDelayMs`) against the monitor's threshold: a small chart and the
 * newest figure in words. Nothing when the stream carries no PROGRAM-DATE-TIME.
 */
const W = 240;
const H = 48;

const seconds = (ms: number): string => `${Math.round(ms / 1000)} s`;

export function HlsLiveDelay({ results }: { results: readonly ProbeResult[] }) {
  // `results` come newest first; the chart reads left to right, oldest to newest.
  const points = results
    .map((r) => {
      const d = readDetails(HlsDetails, r.details);
      return { ts: r.ts, ms: d.liveDelayMs ?? null, limit: d.liveDelayLimitMs ?? null };
    })
    .filter((p): p is { ts: number; ms: number; limit: number | null } => p.ms !== null)
    .reverse();
  const newest = points[points.length - 1];
  if (!newest) return null;
  const limit = newest.limit;
  const top = Math.max(...points.map((p) => p.ms), limit ?? 0) * 1.1 || 1;
  const x = (i: number) => (points.length === 1 ? W : (i / (points.length - 1)) * W);
  const y = (ms: number) => H - (ms / top) * H;
  const over = limit !== null && newest.ms > limit;
  const summary = `Live-edge delay ${seconds(newest.ms)}${limit !== null ? `, threshold ${seconds(limit)}` : ''}`;
  return (
    <div>
      <dt>Behind live</dt>
      <dd>
        <span className={over ? 'tag tag--bad' : undefined}>{summary.replace('Live-edge delay ', '')}</span>
        <svg
          className="live-delay"
          width={W}
          height={H}
          viewBox={`0 0 ${W} ${H}`}
          role="img"
          aria-label={`${summary}; last ${points.length} checks: ${points.map((p) => seconds(p.ms)).join(', ')}`}
        >
          {limit !== null && (
            <line x1={0} x2={W} y1={y(limit)} y2={y(limit)} stroke="currentColor" strokeDasharray="4 3" opacity={0.5} />
          )}
          <polyline
            fill="none"
            stroke="currentColor"
            strokeWidth={1.5}
            points={points.map((p, i) => `${x(i).toFixed(1)},${y(p.ms).toFixed(1)}`).join(' ')}
          />
        </svg>
      </dd>
    </div>
  );
}
