import type { ClientTransport } from './connection';
import { createIpcTransport } from './ipc-transport';
import { createWsTransport, wsUrlFromLocation } from './ws-transport';

/** Electron's preload exposes `window.lookout`; anywhere else we were served by `lookout serve`. */
export function createTransport(): ClientTransport {
  if (window.lookout) return createIpcTransport(window.lookout);
  return createWsTransport({ url: wsUrlFromLocation(window.location) });
}
