import { useId, useState } from 'react';
import type { ReportFormat, ServiceReport } from '../../shared/report';
import { useTransport } from '../api/context';
import { download } from '../components/report/download';
import { ReportPeriodFields, currentQuarter, toReportQuery } from '../components/report/ReportPeriodFields';
import { ReportProgress } from '../components/report/ReportProgress';
import { ReportSummary } from '../components/report/ReportSummary';
import { asApiError } from '../hooks/useApiQuery';
import { useMonitors } from '../hooks/useMonitors';
import { HistoryExport } from './ReportHistory';

// The form opens on the quarter the console was started in.
const now = new Date();

/** The quarterly service report: choose the period and zone, read the figures, download HTML, CSV or PDF. */
export function ReportPage() {
  const transport = useTransport();
  const monitors = useMonitors();
  const formId = useId();
  const [choice, setChoice] = useState(() => currentQuarter(now));
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [report, setReport] = useState<ServiceReport | null>(null);

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
  const build = () => run('report', async () => setReport(await transport.invoke('report.get', toReportQuery(choice))));
  const exportAs = (format: ReportFormat) =>
    run(format, async () =>
      download(await transport.invoke('report.export', { query: toReportQuery(choice), format })),
    );

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
        <ReportPeriodFields value={choice} onChange={setChoice} />
        <button type="submit" className="btn btn--primary" disabled={busy !== null}>
          {busy === 'report' ? 'Building…' : 'Build report'}
        </button>
        {(['html', 'csv', 'pdf'] as const).map((f) => (
          <button key={f} type="button" className="btn" disabled={busy !== null} onClick={() => void exportAs(f)}>
            {busy === f ? `Writing ${f.toUpperCase()}…` : `Download ${f.toUpperCase()}`}
          </button>
        ))}
        {busy !== null && <ReportProgress label="report" />}
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
