import { useEffect, useMemo, useState } from 'react';
import { IncidentCard } from '../components/incidents/IncidentCard';
import { useIncidents } from '../hooks/useIncidents';
import { useMonitors } from '../hooks/useMonitors';

const PAGE = 20;
const OPERATOR_KEY = 'lookout.operator';

interface Props {
  /** Jump to a monitor's chart around a time (the incident's start). */
  onOpenMonitor: (monitorId: number, ts: number) => void;
  /** Incident to bring into view (from an alert link, `#/incidents?id=`). */
  highlightId?: number | undefined;
}

/** Open incidents first, then the most recent; acknowledge, add notes, jump to the chart. */
export function Incidents({ onOpenMonitor, highlightId }: Props) {
  const [offset, setOffset] = useState(0);
  const page = useIncidents({ limit: PAGE, offset });
  const monitors = useMonitors();
  const names = useMemo(() => new Map((monitors.data ?? []).map((m) => [m.id, m.name])), [monitors.data]);
  const [operator, setOperator] = useState(() => localStorage.getItem(OPERATOR_KEY) ?? '');
  useEffect(() => localStorage.setItem(OPERATOR_KEY, operator), [operator]);

  const items = page.data?.items ?? [];
  const total = page.data?.total ?? 0;
  const openCount = items.filter((i) => i.endedAt === null).length;

  useEffect(() => {
    if (highlightId !== undefined) document.querySelector(`[data-incident-id="${highlightId}"]`)?.scrollIntoView({ block: 'center' });
  }, [highlightId, items.length]);

  return (
    <section className="incidents" aria-labelledby="incidents-title">
      <header className="incidents__head">
        <h2 id="incidents-title">Incidents</h2>
        <p className="muted" aria-live="polite">
          {page.loading && !page.data ? 'Loading…' : `${openCount} open on this page · ${total} in all`}
        </p>
        <label className="field">
          Acknowledge as{' '}
          <input value={operator} maxLength={80} placeholder="Your name" onChange={(e) => setOperator(e.target.value)} />
        </label>
      </header>
      {page.error && (
        <p className="banner banner--warning" role="alert">
          {page.error.message}
        </p>
      )}
      {page.data && items.length === 0 && <p className="muted">No incidents. A monitor that is confirmed down opens one.</p>}
      <div className="incidents__list">
        {items.map((i) => (
          <IncidentCard
            key={i.id}
            incident={i}
            monitorName={names.get(i.monitorId) ?? `Monitor ${i.monitorId}`}
            highlighted={i.id === highlightId}
            operator={operator.trim()}
            onOpenMonitor={onOpenMonitor}
          />
        ))}
      </div>
      {total > PAGE && (
        <nav className="incidents__pager" aria-label="Incident pages">
          <button type="button" className="btn" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - PAGE))}>
            Newer
          </button>
          <span className="muted">
            {offset + 1}–{Math.min(total, offset + PAGE)} of {total}
          </span>
          <button type="button" className="btn" disabled={offset + PAGE >= total} onClick={() => setOffset(offset + PAGE)}>
            Older
          </button>
        </nav>
      )}
    </section>
  );
}
