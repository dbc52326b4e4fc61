import { useEffect, useRef } from 'react';
import type { EventName, EventPayload } from '../../shared/api';
import { useTransport } from '../api/context';

/** Subscribes to one Api event for the component's lifetime; the latest callback is always used. */
export function useEvent<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): void {
  const transport = useTransport();
  const latest = useRef(listener);
  useEffect(() => {
    latest.current = listener;
  });
  useEffect(() => transport.on(event, (payload) => latest.current(payload)), [transport, event]);
}
