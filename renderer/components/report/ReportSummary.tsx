import { formatBudgetUsed, formatDuration, formatTarget, formatUptime } from '../../../shared/dashboard';
import type { ServiceReport } from '../../../shared/report';
import { AccountingPopover } from '../AccountingPopover';
import { ReportDeploys } from './ReportDeploys';

const dur = (ms: number | null) => (ms === null ? '—' : formatDuration(ms));

/** A built report: its notes, one table of groups with their monitors beneath, and the deploys. */
export function ReportSummary({ report: r }: { report: ServiceReport }) {
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
  return (
    <>
      <tr className="report-table__group">
        <th scope="row">{g.group}</th>
        <td className={g.meetsTarget === false ? 'bad' : undefined}>{formatUptime(g.uptime.ratio)}</td>
        <td>{formatTarget(g.target)}</td>
        <td>{dur(g.uptime.downMs)}</td>
        <td>{formatBudgetUsed(g.budget)}</td>
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
            <td className={m.meetsTarget === false ? 'bad' : undefined}>{formatUptime(m.uptime.ratio)}</td>
            <td>{formatTarget(m.target)}</td>
            <td>{dur(m.uptime.downMs)}</td>
            <td>{formatBudgetUsed(m.budget)}</td>
            <td>{dur(m.uptime.degradedMs)}</td>
            <td>{m.incidents.length}</td>
            <td>{dur(m.mttaMs)}</td>
            <td>{dur(m.mttrMs)}</td>
          </tr>
        ))}
    </>
  );
}
