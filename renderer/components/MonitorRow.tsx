import type { Monitor } from '../../shared/monitor';
import type { ProbeResult } from '../../shared/result';
import { formatDateTime, formatLatency, formatTime, monitorTarget } from '../lib/format';
import { StatusBadge, type DisplayStatus } from './StatusBadge';

export function displayStatus(result: ProbeResult | undefined): DisplayStatus {
  return result ? result.status : 'pending';
}

interface Props {
  monitor: Monitor;
  result: ProbeResult | undefined;
  selected: boolean;
  onSelect: (id: number) => void;
}

export function MonitorRow({ monitor, result, selected, onSelect }: Props) {
  const status = displayStatus(result);
  const problem = result && result.status !== 'up' ? (result.message ?? result.errorCode) : undefined;
  return (
    <button
      type="button"
      className={`monitor-row monitor-row--${status}`}
      aria-current={selected ? 'true' : undefined}
      data-monitor-id={monitor.id}
      onClick={() => onSelect(monitor.id)}
    >
      <span className="monitor-row__status">
        <StatusBadge status={status} />
      </span>
      <span className="monitor-row__main">
        <span className="monitor-row__name">
          {monitor.name}
          {monitor.paused && <span className="tag"> Paused</span>}
        </span>
        <span className="monitor-row__url">{monitorTarget(monitor)}</span>
      </span>
      <span className="monitor-row__latency">
        <span className="sr-only">Latency </span>
        {formatLatency(result?.latencyMs)}
      </span>
      <span className="monitor-row__time">
        <span className="sr-only">Last checked </span>
        {result ? (
          <time dateTime={new Date(result.ts).toISOString()} title={formatDateTime(result.ts)}>
            {formatTime(result.ts)}
          </time>
        ) : (
          'Not yet'
        )}
      </span>
      {problem && <span className="monitor-row__error">{problem}</span>}
    </button>
  );
}
