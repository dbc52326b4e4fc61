import { useState } from 'react';
import { formatDuration } from '../../../shared/dashboard';
import { useApiQuery } from '../../hooks/useApiQuery';
import { useEvent } from '../../hooks/useEvent';
import { formatDateTime, formatLatency } from '../../lib/format';

const DAY = 86_400_000;

/** Stretches of confirmed degraded state (slow answers, soft failures), newest first: reviewed after the fact. */
export function DegradedList({
  names,
  onOpenMonitor,
  days = 90,
}: {
  names: ReadonlyMap<number, string>;
  onOpenMonitor: (monitorId: number, ts: number) => void;
  days?: number;
}) {
  // The window ends a minute after "now", moved on when a monitor turns degraded.
  const [now, setNow] = useState(() => Date.now());
  const list = useApiQuery('degraded.list', { from: Math.max(0, now - days * DAY), to: now + 60_000, limit: 200 });
  useEvent('state', (s) => s.state === 'degraded' && setNow(Date.now()));
  if (list.error)
    return (
      <p className="banner banner--warning" role="alert">
        {list.error.message}
      </p>
    );
  if (!list.data) return <p className="muted">Loading…</p>;
  if (list.data.length === 0)
    return (
      <p className="muted">
        No degraded stretches in the last {days} days. A monitor confirmed slower than its threshold, or failing a soft
        check, records one.
      </p>
    );
  return (
    <ul className="incidents__list degraded-list" aria-label="Degraded stretches">
      {list.data.map((d) => (
        <li key={d.id} className="card incident-card" data-degraded-id={d.id}>
          <p>
            <span className="tag tag--degraded">{d.endedAt === null ? 'Degraded now' : 'Degraded'}</span>{' '}
            <strong>{names.get(d.monitorId) ?? `Monitor ${d.monitorId}`}</strong>: {formatDateTime(d.startedAt)},{' '}
            {formatDuration(d.durationMs)}
            {d.endedAt === null ? ' so far' : ''}
          </p>
          <p className="muted small">
            {d.reason ?? d.reasonCode ?? 'degraded'} · slowest answer {formatLatency(d.worstLatencyMs)} · {d.probes}{' '}
            probe{d.probes === 1 ? '' : 's'}{' '}
            <button type="button" className="btn btn--small" onClick={() => onOpenMonitor(d.monitorId, d.startedAt)}>
              Show on the chart
            </button>
          </p>
        </li>
      ))}
    </ul>
  );
}
