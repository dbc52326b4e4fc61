import type { EventName, EventPayload } from '../../shared/api';

export type Listener<E extends EventName> = (payload: EventPayload<E>) => void;

/** Typed fan-out of core events to whichever transports are attached. */
export interface EventBus {
  emit<E extends EventName>(event: E, payload: EventPayload<E>): void;
  on<E extends EventName>(event: E, listener: Listener<E>): () => void;
  /** Every event, for transports that forward all of them. */
  onAny(listener: (event: EventName, payload: unknown) => void): () => void;
}

export function createEventBus(): EventBus {
  const listeners = new Map<EventName, Set<(p: unknown) => void>>();
  const any = new Set<(event: EventName, payload: unknown) => void>();
  return {
    emit(event, payload) {
      for (const l of listeners.get(event) ?? []) l(payload);
      for (const l of any) l(event, payload);
    },
    on(event, listener) {
      let set = listeners.get(event);
      if (!set) listeners.set(event, (set = new Set()));
      const l = listener as (p: unknown) => void;
      set.add(l);
      return () => set.delete(l);
    },
    onAny(listener) {
      any.add(listener);
      return () => any.delete(listener);
    },
  };
}
