import type { Output } from '../../shared/api';
import type { MonitorVantages } from '../../shared/vantage';
import { useMemo } from 'react';
import { useApiQuery, type QueryState } from './useApiQuery';
import { useMinuteSpan } from './useMinuteSpan';

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
  // The range moves by whole minutes, not with every render of a sliding chart.
  const span = useMinuteSpan(from, to);
  return useApiQuery('vantage.series', { monitorId, ...span, maxPoints: 300 }, to > from);
}
