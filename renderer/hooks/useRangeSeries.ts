import { useEffect, useState } from 'react';
import type { Series } from '../../shared/result';
import type { ApiError } from '../../shared/errors';
import { useTransport } from '../api/context';
import { mergeResultIntoSeries } from '../lib/series';
import { resolveRange, type ChartRange } from '../lib/ranges';
import { asApiError } from './useApiQuery';
import { useReconnectEpoch } from './useConnection';
import { useEvent } from './useEvent';

/** The core buckets every range to at most this many points per series. */
export const DETAIL_MAX_POINTS = 1000;

export interface RangeSeriesState {
  data: Series | undefined;
  error: ApiError | undefined;
  loading: boolean;
}

/**
 * Series (with p50 / p95 / p99 per point) of one monitor over a chart range. A live range slides
 * forward with every `result` event; fixed ranges are fetched once.
 */
export function useRangeSeries(monitorId: number, range: ChartRange): RangeSeriesState {
  const transport = useTransport();
  const epoch = useReconnectEpoch();
  const key = `${monitorId}:${range.kind === 'custom' ? `${range.from}-${range.to}` : range.key}`;
  const [state, setState] = useState<RangeSeriesState & { key: string }>({
    key: '',
    data: undefined,
    error: undefined,
    loading: true,
  });

  useEffect(() => {
    let current = true;
    setState((s) =>
      s.key === key ? { ...s, loading: true } : { key, data: undefined, error: undefined, loading: true },
    );
    const { from, to } = resolveRange(range, Date.now());
    transport.invoke('series.get', { monitorId, from, to, maxPoints: DETAIL_MAX_POINTS, percentiles: true }).then(
      (data) => current && setState({ key, data, error: undefined, loading: false }),
      (err: unknown) => current && setState((s) => ({ ...s, key, error: asApiError(err), loading: false })),
    );
    return () => {
      current = false;
    };
    // `range` is captured through `key`.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [transport, monitorId, key, epoch]);

  const live = range.kind === 'preset' && range.live;
  useEvent('result', (r) => {
    if (!live || r.monitorId !== monitorId) return;
    setState((s) => (s.key === key && s.data ? { ...s, data: mergeResultIntoSeries(s.data, r) } : s));
  });

  if (state.key !== key) return { data: undefined, error: undefined, loading: true };
  return { data: state.data, error: state.error, loading: state.loading };
}
