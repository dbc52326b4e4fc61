/**
 * A fake platform on loopback with injectable faults: the tests drive incidents through it, and
 * `--demo` runs it so the console has something real to probe. Node built-ins only, no Electron.
 */
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { LiveStream } from './hls';
import { SubmissionApi } from './submissions';
import { Timers, afterUnlessGone, noop, pathOf, send } from './util';
import { handleWeb } from './web';

export type Target = 'web' | 'api' | 'hls';

export interface Fault {
  latencyMs?: number;
  status?: number;
  refuse?: boolean;
  hang?: boolean;
  /** web `/` only. */
  hugeBody?: boolean;
  /** web `/` only: the page answers this late while `/health` stays quick (a slow front end). */
  slowPageMs?: number;
  /** hls only. */
  stallPlaylist?: boolean;
  /** hls segments only. */
  slowSegmentMs?: number;
  /** hls media playlists: a well-formed playlist of 100,000 lines. */
  hugePlaylist?: boolean;
  /** hls master: lists itself as one of its variants. */
  selfReference?: boolean;
  /** hls media playlists: 200 with an HTML error page instead of a playlist. */
  malformedPlaylist?: boolean;
  /** hls media playlists carry this #EXT-X-DISCONTINUITY-SEQUENCE (set a lower one to make it go back). */
  discontinuitySequence?: number;
  /** hls: the media sequence restarts from 0 when this is first set (an origin restart). */
  sequenceReset?: boolean;
  /** api only. */
  dropSubmissions?: boolean;
  /** api `POST /api/submissions` only: answer with this status and accept nothing. */
  submitStatus?: number;
}

export interface Platform {
  host: '127.0.0.1';
  ports: Record<Target, number>;
  urls: {
    web: string;
    health: string;
    token: string;
    submit: string;
    confirm: (id: string) => string;
    hlsMaster: string;
    hlsMedia: (variant: string) => string;
  };
  setFault(target: Target, fault: Fault): void;
  clearFaults(target?: Target): void;
  faults(): Record<Target, Fault>;
  /**
   * Calls fn as each request reaches a target, before any fault applies; returns the unsubscribe.
   * Tests wait on arrival here instead of sleeping and hoping the request got there.
   */
  onRequest(fn: (arrival: Arrival) => void): () => void;
  /** Settles once the target accepts connections again (at once if it does now); never while refused. */
  listening(target: Target): Promise<void>;
  close(): Promise<void>;
}

export interface Arrival {
  target: Target;
  method: string;
  path: string;
}

export interface PlatformOptions {
  ports?: Partial<Record<Target, number>>;
  now?: () => number;
  segmentSeconds?: number;
}

const HOST = '127.0.0.1';
const TARGETS: readonly Target[] = ['web', 'api', 'hls'];
/** Short, so idle keep-alive sockets from probes do not pile up between checks. */
const KEEP_ALIVE_MS = 1000;
const RELISTEN_FIRST_RETRY_MS = 50;
const RELISTEN_MAX_RETRY_MS = 1000;

