import { useEffect, useState } from 'react';
import type { MonitorState } from '../../shared/state';
import { useApiQuery } from './useApiQuery';
import { useEvent } from './useEvent';

/**
 * Feeds the console shows but other parts of the core own (confirmed state, connectivity guard,
 * next maintenance). Each degrades to "not known" when its method fails or is missing, so the
 * dashboard never breaks because one of them does.
 */

/** Confirmed state per monitor (`state.list` + `state` events); empty map when unavailable. */
export function useMonitorStates(): ReadonlyMap<number, MonitorState> {
  const query = useApiQuery('state.list', {});
  const [pushed, setPushed] = useState<ReadonlyMap<number, MonitorState>>(() => new Map());
  useEvent('state', (s) => setPushed((prev) => new Map(prev).set(s.monitorId, s)));
  const map = new Map<number, MonitorState>();
  for (const s of query.data ?? []) map.set(s.monitorId, s);
  for (const [id, s] of pushed) map.set(id, s);
  return map;
}

/**
 * Whether the console itself can see the network: the connectivity guard's verdict when the core
 * has one, else the browser's own online flag.
 */
export function useConsoleOnline(): { online: boolean; source: 'guard' | 'browser' } {
  const query = useApiQuery('connectivity.status', {});
  const [pushed, setPushed] = useState<boolean | undefined>(undefined);
  useEvent('connectivity', (c) => setPushed(c.enabled ? c.online : undefined));
  const [browser, setBrowser] = useState(() => (typeof navigator === 'undefined' ? true : navigator.onLine !== false));
  useEffect(() => {
    const on = () => setBrowser(true);
    const off = () => setBrowser(false);
    window.addEventListener('online', on);
    window.addEventListener('offline', off);
    return () => {
      window.removeEventListener('online', on);
      window.removeEventListener('offline', off);
    };
  }, []);
  const guard = pushed ?? (query.data?.enabled ? query.data.online : undefined);
  return guard === undefined ? { online: browser, source: 'browser' } : { online: guard, source: 'guard' };
}

/** The next maintenance occurrence (any monitor's, or one monitor's); null = none planned / unknown. */
export function useNextMaintenance(monitorId?: number): { title: string; start: number; end: number } | null {
  const query = useApiQuery('maintenance.next', monitorId ? { monitorId } : {});
  const o = query.data;
  return o ? { title: o.title, start: o.start, end: o.end } : null;
}
