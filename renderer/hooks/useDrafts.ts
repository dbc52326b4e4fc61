import type { Draft, DraftSource } from '../../shared/drafts';
import { useApiQuery, type QueryState } from './useApiQuery';

/** Saved drafts of one window or incident, newest first; none without a source. */
export function useDrafts(source: DraftSource | undefined): QueryState<Draft[]> {
  return useApiQuery('drafts.list', { source: source! }, source !== undefined);
}
