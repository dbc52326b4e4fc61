import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import path from 'node:path';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import { WsRequest } from '../../shared/api';
import type { Dispatch } from '../core/dispatch';
import type { EventBus } from '../core/events';
import { allowedOrigins, hasToken, hostAllowed, newToken, TOKEN_COOKIE } from './auth';
import { readStatic } from './static';
import { createMetricsEndpoint, METRICS_PATH } from '../core/metrics/endpoint';
import { DEPLOY_PATH, handleDeployPost } from './deploy-endpoint';

export interface ServeOptions {
  dispatch: Dispatch;
  bus: EventBus;
  rendererDir: string;
  port?: number;
  token?: string;
}

export interface Served {
  readonly url: string;
  port: number;
  readonly token: string;
  /** Switches to a new token: every socket and cookie holding the old one is refused from now on. */
  setToken(token: string): void;
  close(): Promise<void>;
}

/** A client that cannot keep up gets events dropped rather than growing our memory without bound. */
const MAX_BUFFERED_EVENTS_BYTES = 4 * 1024 * 1024;

/** Headless transport: the built renderer over HTTP and the Api over one WebSocket, loopback only. */
export async function startServer(opts: ServeOptions): Promise<Served> {
  let token = opts.token ?? newToken();
  const rendererDir = path.resolve(opts.rendererDir);
  const wss = new WebSocketServer({ noServer: true, maxPayload: 1024 * 1024 });
  const sockets = new Set<WebSocket>();
  const metrics = createMetricsEndpoint({ dispatch: opts.dispatch, bus: opts.bus });
  let port = 0;

  const server = createServer((req, res) => {
    void handleHttp(req, res);
  });

  async function handleHttp(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (!hostAllowed(req, port)) return plain(res, 421, 'Lookout answers only as 127.0.0.1 or localhost.');
    // Lookout's own metrics for a local Prometheus: opt-in, the token as bearer or basic password.
    if (url.pathname === METRICS_PATH) return metrics.handle(req, res, token);
    // Deploy markers from a release pipeline: the token in a header, never the page's cookie.
    if (url.pathname === DEPLOY_PATH) return handleDeployPost(req, res, url, token, opts.dispatch);
    if (!hasToken(req, url, token)) {
      return plain(res, 401, 'Lookout needs the token: open the full URL that Lookout printed when it started.');
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return plain(res, 405, 'Method not allowed');
    const file = await readStatic(rendererDir, url.pathname);
    if (!file) return plain(res, 404, 'Not found');
    const headers: Record<string, string | string[]> = {
      'content-type': file.type,
      'content-security-policy': csp(port),
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
      'cross-origin-opener-policy': 'same-origin',
      'cache-control': file.type.startsWith('text/html') ? 'no-store' : 'private, max-age=3600',
    };
    if (url.searchParams.has('token')) {
      headers['set-cookie'] = `${TOKEN_COOKIE}=${token}; Path=/; HttpOnly; SameSite=Strict`;
    }
    res.writeHead(200, headers);
    res.end(req.method === 'HEAD' ? undefined : file.body);
  }

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const refuse = (status: number, text: string) => {
      socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
    };
    if (url.pathname !== '/ws' || !hostAllowed(req, port)) return refuse(404, 'Not Found');
    if (!hasToken(req, url, token)) return refuse(401, 'Unauthorized');
    // Browsers always send Origin on WebSocket handshakes: a page from any other site is refused.
    if (!allowedOrigins(port).includes(req.headers.origin ?? '')) return refuse(403, 'Forbidden');
    wss.handleUpgrade(req, socket, head, (ws) => attach(ws));
  });

  function attach(ws: WebSocket): void {
    sockets.add(ws);
    ws.on('close', () => sockets.delete(ws));
    ws.on('error', () => ws.terminate());
    ws.on('message', (data, isBinary) => {
      void answer(ws, isBinary ? null : rawText(data));
    });
  }

  async function answer(ws: WebSocket, raw: string | null): Promise<void> {
    let msg: unknown;
    try {
      msg = raw === null ? undefined : JSON.parse(raw);
    } catch {
      msg = undefined;
    }
    const req = WsRequest.safeParse(msg);
    if (!req.success) {
      send(ws, {
        id: null,
        error: { code: 'invalid_input', message: 'Malformed request: expected {id, method, input}' },
      });
      return;
    }
    const out = await opts.dispatch(req.data.method, req.data.input);
    send(ws, out.ok ? { id: req.data.id, result: out.result } : { id: req.data.id, error: out.error });
  }

  const offBus = opts.bus.onAny((event, payload) => {
    const text = JSON.stringify({ event, payload });
    for (const ws of sockets) {
      if (ws.readyState === ws.OPEN && ws.bufferedAmount < MAX_BUFFERED_EVENTS_BYTES) ws.send(text);
    }
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const addr = server.address();
  port = typeof addr === 'object' && addr ? addr.port : 0;

  return {
    get url() {
      return `http://127.0.0.1:${port}/?token=${token}`;
    },
    port,
    get token() {
      return token;
    },
    setToken(next) {
      token = next;
      // Open tabs authenticated with the old token: closed, and their reconnects are refused. Not at
      // once: the tab that asked for the rotation must still get its answer (the new URL) first.
      const holding = [...sockets];
      setTimeout(() => {
        for (const ws of holding) ws.close(4001, 'token rotated');
      }, 250).unref();
    },
    async close() {
      offBus();
      metrics.close();
      for (const ws of sockets) ws.terminate();
      wss.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function send(ws: WebSocket, msg: unknown): void {
  if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(msg));
}

function plain(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', 'x-content-type-options': 'nosniff' });
  res.end(text + '\n');
}

export function csp(port: number): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    `connect-src 'self' ws://127.0.0.1:${port} ws://localhost:${port}`,
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** A text frame's payload as a string (ws hands it over as one buffer, fragments or an ArrayBuffer). */
function rawText(data: RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  return Buffer.isBuffer(data) ? data.toString('utf8') : Buffer.from(data).toString('utf8');
}
