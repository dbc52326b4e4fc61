import type { PeakEvent } from '../../shared/maintenance';
import { useApiQuery, type QueryState } from './useApiQuery';
import { useEvent } from './useEvent';

/** Declared peak events (live streams, submission deadlines). */
export function usePeaks(): QueryState<PeakEvent[]> {
  const query = useApiQuery((t) => t.invoke('peaks.list', {}), []);
  useEvent('maintenance', (e) => {
    if (e.reason === 'peak') query.refetch();
  });
  return query;
}
