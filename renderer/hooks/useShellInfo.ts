import type { ShellInfo } from '../../shared/shell';
import { useApiQuery, type QueryState } from './useApiQuery';

export function useShellInfo(): QueryState<ShellInfo> {
  return useApiQuery('shell.info', {});
}
