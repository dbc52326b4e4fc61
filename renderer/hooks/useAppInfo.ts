import type { AppInfo } from '../../shared/api';
import { useApiQuery, type QueryState } from './useApiQuery';

export function useAppInfo(): QueryState<AppInfo> {
  return useApiQuery((t) => t.invoke('app.info', {}), []);
}
