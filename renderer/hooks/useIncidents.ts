import type { IncidentPage } from '../../shared/incidents';
import { useApiQuery, type QueryState } from './useApiQuery';
import { useEvent } from './useEvent';

/** One page of incidents (open first, then recent), re-fetched when any incident changes. */
export function useIncidents(opts: { limit?: number; offset?: number; monitorId?: number } = {}): QueryState<IncidentPage> {
  const { limit = 50, offset = 0, monitorId } = opts;
  const query = useApiQuery(
    (t) => t.invoke('incidents.list', monitorId === undefined ? { limit, offset } : { limit, offset, monitorId }),
    [limit, offset, monitorId],
  );
  useEvent('incident', () => query.refetch());
  return query;
}
