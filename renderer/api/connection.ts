import type { Transport } from '../../shared/api';

/** `connecting` while a socket is being opened, `open` when calls go through, `closed` while waiting to retry. */
export type ConnectionState = 'connecting' | 'open' | 'closed';

export interface ConnectionInfo {
  readonly state: ConnectionState;
  /** How many times the connection has opened; data is re-fetched when this grows past 1. */
  readonly opens: number;
}

/** Optional extra a transport may offer; a transport without it is treated as always open. */
export interface ConnectionSource {
  /** Must return the same object until the connection changes (used with useSyncExternalStore). */
  getConnection(): ConnectionInfo;
  onConnectionChange(listener: () => void): () => void;
}

export type ClientTransport = Transport & Partial<ConnectionSource>;

export const ALWAYS_OPEN: ConnectionInfo = Object.freeze({ state: 'open', opens: 1 });
