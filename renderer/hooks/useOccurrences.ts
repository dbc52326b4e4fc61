import type { Output } from '../../shared/api';
import { useApiQuery, type QueryState } from './useApiQuery';

/** Window occurrences (with state) and peak occurrences overlapping [from, to); live on any maintenance change. */
export function useOccurrences(from: number, to: number, monitorId?: number): QueryState<Output<'occurrences.list'>> {
  return useApiQuery('occurrences.list', monitorId === undefined ? { from, to } : { from, to, monitorId });
}
