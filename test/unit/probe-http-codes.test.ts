import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { probeHttp } from '../../electron/core/probes/http/probe';
import { HttpConfig } from '../../shared/probes/http';

/**
 * Raw loopback targets for two answers that went out as `request_failed`: a body cut short of its
 * Content-Length, and a header block bigger than any client accepts. README "Result error codes"
 * names them `conn_reset` and `bad_response`.
 */
let server: net.Server;
let base: string;
beforeAll(async () => {
  server = net.createServer((socket) => {
    socket.on('error', () => undefined);
    let head = '';
    socket.on('data', (d: Buffer) => {
      head += d.toString('latin1');
      if (!head.includes('\r\n\r\n')) return;
      const path = head.split(' ')[1] ?? '/';
      if (path === '/cut') {
        socket.write(
          'HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nConnection: close\r\nContent-Length: 10000\r\n\r\n' +
            'x'.repeat(100),
        );
        setTimeout(() => socket.end(), 20);
      } else if (path === '/big-headers') {
        const filler = Array.from({ length: 400 }, (_, i) => `X-Filler-${i}: ${'y'.repeat(200)}\r\n`).join('');
        socket.end('HTTP/1.1 200 OK\r\n' + filler + 'Content-Length: 2\r\n\r\nok');
      } else {
        socket.end('HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n');
      }
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

const probe = (path: string) =>
  probeHttp(HttpConfig.parse({ url: base + path, timeoutMs: 3000 }), { signal: new AbortController().signal });

describe('probeHttp error codes', () => {
  it('a body cut off before its Content-Length is conn_reset, saying how much arrived', async () => {
    const out = await probe('/cut');
    expect(out.status).toBe('down');
    expect(out.errorCode).toBe('conn_reset');
    expect(out.message).toContain('127.0.0.1');
    expect(out.message).toMatch(/closed the connection before the whole body/);
  });

  it('an oversized header block is bad_response', async () => {
    const out = await probe('/big-headers');
    expect(out.status).toBe('down');
    expect(out.errorCode).toBe('bad_response');
    expect(out.message).toMatch(/header/i);
  });
});
