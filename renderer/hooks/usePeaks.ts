import type { PeakEvent } from '../../shared/maintenance';
import { useApiQuery, type QueryState } from './useApiQuery';

/** Declared peak events (live streams, submission deadlines). */
export function usePeaks(): QueryState<PeakEvent[]> {
  return useApiQuery('peaks.list', {});
}
