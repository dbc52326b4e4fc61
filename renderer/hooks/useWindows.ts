import type { MaintenanceWindow } from '../../shared/maintenance';
import { useApiQuery, type QueryState } from './useApiQuery';
import { useEvent } from './useEvent';

/** Every maintenance window, re-fetched when the core says windows changed. */
export function useWindows(): QueryState<MaintenanceWindow[]> {
  const query = useApiQuery((t) => t.invoke('windows.list', {}), []);
  useEvent('maintenance', (e) => {
    if (e.reason === 'window' || e.reason === 'import') query.refetch();
  });
  return query;
}
