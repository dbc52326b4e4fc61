import { useEffect, useMemo, useState } from 'react';
import { IncidentCard } from '../components/incidents/IncidentCard';
import { DegradedList } from '../components/incidents/DegradedList';
import { OperatorNamePrompt } from '../components/incidents/OperatorNamePrompt';
import { useAcknowledge } from '../hooks/useAcknowledge';
import { routeHref } from '../lib/route';
import { useIncidents } from '../hooks/useIncidents';
import { useMonitors } from '../hooks/useMonitors';

const PAGE = 20;

interface Props {
  /** Jump to a monitor's chart around an incident (its start and end; null while open, absent for a moment). */
  onOpenMonitor: (monitorId: number, startedAt: number, endedAt?: number | null) => void;
  /** Incident to bring into view (from an alert link, `#/incidents?id=`). */
  highlightId?: number | undefined;
}

/** Open incidents first, then the most recent; acknowledge, add notes, jump to the chart. */
export function Incidents({ onOpenMonitor, highlightId }: Props) {
  const [offset, setOffset] = useState(0);
  const page = useIncidents({ limit: PAGE, offset });
  const monitors = useMonitors();
  const names = useMemo(() => new Map((monitors.data ?? []).map((m) => [m.id, m.name])), [monitors.data]);
  const ack = useAcknowledge();
  // Degraded stretches are listed here too, under their own filter (they count as up, but are on record).
  const [show, setShow] = useState<'incidents' | 'degraded'>('incidents');

  const items = page.data?.items ?? [];
  const total = page.data?.total ?? 0;
  const openCount = items.filter((i) => i.endedAt === null).length;
  const unacknowledged = items.filter((i) => i.endedAt === null && i.acknowledgedBy === null).map((i) => i.id);

  useEffect(() => {
    if (highlightId !== undefined)
      document.querySelector(`[data-incident-id="${highlightId}"]`)?.scrollIntoView({ block: 'center' });
  }, [highlightId, items.length]);

  return (
    <section className="incidents" aria-labelledby="incidents-title">
      <header className="incidents__head">
        <h2 id="incidents-title">Incidents</h2>
        <div className="segmented" role="group" aria-label="Show">
          <button type="button" aria-pressed={show === 'incidents'} onClick={() => setShow('incidents')}>
            Incidents
          </button>
          <button type="button" aria-pressed={show === 'degraded'} onClick={() => setShow('degraded')}>
            Degraded stretches
          </button>
        </div>
        <p className="muted" aria-live="polite">
          {page.loading && !page.data ? 'Loading…' : `${openCount} open on this page · ${total} in all`}
        </p>
        <div className="incidents__ack">
          {unacknowledged.length > 0 && (
            <button
              type="button"
              className="btn"
              disabled={ack.busy}
              onClick={() => void ack.acknowledge(unacknowledged).then(() => page.refetch())}
            >
              Acknowledge all open ({unacknowledged.length})
            </button>
          )}
          {ack.name && (
            <span className="muted">
              Acknowledging as <strong>{ack.name}</strong> · <a href={routeHref('settings')}>change</a>
            </span>
          )}
        </div>
      </header>
      <OperatorNamePrompt ack={ack} />
      {ack.error && ack.asking.length === 0 && (
        <p className="form-error" role="alert">
          {ack.error}
        </p>
      )}
      {page.error && (
        <p className="banner banner--warning" role="alert">
          {page.error.message}
        </p>
      )}
      {page.data && items.length === 0 && (
        <p className="muted">No incidents. A monitor that is confirmed down opens one.</p>
      )}
      {show === 'degraded' && <DegradedList names={names} onOpenMonitor={onOpenMonitor} />}
      <div className="incidents__list" hidden={show === 'degraded'}>
        {items.map((i) => (
          <IncidentCard
            key={i.id}
            incident={i}
            monitorName={names.get(i.monitorId) ?? `Monitor ${i.monitorId}`}
            highlighted={i.id === highlightId}
            ack={ack}
            onOpenMonitor={onOpenMonitor}
          />
        ))}
      </div>
      {total > PAGE && show === 'incidents' && (
        <nav className="incidents__pager" aria-label="Incident pages">
          <button
            type="button"
            className="btn"
            disabled={offset === 0}
            onClick={() => setOffset(Math.max(0, offset - PAGE))}
          >
            Newer
          </button>
          <span className="muted">
            {offset + 1}–{Math.min(total, offset + PAGE)} of {total}
          </span>
          <button
            type="button"
            className="btn"
            disabled={offset + PAGE >= total}
            onClick={() => setOffset(offset + PAGE)}
          >
            Older
          </button>
        </nav>
      )}
    </section>
  );
}
