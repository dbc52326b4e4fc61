import type { AlertChannel } from '../../shared/channels';
import { useApiQuery, type QueryState } from './useApiQuery';
import { useEvent } from './useEvent';

/** Alert channels (secrets masked), re-fetched when any window changes them. */
export function useChannels(): QueryState<AlertChannel[]> {
  const query = useApiQuery((t) => t.invoke('channels.list', {}), []);
  useEvent('channels', () => query.refetch());
  return query;
}
