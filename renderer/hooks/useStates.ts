import { useMemo, useState } from 'react';
import type { ApiError } from '../../shared/errors';
import type { MonitorState } from '../../shared/state';
import { useApiQuery } from './useApiQuery';
import { useEvent } from './useEvent';

export interface StatesState {
  /** monitorId → confirmed state (from state.list, then live `state` events). */
  data: Map<number, MonitorState>;
  error: ApiError | undefined;
  loading: boolean;
}

export function useStates(): StatesState {
  const query = useApiQuery('state.list', {});
  const [live, setLive] = useState<ReadonlyMap<number, MonitorState>>(() => new Map());
  useEvent('state', (s) => setLive((prev) => new Map(prev).set(s.monitorId, s)));

  const data = useMemo(() => {
    const map = new Map<number, MonitorState>();
    for (const s of query.data ?? []) map.set(s.monitorId, s);
    for (const [id, s] of live) map.set(id, s);
    return map;
  }, [query.data, live]);
  return { data, error: query.error, loading: query.loading };
}
