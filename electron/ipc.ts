import { METHOD_NAMES } from '../shared/api';
import { ApiError } from '../shared/errors';
import type { Dispatch, Envelope } from './core/dispatch';
import type { EventBus } from './core/events';

export const INVOKE_PREFIX = 'lookout:';
export const EVENT_CHANNEL = 'lookout:event';

/** The part of Electron's IpcMainInvokeEvent the trust check looks at. */
export interface InvokeEventLike {
  senderFrame: { url: string } | null;
}

/** Structural slice of `ipcMain`, so the adapter is tested under Node without Electron. */
export interface IpcMainLike {
  handle(channel: string, listener: (event: InvokeEventLike, ...args: unknown[]) => Promise<Envelope>): void;
  removeHandler(channel: string): void;
}

/**
 * The Electron transport: one `ipcMain.handle` per contract method. Input validation is the
 * dispatcher's (same as serve); this adapter adds the sender check, so a frame that is not our
 * own renderer (an injected iframe, a navigated-away page) is refused before anything runs.
 */
export function registerIpc(
  ipc: IpcMainLike,
  dispatch: Dispatch,
  isTrustedSender: (e: InvokeEventLike) => boolean,
): () => void {
  for (const name of METHOD_NAMES) {
    ipc.handle(INVOKE_PREFIX + name, async (event, input) => {
      if (!isTrustedSender(event)) {
        return { ok: false, error: new ApiError('unauthorized', `Refused ${name} from an untrusted frame`).toJSON() };
      }
      return dispatch(name, input);
    });
  }
  return () => {
    for (const name of METHOD_NAMES) ipc.removeHandler(INVOKE_PREFIX + name);
  };
}

/** Forwards every core event to the window as `{event, payload}` on one channel. */
export function forwardEvents(bus: EventBus, send: (channel: string, message: unknown) => void): () => void {
  return bus.onAny((event, payload) => send(EVENT_CHANNEL, { event, payload }));
}
