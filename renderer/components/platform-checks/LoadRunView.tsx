import type { LoadProgress, LoadRun } from '../../../shared/loadcheck';
import { formatDateTime, formatLatency } from '../../lib/format';
import { useMethodControl } from '../../hooks/useReviewMode';

const VERDICT: Record<string, string> = { go: 'Go', no_go: 'No go', stopped: 'Stopped' };

/** The live figures of a run: sent, achieved rate, percentiles, errors by code. */
export function LoadProgressView({ p, onStop }: { p: LoadProgress; onStop?: () => void }) {
  const errors = Object.entries(p.errors);
  const control = useMethodControl();
  return (
    <section className="loadcheck-progress" aria-label="Load check progress" aria-live="polite">
      <dl className="loadcheck-figures">
        <dt>Sent</dt>
        <dd>{p.sent.toLocaleString()}</dd>
        <dt>Rate</dt>
        <dd>
          {Math.round(p.achievedRate)} / {p.plannedRate} per s
        </dd>
        <dt>p50 / p95 / p99</dt>
        <dd>
          {formatLatency(p.latency.p50)} / {formatLatency(p.latency.p95)} / {formatLatency(p.latency.p99)}
        </dd>
        <dt>Errors</dt>
        <dd>{errors.length === 0 ? 'none' : errors.map(([code, n]) => `${code}: ${n}`).join(', ')}</dd>
        <dt>Elapsed</dt>
        <dd>{Math.round(p.elapsedMs / 1000)} s</dd>
      </dl>
      {onStop && p.state === 'running' && (
        <button type="button" className="danger" onClick={onStop} {...control('loadchecks.stop')}>
          Stop
        </button>
      )}
    </section>
  );
}

/** The go / no-go card of an ended run, against its thresholds and the previous run of the same check. */
export function LoadRunCard({ run }: { run: LoadRun }) {
  const s = run.summary;
  const prev = run.previous;
  return (
    <article className={`loadcheck-card loadcheck-card--${run.verdict ?? 'running'}`} aria-label={`Run ${run.id}`}>
      <header>
        <strong>{run.verdict ? VERDICT[run.verdict] : 'Running'}</strong> {run.name} · {formatDateTime(run.startedAt)} ·{' '}
        {run.outcome}
        {run.reason ? ` — ${run.reason}` : ''}
      </header>
      {run.card.length > 0 && (
        <table>
          <thead>
            <tr>
              <th>Threshold</th>
              <th>Limit</th>
              <th>Actual</th>
              <th>Previous run</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {run.card.map((l) => (
              <tr key={l.metric}>
                <td>{l.metric}</td>
                <td>{l.threshold}</td>
                <td>{l.actual ?? '—'}</td>
                <td>{prev ? previousFigure(l.metric, prev) : '—'}</td>
                <td>{l.pass ? 'pass' : 'fail'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {s && (
        <p className="muted small">
          {s.completed.toLocaleString()} answered of {run.plannedRequests.toLocaleString()} planned · p50{' '}
          {formatLatency(s.latency.p50)} · p95 {formatLatency(s.latency.p95)} · p99 {formatLatency(s.latency.p99)} ·
          errors {s.errorRatePct}%
        </p>
      )}
    </article>
  );
}

function previousFigure(metric: string, prev: NonNullable<LoadRun['previous']>): string {
  if (metric === 'p95 ms') return String(prev.latency.p95 ?? '—');
  if (metric === 'p99 ms') return String(prev.latency.p99 ?? '—');
  if (metric === 'error rate %') return String(prev.errorRatePct);
  return '—';
}
