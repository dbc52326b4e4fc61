import { useMemo, useState } from 'react';
import type { Deploy, DeployComparison } from '../../../shared/deploys';
import type { Monitor } from '../../../shared/monitor';
import { useTransport } from '../../api/context';
import { asApiError } from '../../hooks/useApiQuery';
import { useMethodControl } from '../../hooks/useReviewMode';
import { useDeploys } from '../../hooks/usePlatformChecks';
import { formatDateTime, formatLatency } from '../../lib/format';
import { Field } from '../Field';
import { DeployDetectors } from './DeployDetectors';

const VERDICT: Record<string, string> = {
  regression: 'Regression',
  no_change: 'No change',
  improvement: 'Improvement',
};

/** Record a deploy of a service group, and each deploy's before / after comparison. */
export function DeploysPanel({ monitors, readOnly }: { monitors: readonly Monitor[]; readOnly: boolean }) {
  const transport = useTransport();
  const deploys = useDeploys();
  const control = useMethodControl();
  const groups = useMemo(() => [...new Set(monitors.map((m) => m.group))].sort(), [monitors]);
  const [f, setF] = useState({ group: '', version: '', note: '' });
  const [errors, setErrors] = useState<Record<string, string>>({});

  async function record(e: React.FormEvent) {
    e.preventDefault();
    try {
      await transport.invoke('deploys.record', { group: f.group, version: f.version, note: f.note, source: 'ui' });
      setF({ ...f, version: '', note: '' });
      setErrors({});
    } catch (err) {
      const a = asApiError(err);
      setErrors(
        Object.fromEntries((a.issues ?? [{ path: 'group', message: a.message }]).map((i) => [i.path, i.message])),
      );
    }
  }

  return (
    <section aria-label="Deploys">
      <h2>Deploys</h2>
      {!readOnly && (
        <form className="deploy-form" onSubmit={(e) => void record(e)} aria-label="Record a deploy">
          <Field id="dp-group" label="Service group" error={errors.group}>
            {(a) => (
              <select {...a} value={f.group} onChange={(e) => setF({ ...f, group: e.target.value })}>
                <option value="">Choose…</option>
                {groups.map((g) => (
                  <option key={g}>{g}</option>
                ))}
              </select>
            )}
          </Field>
          <Field id="dp-version" label="Version" error={errors.version}>
            {(a) => (
              <input
                {...a}
                value={f.version}
                onChange={(e) => setF({ ...f, version: e.target.value })}
                placeholder="1.4.2"
              />
            )}
          </Field>
          <Field id="dp-note" label="Note" error={errors.note}>
            {(a) => <input {...a} value={f.note} onChange={(e) => setF({ ...f, note: e.target.value })} />}
          </Field>
          <button type="submit" {...control('deploys.record')}>
            Record deploy
          </button>
        </form>
      )}
      {!readOnly && <DeployDetectors monitors={monitors} />}
      <p className="muted small">
        Also from the CLI (lookout deploy --group NAME --version V --note TEXT) or POST /api/deploys on the serve port
        with the token.
      </p>
      <ul className="deploy-list">
        {(deploys.data ?? []).map((d) => (
          <DeployRow key={d.id} d={d} />
        ))}
      </ul>
    </section>
  );
}

function DeployRow({ d }: { d: Deploy }) {
  const transport = useTransport();
  const [windowMin, setWindowMin] = useState(d.windowMin);
  const [live, setLive] = useState<DeployComparison | undefined>();
  const c = live ?? d.comparison;
  return (
    <li className={`deploy deploy--${d.verdict ?? 'pending'}`}>
      <strong>
        {d.group ?? 'Monitors'} {d.version}
      </strong>{' '}
      · {formatDateTime(d.at)} · {d.source}
      {d.note ? ` · ${d.note}` : ''} ·{' '}
      <span className="deploy__verdict">{c ? VERDICT[c.verdict] : 'waiting for the after window'}</span>
      {c && (
        <table className="deploy-compare">
          <thead>
            <tr>
              <th />
              <th>p50</th>
              <th>p95</th>
              <th>Errors</th>
              <th>Page load</th>
              <th>Incidents</th>
              <th>Uptime</th>
            </tr>
          </thead>
          <tbody>
            {(['before', 'after'] as const).map((k) => (
              <tr key={k}>
                <th>{k === 'before' ? `${c.windowMin} min before` : `${c.windowMin} min after`}</th>
                <td>{formatLatency(c[k].p50Ms)}</td>
                <td>{formatLatency(c[k].p95Ms)}</td>
                <td>{c[k].errorRatePct === null ? '—' : `${c[k].errorRatePct}%`}</td>
                <td>{formatLatency(c[k].pageLoadMs)}</td>
                <td>{c[k].incidents}</td>
                <td>{c[k].uptimePct === null ? '—' : `${c[k].uptimePct}%`}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {c && c.reasons.length > 0 && <p className="small">{c.reasons.join('; ')}</p>}
      <label className="small">
        Window (min){' '}
        <input
          type="number"
          min={1}
          max={1440}
          value={windowMin}
          onChange={(e) => setWindowMin(Number(e.target.value))}
          style={{ width: '5em' }}
        />
      </label>{' '}
      <button
        type="button"
        onClick={() => void transport.invoke('deploys.compare', { id: d.id, windowMin }).then(setLive)}
      >
        Compare
      </button>
    </li>
  );
}
