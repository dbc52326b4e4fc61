import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { probeTcp } from '../../electron/core/probes/tcp/probe';
import { TcpConfig, type TcpConfigInput } from '../../shared/probes/tcp';
import type { ProbeOutcome } from '../../shared/result';

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
});

function probe(input: TcpConfigInput, signal: AbortSignal = new AbortController().signal): Promise<ProbeOutcome> {
  return probeTcp(TcpConfig.parse(input), { signal });
}

async function listener(): Promise<{ port: number; accepted: () => number }> {
  let accepted = 0;
  const sockets: net.Socket[] = [];
  const server = net.createServer((s) => {
    accepted++;
    sockets.push(s);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  cleanups.push(() => {
    for (const s of sockets) s.destroy();
    server.close();
  });
  return { port: (server.address() as AddressInfo).port, accepted: () => accepted };
}

/** A port nothing listens on: bind, note the port, close. */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((r) => server.close(() => r()));
  return port;
}

/**
 * A listener whose accept queue is full and never drained: a child process listens with a backlog
 * of 1 and then blocks its event loop, we fill the queue, and the kernel drops later SYNs, so a
 * connect hangs as it would against a firewalled host.
 */
async function blackHolePort(): Promise<number> {
  const child: ChildProcess = spawn(
    process.execPath,
    [
      '-e',
      // writeSync, then block at once: nothing after this runs, so no connection is ever accepted.
      `const s=require('net').createServer();s.listen({port:0,host:'127.0.0.1',backlog:1},()=>{require('fs').writeSync(1,s.address().port+'\\n');Atomics.wait(new Int32Array(new SharedArrayBuffer(4)),0,0)})`,
    ],
    { stdio: ['ignore', 'pipe', 'ignore'] },
  );
  cleanups.push(() => child.kill('SIGKILL'));
  const port = await new Promise<number>((resolve) =>
    child.stdout!.once('data', (d: Buffer) => resolve(Number(String(d).trim()))),
  );
  const fillers: net.Socket[] = [];
  for (let i = 0; i < 2; i++) {
    const s = net.connect(port, '127.0.0.1');
    s.on('error', () => undefined);
    fillers.push(s);
    await new Promise<void>((r) => s.once('connect', () => r()));
  }
  cleanups.push(() => fillers.forEach((s) => s.destroy()));
  return port;
}

describe('probeTcp', () => {
  it('is up when the port accepts, with the connect time and address recorded, and closes its connection', async () => {
    const srv = await listener();
    const out = await probe({ host: '127.0.0.1', port: srv.port });
    expect(out.status).toBe('up');
    expect(out.errorCode).toBeUndefined();
    expect(out.latencyMs).toBeTypeOf('number');
    expect(out.phases?.connect).toBeTypeOf('number');
    expect(out.details?.address).toBe('127.0.0.1');
    expect(srv.accepted()).toBe(1);
  });

  it('is down with conn_refused when nothing listens, naming host and port', async () => {
    const port = await closedPort();
    const out = await probe({ host: '127.0.0.1', port });
    expect([out.status, out.errorCode]).toEqual(['down', 'conn_refused']);
    expect(out.message).toBe(`Connection refused by 127.0.0.1:${port}`);
  });

  it('is down with timeout within its deadline when the connection is never accepted', async () => {
    const port = await blackHolePort();
    const t0 = performance.now();
    const out = await probe({ host: '127.0.0.1', port, timeoutMs: 300 });
    expect(performance.now() - t0).toBeLessThan(300 + 1000);
    expect([out.status, out.errorCode]).toEqual(['down', 'timeout']);
    expect(out.message).toBe(`127.0.0.1:${port} did not accept a connection within 300 ms`);
  });

  it('is down with dns_nxdomain for a host name that does not resolve', async () => {
    // .invalid is reserved (RFC 6761): resolvers answer NXDOMAIN without asking anyone.
    const out = await probe({ host: 'no-such-host.invalid', port: 443, timeoutMs: 5000 });
    expect(out.status).toBe('down');
    expect(['dns_nxdomain', 'dns_failed']).toContain(out.errorCode);
    expect(out.message).toContain('no-such-host.invalid:443');
  });

  it('is unknown (cancelled) when the monitor is stopped mid-connect', async () => {
    const port = await blackHolePort();
    const ac = new AbortController();
    const pending = probe({ host: '127.0.0.1', port, timeoutMs: 5000 }, ac.signal);
    setTimeout(() => ac.abort(), 20);
    expect(await pending).toMatchObject({ status: 'unknown', errorCode: 'cancelled' });
  });

  it('rejects bad hosts and ports at the field', () => {
    const r = TcpConfig.safeParse({ host: 'bad host', port: 70000 });
    expect(r.error?.issues.map((i) => i.path[0]).sort()).toEqual(['host', 'port']);
    expect(TcpConfig.parse({ host: '[::1]', port: 22 }).host).toBe('::1');
  });
});
