import type { AlertChannel } from '../../shared/channels';
import { useApiQuery, type QueryState } from './useApiQuery';

/** Alert channels (secrets masked), re-fetched when any window changes them. */
export function useChannels(): QueryState<AlertChannel[]> {
  return useApiQuery('channels.list', {});
}
