import { createServer, type Server } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { systemCheck, type ReferenceCheck } from '../../electron/core/connectivity/checks';
import { createConnectivityGuard } from '../../electron/core/connectivity/guard';
import { isLoopback } from '../../electron/core/connectivity/guarded-probe';
import { Settings } from '../../shared/settings';
import type { Monitor } from '../../shared/monitor';
import { FakeClock, MIN, T0, startHarness, type Harness } from './state-harness';

/** A reference target on loopback that can be taken down and brought back on the same port. */
async function referenceServer(): Promise<{
  target: string;
  down(): Promise<void>;
  up(): Promise<void>;
  close(): Promise<void>;
}> {
  let server: Server | undefined;
  const listen = (port: number) =>
    new Promise<Server>((resolve, reject) => {
      const s = createServer((sock) => sock.destroy());
      s.once('error', reject);
      s.listen(port, '127.0.0.1', () => resolve(s));
    });
  server = await listen(0);
  const port = (server.address() as AddressInfo).port;
  const down = async () => {
    const s = server;
    server = undefined;
    if (s) await new Promise<void>((r) => s.close(() => r()));
  };
  return {
    target: `127.0.0.1:${port}`,
    down,
    up: async () => {
      server ??= await listen(port);
    },
    close: down,
  };
}

async function until(cond: () => boolean): Promise<void> {
  for (let i = 0; i < 5000 && !cond(); i++) await new Promise<void>((r) => setImmediate(r));
  if (!cond()) throw new Error('condition not reached');
}

let h: Harness | undefined;
const servers: { close(): Promise<void> }[] = [];
afterEach(async () => {
  h?.cleanup();
  h = undefined;
  for (const s of servers.splice(0)) await s.close();
});

describe('connectivity guard', () => {
  it('the console offline while every target fails: results unknown, no incident, no alert, uptime unchanged; re-probed at once on return', async () => {
    const refs = [await referenceServer(), await referenceServer()];
    servers.push(...refs);
    let checks = 0;
    const check: ReferenceCheck = (target, timeoutMs) => {
      checks++;
      return systemCheck(target, timeoutMs);
    };
    h = startHarness({
      monitors: 20,
      check,
      settings: { connectivity: { enabled: true, referenceHosts: refs.map((r) => r.target), quorum: 1 } },
    });
    await h.clock.advance(5 * MIN);
    const from = T0;
    const uptimeBefore = h.monitors.map((m) => h!.store.uptime(m.id, from, h!.clock.now() + 60 * MIN));
    expect(uptimeBefore.every((u) => u.ratio === 1 && u.down === 0)).toBe(true);
    expect(checks).toBe(0); // nothing failed, nothing to check

    // The laptop's Wi-Fi goes: the reference targets and every monitored target fail together.
    for (const r of refs) await r.down();
    h.set('down');
    const offlineAt = h.clock.now();
    await h.clock.advance(10 * MIN);

    const during = h.results().filter((r) => r.ts >= offlineAt);
    expect(during.length).toBeGreaterThanOrEqual(200);
    expect(during.every((r) => r.status === 'unknown' && r.errorCode === 'console_offline')).toBe(true);
    expect(h.monitoring.incidentStore.list({ limit: 10, offset: 0 }, h.clock.now()).total).toBe(0);
    expect(h.alerts).toEqual([]);
    const uptimeDuring = h.monitors.map((m) => h!.store.uptime(m.id, from, h!.clock.now() + 60 * MIN));
    expect(uptimeDuring.map((u) => [u.ratio, u.down])).toEqual(uptimeBefore.map(() => [1, 0]));
    // 200+ failing probes, but verdicts are cached for 5 s and re-checked every 10 s: far fewer checks.
    expect(checks / refs.length).toBeLessThan(during.length / 2);
    expect(h.monitoring.guard!.status()).toMatchObject({ online: false });

    // The network comes back: noticed by the guard's own re-check, and every monitor is probed at once.
    h.set('up');
    for (const r of refs) await r.up();
    const probesBefore = h.probes.length;
    await h.clock.advance(10_000);
    await until(() => h!.monitoring.guard!.status().online);
    const backAt = h.monitoring.guard!.status().since!;
    await h.clock.advance(0);
    const reprobed = h.probes.slice(probesBefore).filter((p) => p.at === backAt);
    expect(new Set(reprobed.map((p) => p.id)).size).toBe(20);
    expect(h.eventsOf('connectivity').map((c) => c.online)).toEqual([false, true]);
    const gaps = h.monitoring.gaps.gaps(0, h.clock.now());
    expect(gaps).toHaveLength(1);
    expect(gaps[0]).toMatchObject({ reason: 'offline', end: backAt });
    expect(gaps[0]!.start).toBeGreaterThanOrEqual(offlineAt);
    expect(gaps[0]!.start).toBeLessThan(offlineAt + MIN);
  });

  it('a real outage with the console online is an outage', async () => {
    const ref = await referenceServer();
    servers.push(ref);
    h = startHarness({
      check: systemCheck,
      settings: { connectivity: { enabled: true, referenceHosts: [ref.target], quorum: 1 } },
    });
    await h.clock.advance(2 * MIN);
    h.set('down');
    await h.clock.advance(3 * MIN);
    expect(h.results().some((r) => r.status === 'down')).toBe(true);
    expect(h.alerts.map((a) => a.kind)).toEqual(['down']);
  });

  it('a thousand failures at once cause one check per target (verdict shared and cached)', async () => {
    const clock = new FakeClock(T0);
    let calls = 0;
    const settings = Settings.parse({
      connectivity: { referenceHosts: ['10.0.0.1:443', '10.0.0.2:443'], quorum: 2 },
    }).connectivity;
    const guard = createConnectivityGuard({
      clock,
      settings: () => settings,
      includeResolver: false,
      check: (target) => {
        calls++;
        return target === '10.0.0.2:443' ? Promise.reject(new Error('refused')) : Promise.resolve();
      },
    });
    const verdicts = await Promise.all(Array.from({ length: 1000 }, () => guard.online()));
    expect(calls).toBe(2);
    // Quorum 2 of 2, one failed: offline.
    expect(new Set(verdicts)).toEqual(new Set([false]));
    await clock.advance(3000);
    await guard.online();
    expect(calls).toBe(2);
    await clock.advance(3000);
    await guard.online();
    expect(calls).toBe(4);
    expect(guard.status().targets.map((t) => [t.target, t.ok])).toEqual([
      ['10.0.0.1:443', true],
      ['10.0.0.2:443', false],
    ]);
    guard.stop();
  });

  it('does not check a loopback target: the console’s own network cannot explain it', () => {
    const m = (url: string) => ({ kind: 'http', config: { url } }) as unknown as Monitor;
    expect(isLoopback(m('http://127.0.0.1:8080/'))).toBe(true);
    expect(isLoopback(m('http://localhost/'))).toBe(true);
    expect(isLoopback(m('http://[::1]:80/'))).toBe(true);
    expect(isLoopback(m('https://example.com/'))).toBe(false);
    expect(isLoopback({ kind: 'tcp', config: { host: '127.0.0.5', port: 22 } } as unknown as Monitor)).toBe(true);
    expect(
      isLoopback({
        kind: 'submit',
        config: { steps: [{ url: 'http://127.0.0.1:81/api/token' }] },
      } as unknown as Monitor),
    ).toBe(true);
  });
});
