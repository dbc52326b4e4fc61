import type { Monitor } from '../../shared/monitor';
import type { ProbeResult } from '../../shared/result';
import { formatDateTime, formatLatency } from '../lib/format';
import { HlsFacts } from './kinds/hls-facts';

const PHASES = ['dns', 'connect', 'tls', 'ttfb', 'download'] as const;
const PHASE_LABEL: Record<(typeof PHASES)[number], string> = {
  dns: 'DNS',
  connect: 'Connect',
  tls: 'TLS',
  ttfb: 'First byte',
  download: 'Download',
};

function num(v: unknown): number | null {
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

/** Average timing phases over the recent answered results: where an HTTP check spends its time. */
function HttpPhases({ results }: { results: readonly ProbeResult[] }) {
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

/** Task submission: time per scripted step of the newest run. */
function SubmitSteps({ result }: { result: ProbeResult }) {
  const d = result.details ?? {};
  const labels = Array.isArray(d.steps) ? d.steps.map(String) : [];
  const ms = Array.isArray(d.stepMs) ? d.stepMs : [];
  const status = Array.isArray(d.stepStatus) ? d.stepStatus : [];
  if (labels.length === 0) return <p className="muted">No step times recorded yet.</p>;
  return (
    <table className="steps">
      <caption className="sr-only">Steps of the newest submission check</caption>
      <thead>
        <tr>
          <th scope="col">Step</th>
          <th scope="col">Time</th>
          <th scope="col">Answer</th>
        </tr>
      </thead>
      <tbody>
        {labels.map((l, i) => (
          <tr key={i}>
            <th scope="row">{l}</th>
            <td>{typeof ms[i] === 'number' ? formatLatency(ms[i]) : 'not reached'}</td>
            <td>{status[i] ?? '—'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Kind-specific view of the newest results: HTTP phases, HLS freshness, submission steps. */
export function ResultBreakdown({ monitor, results }: { monitor: Monitor; results: readonly ProbeResult[] }) {
  const newest = results[0];
  if (!newest) return <p className="muted">No results yet.</p>;
  const when = <p className="muted small">Newest check {formatDateTime(newest.ts)}</p>;
  switch (monitor.kind) {
    case 'http':
    case 'page':
      return (
        <>
          <HttpPhases results={results} />
          {when}
        </>
      );
    case 'hls':
      return (
        <>
          <HlsFacts result={newest} results={results} />
          {when}
        </>
      );
    case 'submit':
      return (
        <>
          <SubmitSteps result={newest} />
          {when}
        </>
      );
    default: {
      const entries = Object.entries(newest.details ?? {});
      if (!entries.length) return when;
      return (
        <>
          <dl className="facts facts--compact">
            {entries.map(([k, v]) => (
              <div key={k}>
                <dt>{k}</dt>
                <dd>{Array.isArray(v) ? v.join(', ') : String(v)}</dd>
              </div>
            ))}
          </dl>
          {when}
        </>
      );
    }
  }
}
