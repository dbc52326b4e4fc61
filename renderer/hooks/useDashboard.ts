import type { Dashboard } from '../../shared/dashboard';
import { useEffect } from 'react';
import { useApiQuery, type QueryState } from './useApiQuery';

/** How often uptime and the 24 h strip are refreshed; latest status comes live from `result` events. */
export const DASHBOARD_REFRESH_MS = 60_000;

/** One `dashboard.get` for every monitor; refreshed when monitors change and every minute. */
export function useDashboard(): QueryState<Dashboard> {
  const query = useApiQuery('dashboard.get', {});
  const { refetch } = query;
  useEffect(() => {
    const timer = setInterval(refetch, DASHBOARD_REFRESH_MS);
    return () => clearInterval(timer);
  }, [refetch]);
  return query;
}
