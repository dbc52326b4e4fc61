import { createContext, useContext, type ReactNode } from 'react';
import type { ClientTransport } from './connection';

const TransportContext = createContext<ClientTransport | null>(null);

export function TransportProvider({ transport, children }: { transport: ClientTransport; children: ReactNode }) {
  return <TransportContext.Provider value={transport}>{children}</TransportContext.Provider>;
}

export function useTransport(): ClientTransport {
  const t = useContext(TransportContext);
  if (!t) throw new Error('useTransport() outside <TransportProvider>');
  return t;
}
