import { useEffect, useEffectEvent, useState } from 'react';
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
  // `fetched` names the request the state answers: loading until the current one's answer is in.
  const [state, setState] = useState<{ key: string; fetched: string; data?: Series; error?: ApiError }>({
    key: '',
    fetched: '',
  });
  const request = `${key}@${epoch}`;
  // The range is read when the fetch starts; it refetches when the range's key changes, not its object.
  const rangeNow = useEffectEvent(() => resolveRange(range, Date.now()));

  useEffect(() => {
    let current = true;
    const { from, to } = rangeNow();
    transport.invoke('series.get', { monitorId, from, to, maxPoints: DETAIL_MAX_POINTS, percentiles: true }).then(
      (data) => current && setState({ key, fetched: request, data, error: undefined }),
      (err: unknown) => current && setState((s) => ({ ...s, key, fetched: request, error: asApiError(err) })),
    );
    return () => {
      current = false;
    };
  }, [transport, monitorId, key, request]);

  const live = range.kind === 'preset' && range.live;
  useEvent('result', (r) => {
    if (!live || r.monitorId !== monitorId) return;
    setState((s) => (s.key === key && s.data ? { ...s, data: mergeResultIntoSeries(s.data, r) } : s));
  });

  if (state.key !== key) return { data: undefined, error: undefined, loading: true };
  return { data: state.data, error: state.error, loading: state.fetched !== request };
}
