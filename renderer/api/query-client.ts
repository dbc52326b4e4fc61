import { QueryClient } from '@tanstack/react-query';
import type { ClientTransport } from './connection';
import { eventsWithRules, staleAfter } from './invalidation';

/**
 * The renderer's one query cache. Freshness comes from the core's events (see invalidation.ts),
 * not from window focus or timers, and a failed call is shown at once rather than retried.
 */
export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: { retry: false, refetchOnWindowFocus: false, refetchOnReconnect: false },
      mutations: { retry: false },
    },
  });
}

/**
 * Keeps `client` true to `transport`: each event invalidates the methods the map names, and a
 * connection that comes back after a drop invalidates everything (events were missed meanwhile).
 * Returns the unsubscribe.
 */
export function syncQueryCache(client: QueryClient, transport: ClientTransport): () => void {
  const offs = eventsWithRules().map((event) =>
    transport.on(event, (payload) => {
      for (const method of new Set(staleAfter(event, payload))) void client.invalidateQueries({ queryKey: [method] });
    }),
  );
  let opens = transport.getConnection?.().opens ?? 1;
  const offConnection = transport.onConnectionChange?.(() => {
    const now = transport.getConnection?.().opens ?? opens;
    if (now > opens) void client.invalidateQueries();
    opens = now;
  });
  return () => {
    for (const off of offs) off();
    offConnection?.();
  };
}
