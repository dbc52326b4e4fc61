import { useState } from 'react';
import type { EventPayload, Output } from '../../shared/api';
import { useApiQuery, type QueryState } from './useApiQuery';
import { useEvent } from './useEvent';

/** Saved load checks and the configured limits. */
export function useLoadChecks(): { checks: QueryState<Output<'loadchecks.list'>>; limits: QueryState<Output<'loadchecks.limits'>> } {
  const checks = useApiQuery((t) => t.invoke('loadchecks.list', {}), []);
  const limits = useApiQuery((t) => t.invoke('loadchecks.limits', {}), []);
  return { checks, limits };
}

/** Checks to run before an upcoming peak event (re-read when a run ends). */
export function useLoadReminders(): QueryState<Output<'loadchecks.reminders'>> {
  const q = useApiQuery((t) => t.invoke('loadchecks.reminders', {}), []);
  useEvent('loadcheck', (p) => {
    if (p.state === 'ended') q.refetch();
  });
  return q;
}

/** Runs, newest first; re-read when a run ends. */
export function useLoadRuns(): QueryState<Output<'loadchecks.runs'>> {
  const q = useApiQuery((t) => t.invoke('loadchecks.runs', { limit: 20 }), []);
  useEvent('loadcheck', (p) => {
    if (p.state === 'ended') q.refetch();
  });
  return q;
}

/** The live figures of the run in progress (the `loadcheck` event). */
export function useLoadProgress(): EventPayload<'loadcheck'> | undefined {
  const [p, setP] = useState<EventPayload<'loadcheck'>>();
  useEvent('loadcheck', setP);
  return p;
}

/** Load check runs against this monitor's host in the range: bands on its chart. */
export function useLoadSpans(monitorId: number, from: number, to: number): Output<'loadchecks.spans'> {
  const q = useApiQuery((t) => t.invoke('loadchecks.spans', { monitorId, from, to }), [monitorId, from, to], to > from);
  useEvent('loadcheck', (p) => {
    if (p.state === 'ended') q.refetch();
  });
  return q.data ?? [];
}

/** Deploys, newest first (one monitor's and a range when given); re-read when one is recorded or judged. */
export function useDeploys(q: { monitorId?: number; from?: number; to?: number } = {}): QueryState<Output<'deploys.list'>> {
  const query = useApiQuery((t) => t.invoke('deploys.list', { ...q, limit: 200 }), [q.monitorId, q.from, q.to]);
  useEvent('deploy', () => query.refetch());
  return query;
}
