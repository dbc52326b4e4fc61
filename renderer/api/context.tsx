import { createContext, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { QueryClientProvider, type QueryClient } from '@tanstack/react-query';
import type { AppInfo, MethodName } from '../../shared/api';
import type { ClientTransport } from './connection';
import { createQueryClient, syncQueryCache } from './query-client';
import { APP_INFO_KEY, guardReview, isReadOnly } from './review-guard';

const TransportContext = createContext<ClientTransport | null>(null);

/**
 * The transport and the query cache kept true to it. The root passes its one client; a provider
 * without one (tests) makes its own, so each rendered tree has a fresh cache. Views get the
 * transport behind the review guard (review-guard.ts): in review mode, known from the cached
 * `app.info`, a mutating call fails before it leaves the renderer (`onRefused` hears of it).
 */
export function TransportProvider({
  transport,
  queryClient,
  onRefused,
  children,
}: {
  transport: ClientTransport;
  queryClient?: QueryClient;
  onRefused?: (method: MethodName) => void;
  children: ReactNode;
}) {
  const [ownClient] = useState(() => queryClient ?? createQueryClient());
  const client = queryClient ?? ownClient;
  useEffect(() => syncQueryCache(client, transport), [client, transport]);
  const guarded = useMemo(
    () => guardReview(transport, () => isReadOnly(client.getQueryData<AppInfo>(APP_INFO_KEY)), onRefused),
    [client, transport, onRefused],
  );
  return (
    <TransportContext.Provider value={guarded}>
      <QueryClientProvider client={client}>{children}</QueryClientProvider>
    </TransportContext.Provider>
  );
}

export function useTransport(): ClientTransport {
  const t = useContext(TransportContext);
  if (!t) throw new Error('useTransport() outside <TransportProvider>');
  return t;
}
