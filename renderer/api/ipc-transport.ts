import type { EventName, EventPayload, Input, MethodName, Output } from '../../shared/api';
import { ALWAYS_OPEN, type ClientTransport } from './connection';
import { toApiError } from './wire';

/** What electron/preload.ts exposes as `window.lookout`. */
export interface LookoutBridge {
  invoke(
    method: string,
    input: unknown,
  ): Promise<
    | { ok: true; result: unknown }
    | { ok: false; error: { code: string; message: string; issues?: { path: string; message: string }[] } }
  >;
  on(event: string, cb: (payload: unknown) => void): () => void;
}

declare global {
  interface Window {
    lookout?: LookoutBridge;
  }
}

/** The Electron transport: a thin unwrap of the preload bridge. IPC is in-process, so it is always open. */
export function createIpcTransport(bridge: LookoutBridge): ClientTransport {
  return {
    async invoke<K extends MethodName>(method: K, input: Input<K>): Promise<Output<K>> {
      const reply = await bridge.invoke(method, input);
      if (!reply.ok) throw toApiError(reply.error);
      return reply.result as Output<K>;
    },
    on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void {
      return bridge.on(event, listener as (payload: unknown) => void);
    },
    getConnection: () => ALWAYS_OPEN,
    onConnectionChange: () => () => {},
  };
}
