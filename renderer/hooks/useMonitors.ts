import type { Monitor } from '../../shared/monitor';
import { useApiQuery, type QueryState } from './useApiQuery';
import { useEvent } from './useEvent';

/** The monitor list, re-fetched whenever the core says it changed. */
export function useMonitors(): QueryState<Monitor[]> {
  const query = useApiQuery((t) => t.invoke('monitors.list', {}), []);
  useEvent('monitors', () => query.refetch());
  return query;
}
