/**
 * Hostile and broken HTTP targets on loopback, for probe tests and the `hostile` bench.
 * A raw TCP server (not node:http) so it can misbehave in ways node:http would refuse to:
 * trickle headers, send garbage, lie about encodings. One server, one path per behaviour, plus a
 * second listener (another origin) that records what headers reached it.
 *
 *   const h = await startHostile();
 *   probe({ url: h.url('gzip-bomb'), keyword: 'x' });
 *   await h.close();
 *
 * Every behaviour streams from shared buffers and follows backpressure: serving 200 probes at once
 * costs a few socket buffers, never the 1 GiB the body claims.
 */
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import zlib from 'node:zlib';

export const HOSTILE_BEHAVIOURS = [
  /** 200 with a 1 GiB chunked body (no length: the client must count), streamed as fast as it reads. */
  'huge',
  /** The same 1 GiB, declared up front in Content-Length. */
  'huge-declared',
  /** 200, Content-Encoding: gzip, ~256 KiB on the wire that inflates to 256 MiB of zeros. */
  'gzip-bomb',
  /** 200, chunked, one small chunk every `dripMs`, never ends. */
  'endless',
  /** Response headers one byte every `slowlorisByteMs` (1 s by default). */
  'slowloris',
  /** 302 to a second path that 302s back. */
  'redirect-loop',
  /** 302 to file:///etc/passwd. */
  'redirect-scheme',
  /** 302 to the cloud metadata endpoint http://169.254.169.254/latest/meta-data/. */
  'redirect-metadata',
  /** Accepts the connection, reads the request, never answers. */
  'hang',
  /** Answers with bytes that are not HTTP, then closes. */
  'garbage',
  /** 302 to `/capture` on the other origin, which records the request headers it receives. */
  'cross-origin-redirect',
  /** 302 to `/capture` on the same origin (credentials may follow). */
  'same-origin-redirect',
  /** Content-Encoding: gzip, gzip, gzip (three layers). */
  'stacked-encodings',
  /** Content-Encoding: gzip with a body that is not gzip. */
  'corrupt-gzip',
] as const;
export type HostileBehaviour = (typeof HOSTILE_BEHAVIOURS)[number];

export interface HostileOptions {
  /** Interval between header bytes for `slowloris` (default 1000 ms). */
  slowlorisByteMs?: number;
  /** Interval between chunks for `endless` (default 50 ms). */
  dripMs?: number;
}

export interface CapturedRequest {
  path: string;
  /** Header names lower-cased. */
  headers: Record<string, string>;
}

export interface Hostile {
  /** e.g. `http://127.0.0.1:41234` (no trailing slash). */
  base: string;
  /** The second origin, e.g. `http://127.0.0.1:41235`. */
  otherBase: string;
  url(behaviour: HostileBehaviour): string;
  /** Requests that reached `/capture` on either origin, keyed by origin. */
  captured: { base: CapturedRequest[]; other: CapturedRequest[] };
  close(): Promise<void>;
}

const HUGE_BYTES = 1024 ** 3;
const FILLER = Buffer.alloc(64 * 1024, 'lookout hostile filler\n');
const FILLER_CHUNK = Buffer.concat([Buffer.from(`${FILLER.length.toString(16)}\r\n`), FILLER, Buffer.from('\r\n')]);
const MAX_REQUEST_HEAD = 16 * 1024;

let bombCache: Buffer | null = null;
/** Concatenated gzip members (valid gzip): 256 x gzip(1 MiB of zeros) = ~256 KiB -> 256 MiB. */
function gzipBomb(): Buffer {
  if (!bombCache) {
    const member = zlib.gzipSync(Buffer.alloc(1024 * 1024), { level: 9 });
    bombCache = Buffer.concat(Array.from({ length: 256 }, () => member));
  }
  return bombCache;
}

