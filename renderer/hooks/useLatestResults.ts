import { useMemo, useState } from 'react';
import type { ProbeResult } from '../../shared/result';
import type { ApiError } from '../../shared/errors';
import { useApiQuery } from './useApiQuery';
import { useEvent } from './useEvent';

export interface LatestResultsState {
  /** monitorId → newest result seen, from the initial fetch or a live `result` event. */
  data: Map<number, ProbeResult>;
  error: ApiError | undefined;
  loading: boolean;
}

export function useLatestResults(): LatestResultsState {
  const query = useApiQuery('results.latest', {});
  // Results pushed since mount; an event that beats the fetch's answer is not lost.
  const [live, setLive] = useState<ReadonlyMap<number, ProbeResult>>(() => new Map());

  useEvent('result', (r) => {
    setLive((prev) => {
      const had = prev.get(r.monitorId);
      if (had && had.ts > r.ts) return prev;
      const next = new Map(prev);
      next.set(r.monitorId, r);
      return next;
    });
  });

  const data = useMemo(() => {
    const map = new Map<number, ProbeResult>();
    for (const r of query.data ?? []) map.set(r.monitorId, r);
    for (const [id, r] of live) {
      const had = map.get(id);
      if (!had || r.ts >= had.ts) map.set(id, r);
    }
    return map;
  }, [query.data, live]);

  return { data, error: query.error, loading: query.loading };
}
