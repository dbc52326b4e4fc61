import type { Draft, DraftSource } from '../../shared/drafts';
import { useApiQuery, type QueryState } from './useApiQuery';
import { useEvent } from './useEvent';

/** Saved drafts of one window or incident, newest first; none without a source. */
export function useDrafts(source: DraftSource | undefined): QueryState<Draft[]> {
  const key = source ? JSON.stringify(source) : '';
  const query = useApiQuery((t) => t.invoke('drafts.list', { source: source! }), [key], source !== undefined);
  useEvent('drafts', (e) => {
    if (source && e.reason !== 'template') query.refetch();
  });
  return query;
}
