import type { MaintenanceWindow } from '../../shared/maintenance';
import { useApiQuery, type QueryState } from './useApiQuery';

/** Every maintenance window, re-fetched when the core says windows changed. */
export function useWindows(): QueryState<MaintenanceWindow[]> {
  return useApiQuery('windows.list', {});
}
