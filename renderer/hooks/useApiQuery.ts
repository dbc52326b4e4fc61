import { useCallback, useEffect, useState, type DependencyList } from 'react';
import type { ClientTransport } from '../api/connection';
import { useTransport } from '../api/context';
import { ApiError } from '../../shared/errors';
import { useReconnectEpoch } from './useConnection';

export interface QueryState<T> {
  data: T | undefined;
  error: ApiError | undefined;
  /** True while a request is out; `data` keeps the previous answer meanwhile. */
  loading: boolean;
  refetch: () => void;
}

export function asApiError(err: unknown): ApiError {
  if (err instanceof ApiError) return err;
  return new ApiError('internal', err instanceof Error ? err.message : String(err));
}

/**
 * Runs `fetcher` on mount, when `deps` change, on `refetch()`, and after the connection comes back.
 * Answers to superseded requests are dropped. Pass `enabled: false` to skip (e.g. nothing selected).
 */
export function useApiQuery<T>(
  fetcher: (transport: ClientTransport) => Promise<T>,
  deps: DependencyList,
  enabled = true,
): QueryState<T> {
  const transport = useTransport();
  const epoch = useReconnectEpoch();
  const [version, setVersion] = useState(0);
  const [state, setState] = useState<{ data: T | undefined; error: ApiError | undefined; loading: boolean }>({
    data: undefined,
    error: undefined,
    loading: enabled,
  });

  useEffect(() => {
    if (!enabled) {
      setState((s) => (s.loading ? { ...s, loading: false } : s));
      return;
    }
    let current = true;
    setState((s) => (s.loading ? s : { ...s, loading: true }));
    fetcher(transport).then(
      (data) => {
        if (current) setState({ data, error: undefined, loading: false });
      },
      (err: unknown) => {
        if (current) setState((s) => ({ data: s.data, error: asApiError(err), loading: false }));
      },
    );
    return () => {
      current = false;
    };
    // `fetcher` is expected to be an inline closure over `deps`.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [transport, epoch, version, enabled, ...deps]);

  const refetch = useCallback(() => setVersion((v) => v + 1), []);
  return { ...state, refetch };
}
