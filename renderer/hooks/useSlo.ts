import type { SloPeriod, SloReport } from '../../shared/dashboard';
import { useApiQuery, type QueryState } from './useApiQuery';

/** SLO report of one monitor (or a group); `period` undefined = the period from settings. */
export function useSlo(scope: { monitorId: number } | { group: string }, period?: SloPeriod): QueryState<SloReport> {
  return useApiQuery('slo.get', { ...scope, ...(period ? { period } : {}) });
}
