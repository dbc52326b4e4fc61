import { useEffect, useState } from 'react';
import type { Series } from '../../shared/result';
import type { ApiError } from '../../shared/errors';
import { useTransport } from '../api/context';
import { mergeResultIntoSeries } from '../lib/series';
import { asApiError } from './useApiQuery';
import { useReconnectEpoch } from './useConnection';
import { useEvent } from './useEvent';

export const SERIES_MAX_POINTS = 300;

export interface SeriesState {
  /** The series of the requested monitor and range; never another monitor's. */
  data: Series | undefined;
  error: ApiError | undefined;
  loading: boolean;
}

/**
 * Latency/status buckets of one monitor over the last `rangeMs`, kept live from `result` events.
 * Pass `null` for no monitor.
 */
export function useSeries(monitorId: number | null, rangeMs: number): SeriesState {
  const transport = useTransport();
  const epoch = useReconnectEpoch();
  const [state, setState] = useState<SeriesState & { key: string }>({
    key: '',
    data: undefined,
    error: undefined,
    loading: monitorId !== null,
  });
  const key = `${monitorId}:${rangeMs}`;

  useEffect(() => {
    if (monitorId === null) {
      setState({ key, data: undefined, error: undefined, loading: false });
      return;
    }
    let current = true;
    setState((s) => (s.key === key ? { ...s, loading: true } : { key, data: undefined, error: undefined, loading: true }));
    const to = Date.now();
    const from = Math.max(0, to - rangeMs);
    transport.invoke('series.get', { monitorId, from, to, maxPoints: SERIES_MAX_POINTS }).then(
      (data) => {
        if (current) setState({ key, data, error: undefined, loading: false });
      },
      (err: unknown) => {
        if (current) setState((s) => ({ ...s, key, error: asApiError(err), loading: false }));
      },
    );
    return () => {
      current = false;
    };
  }, [transport, monitorId, rangeMs, epoch, key]);

  useEvent('result', (r) => {
    if (r.monitorId !== monitorId) return;
    setState((s) => (s.key === key && s.data ? { ...s, data: mergeResultIntoSeries(s.data, r) } : s));
  });

  if (state.key !== key) return { data: undefined, error: undefined, loading: monitorId !== null };
  return { data: state.data, error: state.error, loading: state.loading };
}