export async function startPlatform(opts: PlatformOptions = {}): Promise<Platform> {
  const now = opts.now ?? Date.now;
  const segmentSeconds = opts.segmentSeconds ?? 2;
  if (!(segmentSeconds > 0 && Number.isFinite(segmentSeconds)))
    throw new RangeError(`segmentSeconds must be > 0, got ${segmentSeconds}`);

  const timers = new Timers();
  const api = new SubmissionApi(now);
  const hls = new LiveStream(now, segmentSeconds, timers);
  let current: Record<Target, Fault> = { web: {}, api: {}, hls: {} };
  const arrivalListeners = new Set<(arrival: Arrival) => void>();

  const routes: Record<Target, (req: IncomingMessage, res: ServerResponse, f: Fault) => void> = {
    web: (req, res, f) => {
      const page = (): void => handleWeb(req, res, { queueDepth: () => api.queueDepth() }, f.hugeBody === true);
      if (f.slowPageMs && pathOf(req) === '/') afterUnlessGone(timers, res, f.slowPageMs, page);
      else page();
    },
    api: (req, res, f) => api.handle(req, res, f.dropSubmissions === true, f.submitStatus),
    hls: (req, res, f) => hls.handle(req, res, f),
  };

  // Generic faults come before routing, the way a broken proxy in front of the app would behave.
  const handlerFor =
    (target: Target) =>
    (req: IncomingMessage, res: ServerResponse): void => {
      for (const fn of arrivalListeners) fn({ target, method: req.method ?? 'GET', path: pathOf(req) });
      const fault = current[target];
      if (fault.hang) {
        // Read the request so the client believes it was delivered, then say nothing, ever.
        req.resume();
        return;
      }
      const answer = (): void => {
        if (fault.status !== undefined) {
          req.resume();
          return send(res, fault.status, `injected fault: HTTP ${fault.status}\n`, 'text/plain; charset=utf-8');
        }
        routes[target](req, res, fault);
      };
      if (fault.latencyMs) afterUnlessGone(timers, res, fault.latencyMs, answer);
      else answer();
    };

  const listeners = {} as Record<Target, Listener>;
  for (const t of TARGETS) listeners[t] = new Listener(opts.ports?.[t] ?? 0, handlerFor(t), timers);
  try {
    await Promise.all(TARGETS.map((t) => listeners[t].start()));
  } catch (err) {
    timers.clearAll();
    await Promise.all(TARGETS.map((t) => listeners[t].close()));
    throw err;
  }

  const ports = { web: listeners.web.port, api: listeners.api.port, hls: listeners.hls.port };
  const base = (t: Target): string => `http://${HOST}:${ports[t]}`;
  let closing: Promise<void> | null = null;

  const apply = (target: Target, fault: Fault): void => {
    if (closing) return;
    const prev = current[target];
    current = { ...current, [target]: { ...fault } };
    if (target === 'hls') {
      hls.setStalled(fault.stallPlaylist === true);
      hls.setReset(fault.sequenceReset === true);
    }
    if (fault.refuse && !prev.refuse) listeners[target].stop();
    else if (!fault.refuse && prev.refuse) listeners[target].resume();
  };

  return {
    host: HOST,
    ports,
    urls: {
      web: `${base('web')}/`,
      health: `${base('web')}/health`,
      token: `${base('api')}/api/token`,
      submit: `${base('api')}/api/submissions`,
      confirm: (id) => `${base('api')}/api/submissions/${encodeURIComponent(id)}`,
      hlsMaster: `${base('hls')}/live/master.m3u8`,
      hlsMedia: (variant) => `${base('hls')}/live/${encodeURIComponent(variant)}/index.m3u8`,
    },
    setFault(target, fault) {
      validate(fault);
      apply(target, fault);
    },
    clearFaults(target) {
      for (const t of target ? [target] : TARGETS) apply(t, {});
    },
    faults() {
      return { web: { ...current.web }, api: { ...current.api }, hls: { ...current.hls } };
    },
    onRequest(fn) {
      arrivalListeners.add(fn);
      return () => arrivalListeners.delete(fn);
    },
    listening(target) {
      return listeners[target].whenListening();
    },
    close() {
      closing ??= (async () => {
        timers.clearAll();
        await Promise.all(TARGETS.map((t) => listeners[t].close()));
      })();
      return closing;
    },
  };
}

/** A bad fault would otherwise surface later as a thrown writeHead inside a request handler. */
function validate(f: Fault): void {
  const nonNegative = (name: string, v: number | undefined): void => {
    if (v !== undefined && !(Number.isFinite(v) && v >= 0))
      throw new RangeError(`${name} must be a finite number >= 0, got ${v}`);
  };
  nonNegative('latencyMs', f.latencyMs);
  nonNegative('slowSegmentMs', f.slowSegmentMs);
  nonNegative('slowPageMs', f.slowPageMs);
  nonNegative('discontinuitySequence', f.discontinuitySequence);
  if (f.discontinuitySequence !== undefined && !Number.isInteger(f.discontinuitySequence)) {
    throw new RangeError(`discontinuitySequence must be an integer, got ${f.discontinuitySequence}`);
  }
  for (const [name, v] of [
    ['status', f.status],
    ['submitStatus', f.submitStatus],
  ] as const) {
    if (v !== undefined && !(Number.isInteger(v) && v >= 200 && v <= 599)) {
      throw new RangeError(`${name} must be an integer HTTP status 200-599, got ${v}`);
    }
  }
}

