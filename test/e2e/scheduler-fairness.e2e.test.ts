import net from 'node:net';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { systemClock } from '../../electron/core/clock';
import { runProbe } from '../../electron/core/probes/registry';
import { phaseOffsetMs } from '../../electron/core/scheduler/phase';
import { createScheduler, type Scheduler } from '../../electron/core/scheduler/scheduler';
import type { Monitor } from '../../shared/monitor';
import { HttpConfig } from '../../shared/probes/http';
import { FakeClock } from '../support/fake-clock';

const cleanups: (() => Promise<void> | void)[] = [];
let current: Scheduler | undefined;
afterEach(async () => {
  current?.stop();
  current = undefined;
  while (cleanups.length) await cleanups.pop()!();
});

function monitor(id: number, url: string, intervalSec = 5, timeoutMs = 4000): Monitor {
  return {
    id,
    name: `Monitor ${id}`,
    group: 'Web',
    intervalSec,
    retries: 2,
    paused: false,
    createdAt: 0,
    kind: 'http',
    config: HttpConfig.parse({ url, timeoutMs }),
  };
}

/** A target that accepts connections and never answers, as a host in the middle of an outage. */
async function hangingServer(): Promise<string> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((s) => {
    sockets.add(s);
    s.on('error', () => undefined);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  cleanups.push(
    () =>
      new Promise<void>((r) => {
        for (const s of sockets) s.destroy();
        server.close(() => r());
      }),
  );
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
}

async function healthyServer(): Promise<string> {
  const server = http.createServer((_req, res) => res.end('ok'));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  cleanups.push(() => new Promise<void>((r) => server.close(() => r())));
  server.keepAliveTimeout = 100;
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
}

describe('scheduler fairness against real hanging targets', () => {
  it('keeps healthy 5 s monitors on their beat while 60 targets hang (default limits)', async () => {
    const hanging = await Promise.all([hangingServer(), hangingServer(), hangingServer()]);
    const healthy = await healthyServer();
    const monitors: Monitor[] = [];
    for (let i = 0; i < 60; i++) monitors.push(monitor(1000 + i, `${hanging[i % 3]!}path/${i}`));
    for (let i = 0; i < 10; i++) monitors.push(monitor(1 + i, `${healthy}health/${i}`));

    const starts = new Map<number, number[]>();
    const statuses = new Map<number, string[]>();
    const scheduler = createScheduler({
      clock: systemClock,
      probe: (m, signal) => runProbe(m, { signal }),
      onResult: (m, outcome, startedAt) => {
        starts.set(m.id, [...(starts.get(m.id) ?? []), startedAt]);
        statuses.set(m.id, [...(statuses.get(m.id) ?? []), outcome.status]);
      },
    });
    current = scheduler;
    const t0 = Date.now();
    scheduler.sync(monitors);
    await new Promise((r) => setTimeout(r, 11_500));
    scheduler.stop();

    const lateness: number[] = [];
    for (let id = 1; id <= 10; id++) {
      const offset = phaseOffsetMs(id, 5000);
      const times = starts.get(id) ?? [];
      // Every 5 s slot in the run (two or three of them), each once.
      const expected = Math.floor((t0 + 11_000 - offset) / 5000) - Math.floor((t0 - offset) / 5000);
      expect(times.length, `monitor ${id}`).toBeGreaterThanOrEqual(expected - 1);
      // Signed distance to the nearest slot: Node's timers may fire a millisecond or two before
      // their time (monotonic clock against the wall clock), which reads as "early", not 5 s late.
      for (const t of times) lateness.push(((((t - offset + 2500) % 5000) + 5000) % 5000) - 2500);
      expect(statuses.get(id)!.every((s) => s === 'up')).toBe(true);
    }
    // Slot lateness of the healthy monitors: well under a second (the old first-come queue of 32
    // slots, all held by hanging probes for their 4 s timeout, made it seconds).
    expect(Math.max(...lateness)).toBeLessThan(500);
    expect(Math.min(...lateness)).toBeGreaterThan(-20);
    // The hanging ones were probed too, and timed out.
    const hung = [...statuses.entries()].filter(([id]) => id >= 1000).flatMap(([, s]) => s);
    expect(hung.length).toBeGreaterThan(30);
    expect(hung.every((s) => s === 'down')).toBe(true);
  }, 20_000);
});

describe('scheduler capacity rules', () => {
  function held(clock: FakeClock) {
    const calls: { id: number; at: number; resolve: () => void }[] = [];
    const probe = (m: Monitor) =>
      new Promise<{ status: 'up'; latencyMs: number }>((resolve) => {
        calls.push({ id: m.id, at: clock.now(), resolve: () => resolve({ status: 'up', latencyMs: 1 }) });
      });
    return { calls, probe };
  }

  it('runs at most `perHost` working probes against one host; other hosts are not held back', async () => {
    const clock = new FakeClock(1_700_000_000_000);
    const { calls, probe } = held(clock);
    const scheduler = createScheduler({ clock, probe, onResult: () => undefined, perHost: 3, slowMs: Infinity });
    current = scheduler;
    const ms = [
      ...Array.from({ length: 10 }, (_, i) => monitor(i + 1, `http://busy.example:8080/p${i}`, 10)),
      ...Array.from({ length: 2 }, (_, i) => monitor(100 + i, `http://other.example/p${i}`, 10)),
    ];
    scheduler.sync(ms);
    await clock.advance(10_000);
    expect(calls.filter((c) => c.id < 100)).toHaveLength(3);
    expect(calls.filter((c) => c.id >= 100)).toHaveLength(2);
    // As one finishes, the earliest-due waiting monitor of that host goes next.
    const due = (id: number) => phaseOffsetMs(id, 10_000);
    const waiting = ms
      .filter((m) => m.id < 100 && !calls.some((c) => c.id === m.id))
      .sort((a, b) => due(a.id) - due(b.id) || a.id - b.id);
    calls[0]!.resolve();
    await clock.advance(0);
    expect(calls.at(-1)!.id).toBe(waiting[0]!.id);
  });

  it('keeps working slots for monitors that answer while slow monitors hold their share', async () => {
    const clock = new FakeClock(1_700_000_000_000);
    const hangIds = new Set(Array.from({ length: 40 }, (_, i) => 1000 + i));
    const calls: { id: number; at: number }[] = [];
    const scheduler = createScheduler({
      clock,
      concurrency: 8,
      slowMs: 1000,
      probe: (m, signal) =>
        new Promise((resolve) => {
          calls.push({ id: m.id, at: clock.now() });
          if (!hangIds.has(m.id)) return void clock.setTimeout(() => resolve({ status: 'up', latencyMs: 5 }), 5);
          // Like a real probe (probes/common/deadline.ts), it detaches from the monitor's signal when
          // done: the scheduler keeps that signal for all of the monitor's probes.
          const onAbort = () => clock.clearTimeout(t);
          const t = clock.setTimeout(() => {
            signal.removeEventListener('abort', onAbort);
            resolve({ status: 'down', latencyMs: null, errorCode: 'timeout', message: 'timed out' });
          }, 9000);
          signal.addEventListener('abort', onAbort, { once: true });
        }),
      onResult: () => undefined,
    });
    current = scheduler;
    const ms = [
      ...[...hangIds].map((id) => monitor(id, `http://10.0.0.${id % 40}/`, 10)),
      ...Array.from({ length: 20 }, (_, i) => monitor(i + 1, `http://healthy.example/${i}`, 10)),
    ];
    scheduler.sync(ms);
    await clock.advance(120_000);
    for (let id = 1; id <= 20; id++) {
      const offset = phaseOffsetMs(id, 10_000);
      const mine = calls.filter((c) => c.id === id);
      expect(mine.length).toBe(12);
      for (const c of mine) expect((c.at - offset) % 10_000).toBeLessThan(1000);
    }
    expect(scheduler.inFlight()).toBeLessThanOrEqual(8 + 256);
  });
});
