import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import { QueryClientProvider, type QueryClient } from '@tanstack/react-query';
import type { ClientTransport } from './connection';
import { createQueryClient, syncQueryCache } from './query-client';

const TransportContext = createContext<ClientTransport | null>(null);

/**
 * The transport and the query cache kept true to it. The root passes its one client; a provider
 * without one (tests) makes its own, so each rendered tree has a fresh cache.
 */
export function TransportProvider({
  transport,
  queryClient,
  children,
}: {
  transport: ClientTransport;
  queryClient?: QueryClient;
  children: ReactNode;
}) {
  const [ownClient] = useState(() => queryClient ?? createQueryClient());
  const client = queryClient ?? ownClient;
  useEffect(() => syncQueryCache(client, transport), [client, transport]);
  return (
    <TransportContext.Provider value={transport}>
      <QueryClientProvider client={client}>{children}</QueryClientProvider>
    </TransportContext.Provider>
  );
}

export function useTransport(): ClientTransport {
  const t = useContext(TransportContext);
  if (!t) throw new Error('useTransport() outside <TransportProvider>');
  return t;
}
