import { useState } from 'react';
import type { Monitor } from '../../shared/monitor';
import { useTransport } from '../api/context';
import { asApiError } from '../hooks/useApiQuery';
import { useEvent } from '../hooks/useEvent';

const DAY = 86_400_000;
const local = (t: number) => {
  const d = new Date(t - new Date(t).getTimezoneOffset() * 60_000);
  return d.toISOString().slice(0, 16);
};

/** History out: one monitor's raw results as CSV, or everything in a range as JSON, written to a file by the core. */
export function HistoryExport({ monitors }: { monitors: readonly Monitor[] }) {
  const transport = useTransport();
  const [monitorId, setMonitorId] = useState<number | ''>('');
  const [from, setFrom] = useState(() => local(Date.now() - 7 * DAY));
  const [to, setTo] = useState(() => local(Date.now()));
  const [busy, setBusy] = useState(false);
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEvent(
    'reportProgress',
    (e) => busy && e.stage.startsWith('history') && setProgress({ done: e.done, total: e.total }),
  );

  async function run(format: 'csv' | 'json') {
    setBusy(true);
    setError(null);
    setDone(null);
    setProgress(null);
    try {
      const r = await transport.invoke('history.export', {
        format,
        ...(monitorId === '' ? {} : { monitorId }),
        from: Date.parse(from),
        to: Date.parse(to),
      });
      setDone(`${r.rows.toLocaleString('en-US')} results written to ${r.path} (${(r.bytes / 2 ** 20).toFixed(1)} MiB)`);
    } catch (err) {
      const e = asApiError(err);
      setError(e.issues?.length ? e.issues.map((i) => i.message).join('; ') : e.message);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="card" aria-labelledby="history-title">
      <h3 id="history-title">History out</h3>
      <p className="muted small">
        Raw results are kept for the retention period in Settings; older history exists only as rollups (in the report).
      </p>
      <div className="report-form">
        <label>
          Monitor{' '}
          <select value={monitorId} onChange={(e) => setMonitorId(e.target.value === '' ? '' : Number(e.target.value))}>
            <option value="">All (JSON only)</option>
            {monitors.map((m) => (
              <option key={m.id} value={m.id}>
                {m.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          From <input type="datetime-local" value={from} onChange={(e) => setFrom(e.target.value)} />
        </label>
        <label>
          To <input type="datetime-local" value={to} onChange={(e) => setTo(e.target.value)} />
        </label>
        <button type="button" className="btn" disabled={busy || monitorId === ''} onClick={() => void run('csv')}>
          Export results as CSV
        </button>
        <button type="button" className="btn" disabled={busy} onClick={() => void run('json')}>
          Export range as JSON
        </button>
        {busy && progress && progress.total > 0 && (
          <progress
            className="report-progress"
            max={progress.total}
            value={progress.done}
            aria-label="Export progress"
          />
        )}
      </div>
      {done && (
        <p role="status" className="small">
          {done}
        </p>
      )}
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
