import type { Output } from '../../shared/api';
import { useApiQuery, type QueryState } from './useApiQuery';

/**
 * Maintenance and peak intervals of one monitor for chart shading, from the store's query (the
 * renderer never expands recurrences itself). Pass monitorId undefined to skip.
 */
export function useMaintenanceIntervals(
  monitorId: number | undefined,
  from: number,
  to: number,
): QueryState<Output<'maintenance.intervals'>> {
  const query = useApiQuery(
    'maintenance.intervals',
    { monitorId: monitorId!, from, to },
    monitorId !== undefined && to > from,
  );
  return query;
}
