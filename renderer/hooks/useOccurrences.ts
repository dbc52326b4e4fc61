import type { Output } from '../../shared/api';
import { useApiQuery, type QueryState } from './useApiQuery';
import { useEvent } from './useEvent';

/** Window occurrences (with state) and peak occurrences overlapping [from, to); live on any maintenance change. */
export function useOccurrences(from: number, to: number, monitorId?: number): QueryState<Output<'occurrences.list'>> {
  const query = useApiQuery((t) => t.invoke('occurrences.list', monitorId === undefined ? { from, to } : { from, to, monitorId }), [from, to, monitorId]);
  useEvent('maintenance', () => query.refetch());
  return query;
}
