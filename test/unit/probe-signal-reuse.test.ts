/**
 * The scheduler hands all of a monitor's probes one long-lived AbortSignal (a fresh controller per
 * probe costs more than the rest of its bookkeeping). That is only safe if a finished probe leaves
 * nothing attached to it: a listener or a dependant signal per probe would grow by one every
 * interval for as long as the app runs. These tests run each network probe kind many times against
 * one shared signal, then check the signal is as bare as it started, and that aborting it still
 * cancels a probe in flight.
 */
import { getEventListeners, setMaxListeners } from 'node:events';
import net, { type AddressInfo } from 'node:net';
import tls from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPlatform, type Platform } from '../../electron/core/demo/platform';
import type { ProbeContext } from '../../electron/core/probes/context';
import { probeDns } from '../../electron/core/probes/dns/probe';
import { probeHls } from '../../electron/core/probes/hls/probe';
import { probeHttp } from '../../electron/core/probes/http/probe';
import { probeSubmit } from '../../electron/core/probes/submit/probe';
import { probeTcp } from '../../electron/core/probes/tcp/probe';
import { probeTls } from '../../electron/core/probes/tls/probe';
import { createScheduler } from '../../electron/core/scheduler/scheduler';
import type { Monitor } from '../../shared/monitor';
import { DnsConfig } from '../../shared/probes/dns';
import { HlsConfig } from '../../shared/probes/hls';
import { HttpConfig } from '../../shared/probes/http';
import { SubmitConfig } from '../../shared/probes/submit';
import { TcpConfig } from '../../shared/probes/tcp';
import { TlsConfig } from '../../shared/probes/tls';
import type { ProbeOutcome } from '../../shared/result';
import { startDnsServer, type TestDnsServer } from '../support/dns-server';
import { FakeClock, flushMicrotasks } from '../support/fake-clock';
import { createTestCa } from '../support/test-ca';

const RUNS = 200;
/** Probes in flight at once while repeating (the scheduler runs many monitors concurrently too). */
const AT_ONCE = 20;
const CANCELLED: ProbeOutcome = {
  status: 'unknown',
  latencyMs: null,
  errorCode: 'cancelled',
  message: 'Probe cancelled',
};

let platform: Platform;
let dns: TestDnsServer;
let tlsPort: number;
/** Accepts connections, reads what arrives, never answers (HTTP or TLS alike): only an abort ends a probe of it. */
let silentPort: number;
const silentHeard: (() => void)[] = [];
let ca: string;
const servers: net.Server[] = [];
const sockets = new Set<net.Socket>();

/** Resolves once the silent server has received bytes, i.e. the probe is waiting for its answer. */
function silentHears(): Promise<void> {
  return new Promise((resolve) => silentHeard.push(resolve));
}

/** Resolves once the DNS server has received a query. */
async function dnsHears(): Promise<void> {
  const before = dns.queries;
  while (dns.queries === before) await new Promise((r) => setImmediate(r));
}

