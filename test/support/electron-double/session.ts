// Part of the Electron test double (../electron-double.ts): `session`, its headers hook and permission handlers.
import { EventEmitter } from './emitter';

type Listener = (...args: unknown[]) => unknown;

export class DoubleSession extends EventEmitter {
  readonly partition: string;
  headersHook:
    | ((
        details: { url: string; responseHeaders: Record<string, string[]> },
        cb: (r: { responseHeaders?: Record<string, string[]>; cancel?: boolean }) => void,
      ) => void)
    | undefined;
  beforeRequestHook: Listener | undefined;
  permissionRequest: ((wc: unknown, permission: string, cb: (ok: boolean) => void) => void) | undefined;
  permissionCheck: ((wc: unknown, permission: string) => boolean) | undefined;
  readonly webRequest = {
    onHeadersReceived: (fn: DoubleSession['headersHook']) => {
      this.headersHook = fn;
    },
    onBeforeRequest: (fn: Listener) => {
      this.beforeRequestHook = fn;
    },
  };
  constructor(partition: string) {
    super();
    this.partition = partition;
  }
  setPermissionRequestHandler(fn: DoubleSession['permissionRequest']) {
    this.permissionRequest = fn;
  }
  setPermissionCheckHandler(fn: DoubleSession['permissionCheck']) {
    this.permissionCheck = fn;
  }
  clearStorageData() {
    return Promise.resolve();
  }
  clearCache() {
    return Promise.resolve();
  }
  /** Helper: the headers a response would reach the page with, after our hook. */
  respond(url: string, responseHeaders: Record<string, string[]> = {}): Record<string, string[]> {
    let out = responseHeaders;
    this.headersHook?.({ url, responseHeaders }, (r) => {
      out = r.responseHeaders ?? responseHeaders;
    });
    return out;
  }
  /** Helper: whether the page would be granted a permission it asks for. */
  requestPermission(permission: string): boolean {
    let granted = false;
    if (!this.permissionRequest) return true; // Electron's default grants
    this.permissionRequest({}, permission, (ok) => {
      granted = ok;
    });
    return granted;
  }
}

export function createSessions() {
  const sessions = new Map<string, DoubleSession>();
  const defaultSession = new DoubleSession('');
  const session = {
    defaultSession,
    fromPartition(partition: string, _opts?: { cache?: boolean }) {
      let s = sessions.get(partition);
      if (!s) sessions.set(partition, (s = new DoubleSession(partition)));
      return s;
    },
  };
  return { defaultSession, session };
}
