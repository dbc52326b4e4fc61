import { contextBridge, ipcRenderer } from 'electron';
import { isEventName, isMethodName } from '../shared/api';

// Sandboxed preload: exposes exactly `invoke` and `on`, never ipcRenderer itself, so the page can
// reach nothing but the contract's channels.
const listeners = new Map<string, Set<(payload: unknown) => void>>();

ipcRenderer.on('lookout:event', (_e, message: unknown) => {
  const { event, payload } = (message ?? {}) as { event?: unknown; payload?: unknown };
  if (typeof event !== 'string') return;
  for (const cb of listeners.get(event) ?? []) cb(payload);
});

contextBridge.exposeInMainWorld('lookout', {
  invoke(method: unknown, input: unknown): Promise<unknown> {
    if (!isMethodName(method)) {
      return Promise.resolve({
        ok: false,
        error: { code: 'unknown_method', message: `Unknown method ${String(method)}` },
      });
    }
    return ipcRenderer.invoke('lookout:' + method, input);
  },
  on(event: unknown, cb: unknown): () => void {
    if (!isEventName(event) || typeof cb !== 'function') return () => undefined;
    let set = listeners.get(event);
    if (!set) listeners.set(event, (set = new Set()));
    const fn = cb as (payload: unknown) => void;
    set.add(fn);
    return () => set.delete(fn);
  },
});
