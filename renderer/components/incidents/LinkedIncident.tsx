import type { Incident } from '../../../shared/incidents';
import type { AcknowledgeState } from '../../hooks/useAcknowledge';
import type { QueryState } from '../../hooks/useApiQuery';
import { IncidentCard } from './IncidentCard';

interface Props {
  /** What the link asked for, as written (`#/incidents?id=…`). */
  requested: string;
  /** The incident fetched on its own; undefined when the number is not a valid incident id. */
  linked: QueryState<Incident> | undefined;
  monitorName: (monitorId: number) => string;
  ack: AcknowledgeState;
  onOpenMonitor: (monitorId: number, startedAt: number, endedAt: number | null) => void;
}

/**
 * The incident a link points to when it is not on the page of the list being shown (older than
 * the newest page): pinned above the list, so the link lands on it and the list keeps its place.
 * A link to an incident that no longer exists says so instead of leaving the list to explain.
 */
export function LinkedIncident({ requested, linked, monitorName, ack, onOpenMonitor }: Props) {
  if (!linked)
    return (
      <p className="banner banner--warning" role="alert" data-linked-incident="invalid">
        The link asks for incident “{requested}”, which is not an incident number.
      </p>
    );
  if (linked.error)
    return (
      <p className="banner banner--warning" role="alert" data-linked-incident="missing">
        {linked.error.code === 'not_found'
          ? `Incident #${requested} does not exist: it may have been deleted with its monitor. The list below is every incident there is.`
          : `Incident #${requested} could not be loaded: ${linked.error.message}`}
      </p>
    );
  if (!linked.data) return <p className="muted">Loading incident #{requested}…</p>;
  return (
    <section className="incidents__linked" aria-label="Linked incident">
      <h3 className="incidents__linked-title">
        Linked incident <span className="muted">(not on this page of the list)</span>
      </h3>
      <IncidentCard
        incident={linked.data}
        monitorName={monitorName(linked.data.monitorId)}
        highlighted
        ack={ack}
        onOpenMonitor={onOpenMonitor}
      />
    </section>
  );
}
