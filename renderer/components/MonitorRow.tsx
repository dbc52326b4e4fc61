import { memo } from 'react';
import { formatTarget, formatUptime, uptimeSentence } from '../../shared/dashboard';
import type { ProbeResult } from '../../shared/result';
import type { DashboardItem } from '../lib/dashboard';
import { formatDateTime, formatLatency, formatTime } from '../lib/format';
import { monitorTarget } from './kinds';
import { FlappingMarker } from './FlappingMarker';
import { StatusBadge, type DisplayStatus } from './StatusBadge';
import { StatusStrip } from './StatusStrip';

export function displayStatus(result: ProbeResult | undefined): DisplayStatus {
  return result ? result.status : 'pending';
}

interface Props {
  item: DashboardItem;
  selected: boolean;
  onOpen: (id: number) => void;
}

/** Percent for the row: "99.95%", "—" without data. */
function pct(r: number | null | undefined): string {
  return formatUptime(r ?? null);
}

export const MonitorRow = memo(function MonitorRow({ item, selected, onOpen }: Props) {
  const { monitor, row, latest, status } = item;
  const problem = latest && latest.status !== 'up' ? (latest.message ?? latest.errorCode) : undefined;
  return (
    <button
      type="button"
      className={`monitor-row monitor-row--${status}`}
      aria-current={selected ? 'true' : undefined}
      data-monitor-id={monitor.id}
      onClick={() => onOpen(monitor.id)}
    >
      <span className="monitor-row__status">
        <StatusBadge status={status} />
      </span>
      <span className="monitor-row__main">
        <span className="monitor-row__name">
          {monitor.name}
          {item.inMaintenance && <span className="tag tag--maintenance"> In maintenance</span>}
          <FlappingMarker flapping={item.flapping} />
        </span>
        <span className="monitor-row__url">{monitorTarget(monitor)}</span>
      </span>
      <span className="monitor-row__latency">
        <span className="sr-only">Latency </span>
        {formatLatency(latest?.latencyMs)}
        <span className="monitor-row__time">
          <span className="sr-only">, checked </span>
          {latest ? (
            <time dateTime={new Date(latest.ts).toISOString()} title={formatDateTime(latest.ts)}>
              {formatTime(latest.ts)}
            </time>
          ) : (
            'Not yet'
          )}
        </span>
      </span>
      <span className="monitor-row__strip">
        {row ? <StatusStrip spark={row.spark} /> : <span className="muted">…</span>}
      </span>
      <span className="monitor-row__uptime">
        <span className="uptime-cell" title={row ? `24 h: ${uptimeSentence(row.uptime.d1)}` : undefined}>
          <span className="uptime-cell__label">24 h</span> {pct(row?.uptime.d1.ratio)}
        </span>
        <span className="uptime-cell" title={row ? `7 d: ${uptimeSentence(row.uptime.d7)}` : undefined}>
          <span className="uptime-cell__label">7 d</span> {pct(row?.uptime.d7.ratio)}
        </span>
        <span className="uptime-cell" title={row ? `30 d: ${uptimeSentence(row.uptime.d30)}` : undefined}>
          <span className="uptime-cell__label">30 d</span> {pct(row?.uptime.d30.ratio)}
        </span>
      </span>
      <span className="monitor-row__slo">
        <span className="uptime-cell__label">SLO</span> {row ? formatTarget(row.sloTarget) : '—'}
      </span>
      {problem && <span className="monitor-row__error">{problem}</span>}
    </button>
  );
});
