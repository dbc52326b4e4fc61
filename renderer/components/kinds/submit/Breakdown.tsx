import { formatLatency } from '../../../lib/format';
import type { KindBreakdownProps } from '../types';

/** Task submission: time per scripted step of the newest run. */
export function SubmitSteps({ result }: KindBreakdownProps) {
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
