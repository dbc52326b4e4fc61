import { readDetails } from '../../../../shared/probes/kind';
import { SubmitDetails } from '../../../../shared/probes/submit';
import { formatLatency } from '../../../lib/format';
import type { KindBreakdownProps } from '../types';

/** Task submission: time per scripted step of the newest run. */
export function SubmitSteps({ result }: KindBreakdownProps) {
  const d = readDetails(SubmitDetails, result.details);
  const labels = d.steps ?? [];
  const ms = d.stepMs ?? [];
  const status = d.stepStatus ?? [];
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
            <td>{ms[i] !== undefined ? formatLatency(ms[i]) : 'not reached'}</td>
            <td>{status[i] ?? '—'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
