import type { Output } from '../../shared/api';
import type { MonitorVantages } from '../../shared/vantage';
import { useMemo } from 'react';
import { useApiQuery, type QueryState } from './useApiQuery';

/** The Prometheus source and every monitor's vantages; fetched again after each read of the source. */
export function useVantageStatus(): QueryState<Output<'vantage.status'>> {
  return useApiQuery('vantage.status', {});
}

/** Monitor id -> its cross-vantage view, for the dashboard rows. */
export function useVantageByMonitor(): ReadonlyMap<number, MonitorVantages> {
  const { data } = useVantageStatus();
  return useMemo(() => new Map((data?.monitors ?? []).map((m) => [m.monitorId, m])), [data]);
}

/** One line per vantage over [from, to). */
export function useVantageSeries(monitorId: number, from: number, to: number): QueryState<Output<'vantage.series'>> {
  const key = `${Math.floor(from / 60_000)}-${Math.floor(to / 60_000)}`;
  // The range moves by whole minutes, not with every render of a sliding chart.
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const span = useMemo(() => ({ from: Math.floor(from), to: Math.ceil(to) }), [key]);
  return useApiQuery('vantage.series', { monitorId, ...span, maxPoints: 300 }, to > from);
}