async function listen(server: net.Server): Promise<number> {
  servers.push(server);
  server.on('connection', (s: net.Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

beforeAll(async () => {
  platform = await startPlatform();
  dns = await startDnsServer({ 'live.example.test': { A: ['192.0.2.10'] }, 'blackhole.example.test': 'silent' });
  const testCa = createTestCa();
  ca = testCa.certPem;
  const tlsServer = tls.createServer({ ...testCa.issue() }, (s) => s.on('error', () => undefined).end());
  tlsServer.on('tlsClientError', () => undefined);
  tlsPort = await listen(tlsServer);
  silentPort = await listen(
    net.createServer((socket) =>
      socket.on('data', () => {
        for (const resolve of silentHeard.splice(0)) resolve();
      }),
    ),
  );
});

afterAll(async () => {
  for (const s of sockets) s.destroy();
  await Promise.all(servers.map((s) => new Promise<void>((r) => s.close(() => r()))));
  await Promise.all([platform.close(), dns.close()]);
});

/** The signal's set of dependant signals (what AbortSignal.any adds to), where Node keeps one. */
function dependants(signal: AbortSignal): number {
  const sym = Object.getOwnPropertySymbols(signal).find((s) => s.description === 'kDependantSignals');
  if (sym === undefined) return 0;
  const set = (signal as unknown as Record<symbol, { size: number } | undefined>)[sym];
  return set?.size ?? 0;
}

type Run = (ctx: ProbeContext) => Promise<ProbeOutcome>;

/**
 * `run` answers up; `hang` (where the kind can hang on loopback) waits for an answer that never
 * comes, and `hears` resolves once it is waiting.
 */
const silent = () => `http://127.0.0.1:${silentPort}`;
const kinds: { kind: string; run: () => Run; hang?: () => Run; hears?: () => Promise<void>; runs?: number }[] = [
  {
    kind: 'http',
    run: () => (ctx) => probeHttp(HttpConfig.parse({ url: platform.urls.health, timeoutMs: 5000 }), ctx),
    hang: () => (ctx) => probeHttp(HttpConfig.parse({ url: `${silent()}/health`, timeoutMs: 30_000 }), ctx),
    hears: silentHears,
  },
  {
    kind: 'tcp',
    // No `hang`: a TCP connect on loopback completes at once, there is nothing to wait on.
    run: () => (ctx) =>
      probeTcp(TcpConfig.parse({ host: '127.0.0.1', port: platform.ports.web, timeoutMs: 5000 }), ctx),
  },
  {
    kind: 'tls',
    // Handshakes are slow; any leak shows after one probe, the count only makes it obvious.
    runs: 40,
    run: () => (ctx) =>
      probeTls(
        TlsConfig.parse({ host: '127.0.0.1', port: tlsPort, servername: 'localhost', ca, timeoutMs: 5000 }),
        ctx,
      ),
    hang: () => (ctx) =>
      probeTls(
        TlsConfig.parse({ host: '127.0.0.1', port: silentPort, servername: 'localhost', ca, timeoutMs: 30_000 }),
        ctx,
      ),
    hears: silentHears,
  },
  {
    kind: 'dns',
    run: () => (ctx) =>
      probeDns(DnsConfig.parse({ server: dns.address, name: 'live.example.test', type: 'A', timeoutMs: 5000 }), ctx),
    hang: () => (ctx) =>
      probeDns(
        DnsConfig.parse({ server: dns.address, name: 'blackhole.example.test', type: 'A', timeoutMs: 30_000 }),
        ctx,
      ),
    hears: dnsHears,
  },
  {
    kind: 'hls',
    run: () => {
      const config = HlsConfig.parse({ url: platform.urls.hlsMaster, timeoutMs: 5000 });
      const memory = new Map<string, unknown>();
      return (ctx) => probeHls(config, { ...ctx, memory });
    },
    hang: () => (ctx) => probeHls(HlsConfig.parse({ url: `${silent()}/live.m3u8`, timeoutMs: 30_000 }), ctx),
    hears: silentHears,
  },
  {
    kind: 'submit',
    run: () => (ctx) =>
      probeSubmit(
        SubmitConfig.parse({
          steps: [{ method: 'GET', url: platform.urls.token, capture: { token: '$.token' } }],
          timeoutMs: 5000,
        }),
        ctx,
      ),
    hang: () => (ctx) =>
      probeSubmit(
        SubmitConfig.parse({
          steps: [{ method: 'GET', url: `${silent()}/api/token`, timeoutMs: 30_000 }],
          timeoutMs: 30_000,
        }),
        ctx,
      ),
    hears: silentHears,
  },
];

describe.each(kinds)('$kind probe with one shared signal', ({ kind, run, hang, hears, runs = RUNS }) => {
  it(`leaves nothing attached to it after ${runs} probes${hang ? ', and its abort still cancels one in flight' : ''}`, async () => {
    const shared = new AbortController();
    // One monitor has one probe at a time; here AT_ONCE share the signal, so allow their listeners.
    setMaxListeners(AT_ONCE + 1, shared.signal);
    const probe = run();
    const statuses = new Set<string>();
    for (let done = 0; done < runs; done += AT_ONCE) {
      const batch = await Promise.all(Array.from({ length: AT_ONCE }, () => probe({ signal: shared.signal })));
      for (const o of batch) statuses.add(o.status === 'up' ? 'up' : `${o.status} ${o.errorCode}: ${o.message}`);
    }
    // The probes really ran (a broken setup would pass the checks below trivially).
    expect([...statuses], kind).toEqual(['up']);
    expect(getEventListeners(shared.signal, 'abort')).toHaveLength(0);
    expect(dependants(shared.signal)).toBe(0);

    if (!hang || !hears) return;
    const heard = hears();
    const inFlight = hang()({ signal: shared.signal });
    await heard;
    shared.abort();
    // Its own timeout is 30 s: only the abort ends it within the test's time.
    expect(await inFlight).toEqual(CANCELLED);
  });
});

describe('scheduler: one signal per monitor', () => {
  const monitor = (over: { name?: string } = {}): Monitor => ({
    id: 1,
    name: 'Web',
    group: 'Web',
    intervalSec: 10,
    retries: 2,
    paused: false,
    createdAt: 0,
    kind: 'http',
    config: HttpConfig.parse({ url: 'http://127.0.0.1:9/' }),
    ...over,
  });

  it('reuses the signal across probes, and an edit that cancels a probe gives the next ones a fresh, live signal', async () => {
    const clock = new FakeClock(1_700_000_000_000);
    const signals: AbortSignal[] = [];
    const pending: ((o: ProbeOutcome) => void)[] = [];
    const results: ProbeOutcome[] = [];
    const scheduler = createScheduler({
      clock,
      probe: (_m, signal) => {
        signals.push(signal);
        return new Promise<ProbeOutcome>((resolve) => pending.push(resolve));
      },
      onResult: (_m, outcome) => results.push(outcome),
    });
    const answer = async () => {
      pending.shift()!({ status: 'up', latencyMs: 1 });
      await flushMicrotasks();
    };
    scheduler.sync([monitor()]);
    scheduler.runNow(1);
    await answer();
    await clock.advance(10_000);
    await answer();
    expect(signals).toHaveLength(2);
    expect(signals[1]).toBe(signals[0]);

    // Edited while a probe runs: that probe is cancelled and its result dropped.
    await clock.advance(10_000);
    expect(signals).toHaveLength(3);
    scheduler.sync([monitor({ name: 'Web (renamed)' })]);
    expect(signals[2]!.aborted).toBe(true);
    await answer();
    expect(results).toHaveLength(2);

    await clock.advance(10_000);
    expect(signals).toHaveLength(4);
    expect(signals[3]).not.toBe(signals[2]);
    expect(signals[3]!.aborted).toBe(false);
    await answer();
    expect(results).toHaveLength(3);
    scheduler.stop();
  });
});