export async function startHostile(opts: HostileOptions = {}): Promise<Hostile> {
  const slowlorisByteMs = opts.slowlorisByteMs ?? 1000;
  const dripMs = opts.dripMs ?? 50;
  const sockets = new Set<net.Socket>();
  const timers = new Set<ReturnType<typeof setInterval>>();
  const captured: Hostile['captured'] = { base: [], other: [] };
  let otherBase = '';

  const every = (socket: net.Socket, ms: number, tick: () => boolean): void => {
    const t = setInterval(() => {
      if (socket.destroyed || !tick()) stop();
    }, ms);
    const stop = (): void => {
      clearInterval(t);
      timers.delete(t);
    };
    timers.add(t);
    socket.once('close', stop);
  };

  const head = (status: string, headers: Record<string, string | number>): string =>
    `HTTP/1.1 ${status}\r\n${Object.entries(headers)
      .map(([k, v]) => `${k}: ${v}\r\n`)
      .join('')}Connection: close\r\n\r\n`;

  const redirect = (socket: net.Socket, location: string): void => {
    socket.end(head('302 Found', { Location: location, 'Content-Length': 0 }));
  };

  const sendBody = (socket: net.Socket, headers: Record<string, string | number>, body: Buffer): void => {
    socket.write(head('200 OK', { ...headers, 'Content-Length': body.length }));
    socket.end(body);
  };

  const streamHuge = (socket: net.Socket, declared: boolean): void => {
    const framing: Record<string, string | number> = declared
      ? { 'Content-Length': HUGE_BYTES }
      : { 'Transfer-Encoding': 'chunked' };
    socket.write(head('200 OK', { 'Content-Type': 'text/plain', ...framing }));
    // FILLER_CHUNK is FILLER with chunked framing around it; 1 GiB is a whole number of fillers.
    const piece = declared ? FILLER : FILLER_CHUNK;
    let sent = 0;
    const pump = (): void => {
      while (!socket.destroyed && sent < HUGE_BYTES) {
        sent += FILLER.length;
        if (!socket.write(piece)) {
          socket.once('drain', pump);
          return;
        }
      }
      if (!socket.destroyed) socket.end(declared ? '' : '0\r\n\r\n');
    };
    pump();
  };

  const respond = (
    socket: net.Socket,
    path: string,
    headers: Record<string, string>,
    origin: 'base' | 'other',
  ): void => {
    switch (path) {
      case '/huge':
        return streamHuge(socket, false);
      case '/huge-declared':
        return streamHuge(socket, true);
      case '/gzip-bomb':
        return sendBody(socket, { 'Content-Type': 'text/plain', 'Content-Encoding': 'gzip' }, gzipBomb());
      case '/endless': {
        socket.write(head('200 OK', { 'Content-Type': 'text/plain', 'Transfer-Encoding': 'chunked' }));
        return every(socket, dripMs, () => {
          socket.write('5\r\ntick\n\r\n');
          return true;
        });
      }
      case '/slowloris': {
        const bytes = Buffer.from(head('200 OK', { 'Content-Type': 'text/plain', 'Content-Length': 2 }) + 'ok');
        let i = 0;
        return every(socket, slowlorisByteMs, () => {
          if (i >= bytes.length) return false;
          socket.write(bytes.subarray(i, ++i));
          return true;
        });
      }
      case '/redirect-loop':
        return redirect(socket, '/redirect-loop-b');
      case '/redirect-loop-b':
        return redirect(socket, '/redirect-loop');
      case '/redirect-scheme':
        return redirect(socket, 'file:///etc/passwd');
      case '/redirect-metadata':
        return redirect(socket, 'http://169.254.169.254/latest/meta-data/');
      case '/hang':
        return;
      case '/garbage':
        socket.end(Buffer.from('\x00\xff\xfeSSH-2.0-OpenSSH_9.0 this is not http\r\n\r\n\x07\x08', 'latin1'));
        return;
      case '/cross-origin-redirect':
        return redirect(socket, `${otherBase}/capture`);
      case '/same-origin-redirect':
        return redirect(socket, '/capture');
      case '/capture':
        captured[origin].push({ path, headers });
        return sendBody(socket, { 'Content-Type': 'text/plain' }, Buffer.from('captured'));
      case '/stacked-encodings': {
        const once = zlib.gzipSync('three layers deep');
        return sendBody(socket, { 'Content-Encoding': 'gzip, gzip, gzip' }, zlib.gzipSync(zlib.gzipSync(once)));
      }
      case '/corrupt-gzip':
        return sendBody(socket, { 'Content-Encoding': 'gzip' }, Buffer.from('this was never gzip, not even a little'));
      default:
        socket.end(head('404 Not Found', { 'Content-Length': 0 }));
    }
  };

  const handler =
    (origin: 'base' | 'other') =>
    (socket: net.Socket): void => {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
      socket.on('error', () => undefined);
      let buffered = '';
      const onData = (d: Buffer): void => {
        buffered += d.toString('latin1');
        const end = buffered.indexOf('\r\n\r\n');
        if (end < 0) {
          if (buffered.length > MAX_REQUEST_HEAD) socket.destroy();
          return;
        }
        socket.off('data', onData);
        // Keep reading (and discarding) so the client never blocks on a request body.
        socket.resume();
        const [requestLine = '', ...lines] = buffered.slice(0, end).split('\r\n');
        const path = (requestLine.split(' ')[1] ?? '/').split('?')[0]!;
        const headers: Record<string, string> = {};
        for (const line of lines) {
          const colon = line.indexOf(':');
          if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
        }
        respond(socket, path, headers, origin);
      };
      socket.on('data', onData);
    };

  const listen = async (server: net.Server): Promise<string> => {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  };

  const main = net.createServer(handler('base'));
  const other = net.createServer(handler('other'));
  const base = await listen(main);
  otherBase = await listen(other);

  return {
    base,
    otherBase,
    url: (b) => `${base}/${b}`,
    captured,
    async close() {
      for (const t of timers) clearInterval(t);
      timers.clear();
      for (const s of sockets) s.destroy();
      sockets.clear();
      await Promise.all([main, other].map((s) => new Promise<void>((resolve) => s.close(() => resolve()))));
    },
  };
}
