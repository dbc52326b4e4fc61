import type { Incident, IncidentPage } from '../../shared/incidents';
import { useApiQuery, type QueryState } from './useApiQuery';

/** One page of incidents (open first, then recent), re-fetched when any incident changes. */
export function useIncidents(
  opts: { limit?: number; offset?: number; monitorId?: number } = {},
): QueryState<IncidentPage> {
  const { limit = 50, offset = 0, monitorId } = opts;
  return useApiQuery('incidents.list', monitorId === undefined ? { limit, offset } : { limit, offset, monitorId });
}

/** One incident by number (`enabled: false` to skip), re-fetched when any incident changes. */
export function useIncident(id: number, enabled = true): QueryState<Incident> {
  return useApiQuery('incidents.get', { id }, enabled);
}
