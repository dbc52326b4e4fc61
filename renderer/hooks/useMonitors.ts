import type { Monitor } from '../../shared/monitor';
import { useApiQuery, type QueryState } from './useApiQuery';

/** The monitor list, shared by every view and invalidated by the `monitors` event. */
export function useMonitors(): QueryState<Monitor[]> {
  return useApiQuery('monitors.list', {});
}
