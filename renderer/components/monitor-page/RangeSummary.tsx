import { formatDuration, formatUptime } from '../../../shared/dashboard';
import type { Output } from '../../../shared/api';
import { AccountingPopover, accountingLine } from '../AccountingPopover';
import type { IncidentMark } from '../LatencyChart';
import { StatusBadge } from '../StatusBadge';
import { formatDateTime } from '../../lib/format';
import { routeHref } from '../../lib/route';

interface Props {
  label: string;
  counts: Record<'up' | 'degraded' | 'down' | 'unknown', number>;
  uptime: Output<'uptime.get'> | undefined;
  maintenanceMinutes: number;
  marks: readonly IncidentMark[];
}

/** Under the chart: probe results by status, the range's uptime and its accounting, maintenance, incidents. */
export function RangeSummary({ label, counts, uptime, maintenanceMinutes, marks }: Props) {
  return (
    <>
      <ul className="counts" aria-label={`Probe results in the ${label}`}>
        {(['up', 'degraded', 'down', 'unknown'] as const).map((s) => (
          <li key={s} className={`counts__item counts__item--${s}`} data-status={s}>
            <StatusBadge status={s} />
            <span className="counts__value">{counts[s]}</span>
          </li>
        ))}
      </ul>
      {uptime && (
        <div className="range-uptime" aria-label={`Uptime in the ${label}`}>
          <p>
            <strong>{formatUptime(uptime.ratio)}</strong> uptime in the {label}: {accountingLine(uptime)}
          </p>
          <AccountingPopover figures={uptime} />
        </div>
      )}
      {maintenanceMinutes > 0 && (
        <p className="muted small">
          {formatDuration(maintenanceMinutes * 60_000)} of planned maintenance in this range, excluded from uptime.
        </p>
      )}
      {marks.length > 0 && (
        <div className="incident-list">
          <h4>Incidents in this range</h4>
          <ul>
            {marks.map((m) => (
              <li key={m.id}>
                <a href={routeHref('incidents', { params: { id: m.id } })} className="incident-link">
                  Incident {m.id}: {formatDateTime(m.startedAt)}
                  {m.endedAt ? `, ${formatDuration(m.endedAt - m.startedAt)}` : ', still open'}
                </a>
              </li>
            ))}
          </ul>
        </div>
      )}
    </>
  );
}
