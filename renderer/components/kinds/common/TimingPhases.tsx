import { formatLatency } from '../../../lib/format';
import type { KindBreakdownProps } from '../types';

const PHASES = ['dns', 'connect', 'tls', 'ttfb', 'download'] as const;
const PHASE_LABEL: Record<(typeof PHASES)[number], string> = {
  dns: 'DNS',
  connect: 'Connect',
  tls: 'TLS',
  ttfb: 'First byte',
  download: 'Download',
};

/** Average timing phases over the recent answered results: where an HTTP check spends its time. */
export function TimingPhases({ results }: KindBreakdownProps) {
  const withPhases = results.filter((r) => r.phases && r.latencyMs !== null);
  if (withPhases.length === 0) return <p className="muted">No timing phases recorded yet.</p>;
  const avg = PHASES.map((p) => {
    const vals = withPhases.map((r) => r.phases?.[p]).filter((v): v is number => typeof v === 'number');
    return { phase: p, ms: vals.length ? vals.reduce((a, b) => a + b, 0) / vals.length : null };
  }).filter((x) => x.ms !== null) as { phase: (typeof PHASES)[number]; ms: number }[];
  const total = avg.reduce((s, x) => s + x.ms, 0) || 1;
  return (
    <div>
      <div
        className="phases"
        role="img"
        aria-label={`Average of the last ${withPhases.length} checks: ${avg.map((x) => `${PHASE_LABEL[x.phase]} ${formatLatency(x.ms)}`).join(', ')}`}
      >
        {avg.map((x) => (
          <span
            key={x.phase}
            className={`phases__seg phases__seg--${x.phase}`}
            style={{ flexGrow: Math.max(0.02, x.ms / total) }}
            title={`${PHASE_LABEL[x.phase]} ${formatLatency(x.ms)}`}
          />
        ))}
      </div>
      <dl className="facts facts--compact">
        {avg.map((x) => (
          <div key={x.phase}>
            <dt className={`phase-key phase-key--${x.phase}`}>{PHASE_LABEL[x.phase]}</dt>
            <dd>{formatLatency(x.ms)}</dd>
          </div>
        ))}
      </dl>
    </div>
  );
}
