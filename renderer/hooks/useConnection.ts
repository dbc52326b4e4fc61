import { useCallback, useSyncExternalStore } from 'react';
import { ALWAYS_OPEN, type ConnectionInfo } from '../api/connection';
import { useTransport } from '../api/context';

/** The transport's connection state; transports without one (IPC, test fakes) are always open. */
export function useConnection(): ConnectionInfo {
  const transport = useTransport();
  const subscribe = useCallback(
    (onChange: () => void) => transport.onConnectionChange?.(onChange) ?? (() => {}),
    [transport],
  );
  const snapshot = useCallback(() => transport.getConnection?.() ?? ALWAYS_OPEN, [transport]);
  return useSyncExternalStore(subscribe, snapshot, snapshot);
}

/**
 * A number that changes each time the connection comes back after a drop (not on the first open):
 * put it in a fetch's dependencies and the data is re-fetched after a reconnect.
 */
export function useReconnectEpoch(): number {
  return Math.max(1, useConnection().opens);
}
