import { useState } from 'react';
import type { EventPayload, Output } from '../../shared/api';
import { useApiQuery, type QueryState } from './useApiQuery';
import { useEvent } from './useEvent';
import type { LivePoint } from '../components/platform-checks/LoadLiveChart';

/** Saved load checks and the configured limits. */
export function useLoadChecks(): {
  checks: QueryState<Output<'loadchecks.list'>>;
  limits: QueryState<Output<'loadchecks.limits'>>;
} {
  const checks = useApiQuery('loadchecks.list', {});
  const limits = useApiQuery('loadchecks.limits', {});
  return { checks, limits };
}

/** Checks to run before an upcoming peak event (re-read when a run ends). */
export function useLoadReminders(): QueryState<Output<'loadchecks.reminders'>> {
  return useApiQuery('loadchecks.reminders', {});
}

/** Runs, newest first; re-read when a run ends. */
export function useLoadRuns(): QueryState<Output<'loadchecks.runs'>> {
  return useApiQuery('loadchecks.runs', { limit: 20 });
}

/** The live figures of the run in progress (the `loadcheck` event), and the run so far per half second for its chart. */
export function useLoadProgress(): { last: EventPayload<'loadcheck'> | undefined; history: LivePoint[] } {
  const [state, setState] = useState<{ last: EventPayload<'loadcheck'> | undefined; history: LivePoint[] }>({
    last: undefined,
    history: [],
  });
  useEvent('loadcheck', (p) =>
    setState((s) => {
      const same = s.last?.runId === p.runId;
      const point: LivePoint = {
        s: Math.round(p.elapsedMs / 100) / 10,
        rate: p.achievedRate,
        p95: p.latency.p95,
        errors: p.errorRatePct,
      };
      // Bounded: a 10-minute run at two points a second.
      return { last: p, history: [...(same ? s.history : []), point].slice(-1200) };
    }),
  );
  return state;
}

/** Load check runs against this monitor's host in the range: bands on its chart. */
export function useLoadSpans(monitorId: number, from: number, to: number): Output<'loadchecks.spans'> {
  const q = useApiQuery('loadchecks.spans', { monitorId, from, to }, to > from);
  return q.data ?? [];
}

/** Deploys, newest first (one monitor's and a range when given); re-read when one is recorded or judged. */
export function useDeploys(
  q: { monitorId?: number; from?: number; to?: number } = {},
): QueryState<Output<'deploys.list'>> {
  return useApiQuery('deploys.list', { ...q, limit: 200 });
}
