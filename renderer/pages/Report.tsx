import { useId, useState } from 'react';
import { formatDuration, formatPercent } from '../../shared/dashboard';
import type { ReportFile, ReportFormat, ReportQuery, ServiceReport } from '../../shared/report';
import { useTransport } from '../api/context';
import { AccountingPopover } from '../components/AccountingPopover';
import { ReportDeploys } from '../components/report/ReportDeploys';
import { asApiError } from '../hooks/useApiQuery';
import { useEvent } from '../hooks/useEvent';
import { useMonitors } from '../hooks/useMonitors';
import { HistoryExport } from './ReportHistory';

const now = new Date();
const dur = (ms: number | null) => (ms === null ? '—' : formatDuration(ms));

/** A file the core wrote (text or base64) saved through the browser's download. */
export function download(f: ReportFile): void {
  const bytes =
    f.encoding === 'base64'
      ? Uint8Array.from(atob(f.content), (c) => c.charCodeAt(0))
      : new TextEncoder().encode(f.content);
  const url = URL.createObjectURL(new Blob([bytes], { type: f.mimeType }));
  const a = document.createElement('a');
  a.href = url;
  a.download = f.filename;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

function Progress({ label }: { label: string }) {
  const [p, setP] = useState<{ done: number; total: number } | null>(null);
  useEvent('reportProgress', (e) => e.stage.startsWith(label) && setP({ done: e.done, total: e.total }));
  if (!p || p.total === 0) return null;
  return <progress className="report-progress" max={p.total} value={p.done} aria-label={`${label} progress`} />;
}

/** The quarterly service report: choose the period and zone, read the figures, download HTML, CSV or PDF. */
export function ReportPage() {
  const transport = useTransport();
  const monitors = useMonitors();
  const formId = useId();
  const [period, setPeriod] = useState<'quarter' | 'month' | 'custom'>('quarter');
  const [year, setYear] = useState(now.getUTCFullYear());
  const [index, setIndex] = useState(Math.floor(now.getUTCMonth() / 3) + 1);
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [zone, setZone] = useState('UTC');
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [report, setReport] = useState<ServiceReport | null>(null);

  function query(): ReportQuery {
    if (period === 'custom') return { period, from: Date.parse(from), to: Date.parse(to), zone };
    return { period, year, index, zone };
  }
  async function run<T>(what: string, f: () => Promise<T>): Promise<T | undefined> {
    setBusy(what);
    setError(null);
    try {
      return await f();
    } catch (err) {
      const e = asApiError(err);
      setError(e.issues?.length ? e.issues.map((i) => i.message).join('; ') : e.message);
      return undefined;
    } finally {
      setBusy(null);
    }
  }
  const build = () => run('report', async () => setReport(await transport.invoke('report.get', query())));
  const exportAs = (format: ReportFormat) =>
    run(format, async () => download(await transport.invoke('report.export', { query: query(), format })));

  return (
    <section className="report-page" aria-labelledby={`${formId}-title`}>
      <h2 id={`${formId}-title`}>Service report</h2>
      <form
        className="report-form card"
        onSubmit={(e) => {
          e.preventDefault();
          void build();
        }}
      >
        <label>
          Period{' '}
          <select value={period} onChange={(e) => setPeriod(e.target.value as typeof period)}>
            <option value="quarter">Quarter</option>
            <option value="month">Month</option>
            <option value="custom">Custom range</option>
          </select>
        </label>
        {period !== 'custom' ? (
          <>
            <label>
              Year{' '}
              <input
                type="number"
                min={2000}
                max={2200}
                value={year}
                onChange={(e) => setYear(Number(e.target.value))}
              />
            </label>
            <label>
              {period === 'quarter' ? 'Quarter' : 'Month'}{' '}
              <select value={index} onChange={(e) => setIndex(Number(e.target.value))}>
                {Array.from({ length: period === 'quarter' ? 4 : 12 }, (_, i) => (
                  <option key={i} value={i + 1}>
                    {period === 'quarter'
                      ? `Q${i + 1}`
                      : new Date(Date.UTC(2000, i, 1)).toLocaleString(undefined, { month: 'long', timeZone: 'UTC' })}
                  </option>
                ))}
              </select>
            </label>
          </>
        ) : (
          <>
            <label>
              From <input type="datetime-local" value={from} onChange={(e) => setFrom(e.target.value)} />
            </label>
            <label>
              To <input type="datetime-local" value={to} onChange={(e) => setTo(e.target.value)} />
            </label>
          </>
        )}
        <label>
          Time zone <input value={zone} onChange={(e) => setZone(e.target.value)} size={18} />
        </label>
        <button type="submit" className="btn btn--primary" disabled={busy !== null}>
          {busy === 'report' ? 'Building…' : 'Build report'}
        </button>
        {(['html', 'csv', 'pdf'] as const).map((f) => (
          <button key={f} type="button" className="btn" disabled={busy !== null} onClick={() => void exportAs(f)}>
            {busy === f ? `Writing ${f.toUpperCase()}…` : `Download ${f.toUpperCase()}`}
          </button>
        ))}
        {busy !== null && <Progress label="report" />}
      </form>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      {report && <ReportSummary report={report} />}
      <HistoryExport monitors={monitors.data ?? []} />
    </section>
  );
}

function ReportSummary({ report: r }: { report: ServiceReport }) {
  return (
    <article className="card" aria-label={r.title}>
      <h3>{r.title}</h3>
      {r.notes.map((n) => (
        <p key={n} className="muted">
          {n}
        </p>
      ))}
      {!r.empty && (
        <table className="report-table">
          <thead>
            <tr>
              <th>Service group / monitor</th>
              <th>Uptime</th>
              <th>Target</th>
              <th>Downtime</th>
              <th>Budget used</th>
              <th>Degraded</th>
              <th>Incidents</th>
              <th>MTTA</th>
              <th>MTTR</th>
            </tr>
          </thead>
          <tbody>
            {r.groups.map((g) => (
              <GroupRows key={g.group} report={r} group={g.group} />
            ))}
          </tbody>
        </table>
      )}
      {!r.empty && <ReportDeploys deploys={r.deploys} />}
      <AccountingPopover />
    </article>
  );
}

function GroupRows({ report, group }: { report: ServiceReport; group: string }) {
  const g = report.groups.find((x) => x.group === group)!;
  const used = (b: { allowedMs: number; spentMs: number }) =>
    b.allowedMs > 0 ? `${((b.spentMs / b.allowedMs) * 100).toFixed(1)}%` : '—';
  return (
    <>
      <tr className="report-table__group">
        <th scope="row">{g.group}</th>
        <td className={g.meetsTarget === false ? 'bad' : undefined}>{formatPercent(g.uptime.ratio, 3)}</td>
        <td>{formatPercent(g.target, 2)}</td>
        <td>{dur(g.uptime.downMs)}</td>
        <td>{used(g.budget)}</td>
        <td>{dur(g.uptime.degradedMs)}</td>
        <td>{g.incidents}</td>
        <td>{dur(g.mttaMs)}</td>
        <td>{dur(g.mttrMs)}</td>
      </tr>
      {report.monitors
        .filter((m) => m.group === group)
        .map((m) => (
          <tr key={m.monitorId}>
            <td>{m.name}</td>
            <td className={m.meetsTarget === false ? 'bad' : undefined}>{formatPercent(m.uptime.ratio, 3)}</td>
            <td>{formatPercent(m.target, 2)}</td>
            <td>{dur(m.uptime.downMs)}</td>
            <td>{used(m.budget)}</td>
            <td>{dur(m.uptime.degradedMs)}</td>
            <td>{m.incidents.length}</td>
            <td>{dur(m.mttaMs)}</td>
            <td>{dur(m.mttrMs)}</td>
          </tr>
        ))}
    </>
  );
}
