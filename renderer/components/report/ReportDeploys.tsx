import type { ReportDeploys as Deploys } from '../../../shared/report';
import { formatDateTime } from '../../lib/format';

/** The deployment-frequency KPI on the report page: the same figures as the HTML / PDF report. */
export function ReportDeploys({ deploys }: { deploys: Deploys }) {
  if (deploys.services.length === 0) return <p className="muted">No deploys were recorded in this range.</p>;
  return (
    <>
      <table className="report-table" aria-label="Deploys per service">
        <thead>
          <tr>
            <th>Service</th>
            <th>Deploys</th>
            <th>Regressions</th>
          </tr>
        </thead>
        <tbody>
          {deploys.services.map((s) => (
            <tr key={s.group}>
              <th scope="row">{s.group}</th>
              <td>{s.deploys}</td>
              <td className={s.regressions > 0 ? 'bad' : undefined}>{s.regressions}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {deploys.regressions.length > 0 && (
        <ul aria-label="Regressions after a deploy">
          {deploys.regressions.map((d) => (
            <li key={d.id}>
              {formatDateTime(d.at)} · {d.group ?? 'monitors'} {d.version}
              {d.note ? ` — ${d.note}` : ''}: regression
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
