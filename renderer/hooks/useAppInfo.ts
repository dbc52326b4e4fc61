import type { AppInfo } from '../../shared/api';
import { useApiQuery, type QueryState } from './useApiQuery';

export function useAppInfo(): QueryState<AppInfo> {
  return useApiQuery('app.info', {});
}
