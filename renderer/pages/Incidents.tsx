import { useEffect, useMemo, useState } from 'react';
import { IncidentCard } from '../components/incidents/IncidentCard';
import { LinkedIncident } from '../components/incidents/LinkedIncident';
import { DegradedList } from '../components/incidents/DegradedList';
import { OperatorNamePrompt } from '../components/incidents/OperatorNamePrompt';
import { useAcknowledge } from '../hooks/useAcknowledge';
import { routeHref } from '../lib/route';
import { useIncident, useIncidents } from '../hooks/useIncidents';
import { useMonitors } from '../hooks/useMonitors';
import { useMethodControl } from '../hooks/useReviewMode';

const PAGE = 20;

interface Props {
  /** Jump to a monitor's chart around an incident (its start and end; null while open, absent for a moment). */
  onOpenMonitor: (monitorId: number, startedAt: number, endedAt?: number | null) => void;
  /** Incident to bring into view, as the link wrote it (from an alert link, `#/incidents?id=`). */
  highlightId?: string | undefined;
}

/** Open incidents first, then the most recent; acknowledge, add notes, jump to the chart. */
export function Incidents({ onOpenMonitor, highlightId }: Props) {
  const [offset, setOffset] = useState(0);
  const page = useIncidents({ limit: PAGE, offset });
  const monitors = useMonitors();
  const names = useMemo(() => new Map((monitors.data ?? []).map((m) => [m.id, m.name])), [monitors.data]);
  const ack = useAcknowledge();
  const control = useMethodControl();
  // Degraded stretches are listed here too, under their own filter (they count as up, but are on record).
  const [show, setShow] = useState<'incidents' | 'degraded'>('incidents');

  const items = page.data?.items ?? [];
  const total = page.data?.total ?? 0;
  const openCount = items.filter((i) => i.endedAt === null).length;
  const unacknowledged = items.filter((i) => i.endedAt === null && i.acknowledgedBy === null).map((i) => i.id);

  // A linked incident not on the page shown is fetched on its own and pinned above the list.
  const linkedId = highlightId === undefined ? undefined : incidentNumber(highlightId);
  const onPage = linkedId !== undefined && items.some((i) => i.id === linkedId);
  const pinned = highlightId !== undefined && page.data !== undefined && !onPage;
  const linked = useIncident(linkedId ?? 0, pinned && linkedId !== undefined);

  useEffect(() => {
    if (linkedId !== undefined)
      document.querySelector(`[data-incident-id="${linkedId}"]`)?.scrollIntoView({ block: 'center' });
  }, [linkedId, items.length, onPage, linked.data?.id]);

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
              onClick={() => void ack.acknowledge(unacknowledged).then(() => page.refetch())}
              {...control('incidents.acknowledge', { disabled: ack.busy })}
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
      {pinned && show === 'incidents' && (
        <LinkedIncident
          requested={highlightId ?? ''}
          linked={linkedId === undefined ? undefined : linked}
          monitorName={(id) => names.get(id) ?? `Monitor ${id}`}
          ack={ack}
          onOpenMonitor={onOpenMonitor}
        />
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
            highlighted={i.id === linkedId}
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

/** The incident number a link names, or undefined when it names none (`?id=abc`). */
function incidentNumber(raw: string): number | undefined {
  const n = Number(raw);
  return /^\d+$/.test(raw.trim()) && Number.isSafeInteger(n) && n > 0 ? n : undefined;
}
