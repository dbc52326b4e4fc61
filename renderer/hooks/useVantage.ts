import type { Output } from '../../shared/api';
import type { MonitorVantages } from '../../shared/vantage';
import { useMemo } from 'react';
import { useApiQuery, type QueryState } from './useApiQuery';
import { useEvent } from './useEvent';

/** The Prometheus source and every monitor's vantages; fetched again after each read of the source. */
export function useVantageStatus(): QueryState<Output<'vantage.status'>> {
  const query = useApiQuery((t) => t.invoke('vantage.status', {}), []);
  useEvent('vantage', () => query.refetch());
  useEvent('monitors', () => query.refetch());
  return query;
}

/** Monitor id -> its cross-vantage view, for the dashboard rows. */
export function useVantageByMonitor(): ReadonlyMap<number, MonitorVantages> {
  const { data } = useVantageStatus();
  return useMemo(() => new Map((data?.monitors ?? []).map((m) => [m.monitorId, m])), [data]);
}

/** One line per vantage over [from, to). */
export function useVantageSeries(monitorId: number, from: number, to: number): QueryState<Output<'vantage.series'>> {
  const key = `${Math.floor(from / 60_000)}-${Math.floor(to / 60_000)}`;
  const query = useApiQuery((t) => t.invoke('vantage.series', { monitorId, from: Math.floor(from), to: Math.ceil(to), maxPoints: 300 }), [monitorId, key], to > from);
  useEvent('vantage', () => query.refetch());
  return query;
}
