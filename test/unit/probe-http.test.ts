import http from 'node:http';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { probeHttp } from '../../electron/core/probes/http/probe';
import { HttpConfig, type HttpConfigInput } from '../../shared/probes/http';
import type { ProbeOutcome } from '../../shared/result';

/** Everything a test opened, torn down after each test so nothing keeps the worker busy. */
const servers: net.Server[] = [];
const sockets = new Set<net.Socket>();
const intervals = new Set<ReturnType<typeof setInterval>>();

afterEach(async () => {
  for (const t of intervals) clearInterval(t);
  intervals.clear();
  for (const s of sockets) s.destroy();
  sockets.clear();
  await Promise.all(
    servers.splice(0).map((s) => new Promise<void>((resolve) => (s.listening ? s.close(() => resolve()) : resolve()))),
  );
});

function track<S extends net.Server>(server: S): S {
  servers.push(server);
  server.on('connection', (socket: net.Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  return server;
}

async function listen(server: net.Server): Promise<string> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return `http://127.0.0.1:${port}`;
}

/** A real HTTP server on 127.0.0.1 and an ephemeral port; returns its base URL (no trailing slash). */
async function serve(handler: http.RequestListener): Promise<string> {
  return listen(track(http.createServer(handler)));
}

function config(input: HttpConfigInput): HttpConfig {
  return HttpConfig.parse(input);
}

function probe(cfg: HttpConfig, signal: AbortSignal = new AbortController().signal): Promise<ProbeOutcome> {
  return probeHttp(cfg, { signal });
}

async function timed<T>(p: Promise<T>): Promise<{ value: T; ms: number }> {
  const t0 = performance.now();
  const value = await p;
  return { value, ms: performance.now() - t0 };
}

/** One human line: non-empty, no line breaks, no stringified objects, mentions each of `mentions`. */
function expectReadable(message: string | undefined, ...mentions: string[]): void {
  expect(typeof message).toBe('string');
  const m = message as string;
  expect(m.trim().length).toBeGreaterThan(0);
  expect(m).not.toMatch(/[\r\n]/);
  expect(m).not.toMatch(/\[object |undefined|NaN/);
  expect(m.length).toBeLessThanOrEqual(300);
  for (const s of mentions) expect(m).toContain(s);
}

describe('probeHttp', () => {
  it('reports up for a 200 with latency and time to first byte', async () => {
    const base = await serve((_req, res) => res.end('hello'));
    const out = await probe(config({ url: `${base}/health` }));
    expect(out.status).toBe('up');
    expect(out.errorCode).toBeUndefined();
    expect(typeof out.latencyMs).toBe('number');
    expect(out.latencyMs!).toBeGreaterThanOrEqual(0);
    expect(typeof out.phases?.ttfb).toBe('number');
    expect(out.phases!.ttfb!).toBeGreaterThanOrEqual(0);
    expect(out.phases!.ttfb!).toBeLessThanOrEqual(out.latencyMs!);
  });

  it('reports down with http_status for a 503', async () => {
    const base = await serve((_req, res) => {
      res.statusCode = 503;
      res.end('unavailable');
    });
    const out = await probe(config({ url: `${base}/` }));
    expect(out.status).toBe('down');
    expect(out.errorCode).toBe('http_status');
    expectReadable(out.message, '503', new URL(base).host);
  });

  it('treats a 503 as up when acceptStatus includes it', async () => {
    const base = await serve((_req, res) => {
      res.statusCode = 503;
      res.end('maintenance page');
    });
    const out = await probe(
      config({
        url: `${base}/`,
        acceptStatus: [
          [200, 299],
          [503, 503],
        ],
      }),
    );
    expect(out.status).toBe('up');
    expect(out.errorCode).toBeUndefined();
  });

  it('reports degraded/slow when the answer takes longer than degradedAboveMs', async () => {
    const base = await serve((_req, res) => {
      setTimeout(() => res.end('late'), 300);
    });
    const out = await probe(config({ url: `${base}/`, degradedAboveMs: 100 }));
    expect(out.status).toBe('degraded');
    expect(out.errorCode).toBe('slow');
    expect(out.latencyMs!).toBeGreaterThanOrEqual(250);
    expectReadable(out.message, '100 ms');
  });

  it('reports down/assertion when the keyword is missing from the body', async () => {
    const base = await serve((_req, res) => res.end('status: degraded'));
    const out = await probe(config({ url: `${base}/`, keyword: 'ALL_OK' }));
    expect(out.status).toBe('down');
    expect(out.errorCode).toBe('assertion');
    expectReadable(out.message, 'ALL_OK');
  });

  it('is up when the keyword is present', async () => {
    const base = await serve((_req, res) => res.end('status: ALL_OK'));
    const out = await probe(config({ url: `${base}/`, keyword: 'ALL_OK' }));
    expect(out.status).toBe('up');
  });

  it('follows a redirect chain A -> B -> 200', async () => {
    const hits: string[] = [];
    const base = await serve((req, res) => {
      hits.push(req.url ?? '');
      if (req.url === '/a') res.writeHead(302, { location: '/b' }).end();
      else if (req.url === '/b') res.writeHead(301, { location: `${base}/ok` }).end();
      else res.end('fine');
    });
    const out = await probe(config({ url: `${base}/a` }));
    expect(out.status).toBe('up');
    expect(hits).toEqual(['/a', '/b', '/ok']);
  });

  it('reports redirect_loop for A -> B -> A', async () => {
    const base = await serve((req, res) => {
      res.writeHead(302, { location: req.url === '/a' ? '/b' : '/a' }).end();
    });
    const out = await probe(config({ url: `${base}/a` }));
    expect(out.status).toBe('down');
    expect(out.errorCode).toBe('redirect_loop');
    expectReadable(out.message, `${base}/a`);
  });

  it('reports redirect_limit after more than maxRedirects hops', async () => {
    let hits = 0;
    const base = await serve((req, res) => {
      hits++;
      const n = Number((req.url ?? '/0').slice(1));
      res.writeHead(302, { location: `/${n + 1}` }).end();
    });
    const out = await probe(config({ url: `${base}/0`, maxRedirects: 2 }));
    expect(out.status).toBe('down');
    expect(out.errorCode).toBe('redirect_limit');
    expectReadable(out.message, '2');
    // The original request plus the two allowed redirects, and not one more.
    expect(hits).toBe(3);
  });

  it('follows exactly maxRedirects redirects', async () => {
    const base = await serve((req, res) => {
      const n = Number((req.url ?? '/0').slice(1));
      if (n < 2) res.writeHead(302, { location: `/${n + 1}` }).end();
      else res.end('arrived');
    });
    const out = await probe(config({ url: `${base}/0`, maxRedirects: 2 }));
    expect(out.status).toBe('up');
  });

  it('refuses a redirect to ftp:// with redirect_scheme', async () => {
    const base = await serve((_req, res) => {
      res.writeHead(302, { location: 'ftp://127.0.0.1/pub/file.txt' }).end();
    });
    const out = await probe(config({ url: `${base}/` }));
    expect(out.status).toBe('down');
    expect(out.errorCode).toBe('redirect_scheme');
    expectReadable(out.message, 'ftp:');
  });

  it('stops reading at maxBodyBytes and reports body_too_large quickly', async () => {
    const total = 5 * 1024 * 1024;
    const chunk = Buffer.alloc(64 * 1024, 0x61);
    const base = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/plain' });
      let sent = 0;
      const pump = (): void => {
        while (sent < total && !res.destroyed) {
          sent += chunk.length;
          if (!res.write(chunk)) {
            res.once('drain', pump);
            return;
          }
        }
        if (!res.destroyed) res.end();
      };
      res.on('error', () => undefined);
      pump();
    });
    const { value: out, ms } = await timed(
      probe(config({ url: `${base}/big`, maxBodyBytes: 1024 * 1024, timeoutMs: 10_000 })),
    );
    expect(out.status).toBe('down');
    expect(out.errorCode).toBe('body_too_large');
    expectReadable(out.message, '1 MiB');
    expect(ms).toBeLessThan(2000);
  });

  it('times out against a server that accepts and never answers', async () => {
    const base = await serve(() => {
      /* never answers */
    });
    await expectTimeoutWithin(`${base}/`, 500);
  });

  it('times out against a server that drips the body one byte every 100 ms forever', async () => {
    const base = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.write('x');
      const t = setInterval(() => {
        if (res.destroyed) {
          clearInterval(t);
          intervals.delete(t);
          return;
        }
        res.write('x');
      }, 100);
      intervals.add(t);
      res.on('close', () => {
        clearInterval(t);
        intervals.delete(t);
      });
    });
    await expectTimeoutWithin(`${base}/`, 800);
  });

  it('reports conn_refused for a port nobody listens on', async () => {
    const tmp = net.createServer();
    const base = await listen(tmp);
    await new Promise<void>((resolve) => tmp.close(() => resolve()));
    const out = await probe(config({ url: `${base}/`, timeoutMs: 2000 }));
    expect(out.status).toBe('down');
    expect(out.errorCode).toBe('conn_refused');
    expectReadable(out.message, new URL(base).host);
  });

  it('reports bad_response or conn_reset when the server speaks something that is not HTTP', async () => {
    const server = track(
      net.createServer((socket) => {
        socket.on('error', () => undefined);
        socket.end('HELLO\r\n\r\n');
      }),
    );
    const base = await listen(server);
    const out = await probe(config({ url: `${base}/`, timeoutMs: 2000 }));
    expect(out.status).toBe('down');
    expect(['bad_response', 'conn_reset']).toContain(out.errorCode);
    expectReadable(out.message, new URL(base).host);
  });

  it('returns unknown/cancelled when ctx.signal is aborted mid-probe', async () => {
    let arrived!: () => void;
    const requestArrived = new Promise<void>((r) => (arrived = r));
    const base = await serve(() => arrived());
    const ac = new AbortController();
    const running = timed(probe(config({ url: `${base}/`, timeoutMs: 10_000 }), ac.signal));
    await requestArrived;
    ac.abort();
    const { value: out, ms } = await running;
    expect(out.status).toBe('unknown');
    expect(out.errorCode).toBe('cancelled');
    expect(out.latencyMs).toBeNull();
    expectReadable(out.message);
    expect(ms).toBeLessThan(2000);
  });
});

/** The probe ends as `timeout` no earlier than ~its timeout and no later than timeout + 1 s. */
async function expectTimeoutWithin(url: string, timeoutMs: number): Promise<void> {
  const { value: out, ms } = await timed(probe(config({ url, timeoutMs })));
  expect(out.status).toBe('down');
  expect(out.errorCode).toBe('timeout');
  expectReadable(out.message, '127.0.0.1');
  expect(ms).toBeGreaterThanOrEqual(timeoutMs - 100);
  expect(ms).toBeLessThan(timeoutMs + 1000);
}
