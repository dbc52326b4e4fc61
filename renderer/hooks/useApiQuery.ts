import { useCallback } from 'react';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Input, MethodName, Output } from '../../shared/api';
import { useTransport } from '../api/context';
import { freshUntilEvent, staleAfterMutation } from '../api/invalidation';
import { ApiError } from '../../shared/errors';

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
 * One Api call through the shared cache, keyed by method and input: every view asking the same
 * question shares one request and one answer. Events make answers stale (api/invalidation.ts),
 * as does a reconnect. Pass `enabled: false` to skip (e.g. nothing selected).
 */
export function useApiQuery<K extends MethodName>(method: K, input: Input<K>, enabled = true): QueryState<Output<K>> {
  const transport = useTransport();
  const query = useQuery<Output<K>, ApiError>({
    queryKey: [method, input],
    queryFn: () => transport.invoke(method, input).catch((err: unknown) => Promise.reject(asApiError(err))),
    enabled,
    staleTime: freshUntilEvent(method) ? Infinity : 0,
    // A new input (range, page, source) keeps showing the last answer until its own arrives.
    placeholderData: keepPreviousData,
  });
  const { refetch } = query;
  const again = useCallback(() => void refetch(), [refetch]);
  return { data: query.data, error: query.error ?? undefined, loading: query.isFetching, refetch: again };
}

export interface MutationState<K extends MethodName> {
  /** Calls the method; resolves to its answer, or undefined when it failed (the error is in `error`). */
  run: (input: Input<K>) => Promise<Output<K> | undefined>;
  busy: boolean;
  error: ApiError | undefined;
  /** The last successful answer. */
  data: Output<K> | undefined;
  reset: () => void;
}

/**
 * One Api call that changes something, with its busy / error state; on success it invalidates
 * what the method changes (api/invalidation.ts), plus `invalidates` when a view knows more.
 * `onError` receives the failure (e.g. to put the contract's issues at their fields).
 */
export function useApiMutation<K extends MethodName>(
  method: K,
  opts: { invalidates?: readonly MethodName[]; onError?: (err: ApiError) => void } = {},
): MutationState<K> {
  const transport = useTransport();
  const client = useQueryClient();
  const mutation = useMutation<Output<K>, ApiError, Input<K>>({
    mutationFn: (input) => transport.invoke(method, input).catch((err: unknown) => Promise.reject(asApiError(err))),
    onSuccess: () => {
      for (const m of new Set([...staleAfterMutation(method), ...(opts.invalidates ?? [])]))
        void client.invalidateQueries({ queryKey: [m] });
    },
    // Field-level issues are placed by the view (`issues[].path`), not only shown as one line.
    onError: (err) => opts.onError?.(err),
  });
  const { mutateAsync, reset } = mutation;
  const run = useCallback((input: Input<K>) => mutateAsync(input).catch(() => undefined), [mutateAsync]);
  return { run, busy: mutation.isPending, error: mutation.error ?? undefined, data: mutation.data, reset };
}