/**
 * One target's port. `refuse` needs the port to stop listening and later come back on the same
 * number, so each listen gets a fresh http.Server and the sockets are tracked across them.
 */
class Listener {
  readonly #sockets = new Set<Socket>();
  /** One per server ever created, settled once it has emitted 'close' or failed to listen. */
  readonly #closed = new Set<Promise<void>>();
  #server: Server | null = null;
  #wantListening = true;
  #cancelRetry: () => void = noop;
  #generation = 0;
  #dead = false;
  /** Waiters for the next successful listen, from whenListening(). */
  #onListening: (() => void)[] = [];

  constructor(
    public port: number,
    private readonly handler: (req: IncomingMessage, res: ServerResponse) => void,
    private readonly timers: Timers,
  ) {}

  /** The first listen: its failure (port taken) is the caller's to see. */
  start(): Promise<void> {
    return this.#listen();
  }

  /** Synchronous on purpose: once setFault returns, new connections are refused. */
  stop(): void {
    this.#wantListening = false;
    this.#generation++;
    this.#cancelRetry();
    this.#cancelRetry = noop;
    const s = this.#server;
    this.#server = null;
    if (s?.listening) s.close();
    // A server still binding notices in its 'listening' handler that it was superseded.
    for (const socket of this.#sockets) socket.destroy();
  }

  /** Re-listens on the remembered port now, retrying if something else holds it meanwhile. */
  resume(): void {
    if (this.#dead || this.#wantListening) return;
    this.#wantListening = true;
    // Only the newest resume may retry: a chain from an earlier flap must not replace the live server.
    const generation = ++this.#generation;
    const attempt = (retryMs: number): void => {
      if (generation !== this.#generation) return;
      this.#listen().catch(() => {
        if (generation !== this.#generation) return;
        // Usually our own superseded server from a quick refuse/clear flap, still holding the port for a tick.
        this.#cancelRetry = this.timers.after(retryMs, () => attempt(Math.min(retryMs * 2, RELISTEN_MAX_RETRY_MS)));
      });
    };
    attempt(RELISTEN_FIRST_RETRY_MS);
  }

  whenListening(): Promise<void> {
    if (this.#server?.listening && this.#wantListening) return Promise.resolve();
    return new Promise((resolve) => this.#onListening.push(resolve));
  }

  async close(): Promise<void> {
    this.#dead = true;
    this.stop();
    await Promise.all(this.#closed);
  }

  #listen(): Promise<void> {
    const server = createServer(this.handler);
    server.keepAliveTimeout = KEEP_ALIVE_MS;
    server.on('connection', (socket: Socket) => {
      this.#sockets.add(socket);
      socket.once('close', () => this.#sockets.delete(socket));
    });
    this.#server = server;
    let markClosed = noop;
    const closed = new Promise<void>((resolve) => (markClosed = resolve));
    this.#closed.add(closed);
    void closed.then(() => this.#closed.delete(closed));
    server.once('close', markClosed);

    return new Promise<void>((resolve, reject) => {
      const onError = (err: Error): void => {
        server.off('listening', onListening);
        if (this.#server === server) this.#server = null;
        markClosed();
        reject(err);
      };
      const onListening = (): void => {
        server.off('error', onError);
        // Accept errors (EMFILE and the like) after this point must not crash the host process.
        server.on('error', noop);
        if (this.#server !== server) {
          server.close();
          return resolve();
        }
        this.port = (server.address() as AddressInfo).port;
        for (const waiter of this.#onListening.splice(0)) waiter();
        resolve();
      };
      server.once('error', onError);
      server.once('listening', onListening);
      server.listen({ port: this.port, host: HOST });
    });
  }
}
