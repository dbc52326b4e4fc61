import type { EventName, EventPayload, Input, MethodName, Output } from '../../shared/api';
import { ApiError } from '../../shared/errors';
import type { ClientTransport, ConnectionInfo } from './connection';
import { toApiError } from './wire';

/**
 * The serve-mode transport: one WebSocket to `/ws?token=…`, JSON `{id, method, input}` requests,
 * `{id, result}` / `{id, error}` responses and `{event, payload}` pushes.
 *
 * - Reconnects on its own with exponential backoff (250 ms doubling to 5 s).
 * - A call made while disconnected waits for the connection, at most `waitForConnectionMs`.
 * - Calls in flight on a socket that drops are rejected (the server may or may not have run them).
 * - Event listeners belong to the transport, not to a socket, so they survive reconnects.
 */
export interface WsTransportOptions {
  url: string;
  /** Injected in tests; defaults to the global WebSocket. */
  WebSocketImpl?: new (url: string) => WebSocket;
  minBackoffMs?: number;
  maxBackoffMs?: number;
  waitForConnectionMs?: number;
  /** Where the backoff and wait timers are set; tests pass a fake clock. Defaults to the page's timers. */
  timers?: Timers;
}

/** The two timer calls the transport makes (the core's Clock fits, as does the page's). */
export interface Timers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const pageTimers: Timers = {
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export interface WsTransport extends ClientTransport {
  getConnection(): ConnectionInfo;
  onConnectionChange(listener: () => void): () => void;
  /** Closes the socket for good (no reconnect); pending calls reject. */
  close(): void;
}

type Pending = {
  resolve: (value: unknown) => void;
  reject: (err: ApiError) => void;
};

type Queued = Pending & { id: number; method: string; input: unknown; timer: unknown };

const OPEN = 1; // WebSocket.OPEN, without depending on the global in tests

export function createWsTransport(options: WsTransportOptions): WsTransport {
  const WS = options.WebSocketImpl ?? WebSocket;
  const minBackoff = options.minBackoffMs ?? 250;
  const maxBackoff = options.maxBackoffMs ?? 5000;
  const waitMs = options.waitForConnectionMs ?? 10_000;
  const timers = options.timers ?? pageTimers;

  let socket: WebSocket | null = null;
  let connection: ConnectionInfo = { state: 'connecting', opens: 0 };
  let attempt = 0;
  let retryTimer: unknown = null;
  let disposed = false;
  let nextId = 1;

  const inflight = new Map<number, Pending>();
  const queue = new Map<number, Queued>();
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  const connectionListeners = new Set<() => void>();

  function setConnection(next: ConnectionInfo): void {
    if (next.state === connection.state && next.opens === connection.opens) return;
    connection = next;
    for (const l of [...connectionListeners]) l();
  }

  function connect(): void {
    if (disposed) return;
    retryTimer = null;
    setConnection({ state: 'connecting', opens: connection.opens });
    let ws: WebSocket;
    try {
      ws = new WS(options.url);
    } catch {
      scheduleReconnect();
      return;
    }
    socket = ws;
    ws.onopen = () => {
      if (socket !== ws) return;
      attempt = 0;
      setConnection({ state: 'open', opens: connection.opens + 1 });
      for (const q of [...queue.values()]) {
        timers.clearTimeout(q.timer);
        queue.delete(q.id);
        send(ws, q.id, q.method, q.input, q);
      }
    };
    ws.onmessage = (ev: MessageEvent) => {
      if (socket !== ws) return;
      onMessage(ev.data);
    };
    ws.onclose = () => {
      if (socket !== ws) return;
      socket = null;
      dropInflight('Connection to Lookout lost');
      if (disposed) return;
      setConnection({ state: 'closed', opens: connection.opens });
      scheduleReconnect();
    };
    // An error is always followed by close; nothing to do here.
    ws.onerror = () => {};
  }

  function scheduleReconnect(): void {
    if (disposed || retryTimer !== null) return;
    const delay = Math.min(maxBackoff, minBackoff * 2 ** attempt);
    attempt++;
    retryTimer = timers.setTimeout(connect, delay);
  }

  function dropInflight(message: string): void {
    const err = new ApiError('internal', message);
    for (const [id, p] of [...inflight]) {
      inflight.delete(id);
      p.reject(err);
    }
  }

  function send(ws: WebSocket, id: number, method: string, input: unknown, p: Pending): void {
    inflight.set(id, p);
    try {
      ws.send(JSON.stringify({ id, method, input: input === undefined ? {} : input }));
    } catch {
      inflight.delete(id);
      p.reject(new ApiError('internal', 'Connection to Lookout lost'));
    }
  }

  function onMessage(data: unknown): void {
    if (typeof data !== 'string') return;
    let msg: unknown;
    try {
      msg = JSON.parse(data);
    } catch {
      return;
    }
    if (!msg || typeof msg !== 'object') return;
    const m = msg as { id?: unknown; result?: unknown; error?: unknown; event?: unknown; payload?: unknown };
    if (typeof m.id === 'number') {
      const p = inflight.get(m.id);
      if (!p) return;
      inflight.delete(m.id);
      if ('error' in m && m.error !== undefined) p.reject(toApiError(m.error));
      else p.resolve(m.result);
      return;
    }
    if (typeof m.event === 'string') {
      for (const l of [...(listeners.get(m.event) ?? [])]) {
        try {
          l(m.payload);
        } catch (err) {
          // One broken listener must not starve the others.
          queueMicrotask(() => {
            throw err;
          });
        }
      }
    }
  }

  function onlineAgain(): void {
    // The OS says the network is back: do not sit out the rest of a 5 s backoff.
    if (retryTimer !== null && !disposed) {
      timers.clearTimeout(retryTimer);
      retryTimer = null;
      attempt = 0;
      connect();
    }
  }
  if (typeof window !== 'undefined' && typeof window.addEventListener === 'function') {
    window.addEventListener('online', onlineAgain);
  }

  connect();

  return {
    invoke<K extends MethodName>(method: K, input: Input<K>): Promise<Output<K>> {
      return new Promise<Output<K>>((resolve, reject) => {
        const id = nextId++;
        const p: Pending = { resolve: resolve as (v: unknown) => void, reject };
        if (disposed) {
          reject(new ApiError('internal', 'Not connected to Lookout'));
          return;
        }
        if (socket && socket.readyState === OPEN && connection.state === 'open') {
          send(socket, id, method, input, p);
          return;
        }
        const timer = timers.setTimeout(() => {
          queue.delete(id);
          reject(new ApiError('internal', 'Not connected to Lookout'));
        }, waitMs);
        queue.set(id, { ...p, id, method, input, timer });
      });
    },
    on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void {
      let set = listeners.get(event);
      if (!set) listeners.set(event, (set = new Set()));
      const l = listener as (payload: unknown) => void;
      set.add(l);
      return () => {
        set.delete(l);
      };
    },
    getConnection: () => connection,
    onConnectionChange(listener) {
      connectionListeners.add(listener);
      return () => {
        connectionListeners.delete(listener);
      };
    },
    close() {
      disposed = true;
      if (retryTimer !== null) timers.clearTimeout(retryTimer);
      retryTimer = null;
      if (typeof window !== 'undefined' && typeof window.removeEventListener === 'function') {
        window.removeEventListener('online', onlineAgain);
      }
      for (const q of [...queue.values()]) {
        timers.clearTimeout(q.timer);
        q.reject(new ApiError('internal', 'Not connected to Lookout'));
      }
      queue.clear();
      const ws = socket;
      socket = null;
      dropInflight('Connection to Lookout closed');
      ws?.close();
      setConnection({ state: 'closed', opens: connection.opens });
    },
  };
}

/** `ws://host/ws?token=…` for the page this renderer was served from. */
export function wsUrlFromLocation(loc: Pick<Location, 'protocol' | 'host' | 'search'>): string {
  const token = new URLSearchParams(loc.search).get('token') ?? '';
  const scheme = loc.protocol === 'https:' ? 'wss' : 'ws';
  return `${scheme}://${loc.host}/ws?token=${encodeURIComponent(token)}`;
}
