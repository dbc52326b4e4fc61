import { afterEach, describe, expect, it } from 'vitest';
import { FakeClock, flushMicrotasks } from '../support/fake-clock';
import { nextSlot, phaseOffsetMs } from '../../electron/core/scheduler/phase';
import { createScheduler, type Scheduler } from '../../electron/core/scheduler/scheduler';
import type { Monitor } from '../../shared/monitor';
import { HttpConfig } from '../../shared/probes/http';
import type { ProbeOutcome } from '../../shared/result';

/** Lets promise chains (probe -> catch -> then -> finally -> pump) run to completion. */
const flush = flushMicrotasks;

// Deliberately not aligned to any interval so the phase grid, not the start time, decides the slots.
const T0 = 1_700_000_000_123;

function monitor(id: number, over: Partial<Omit<Monitor, 'id' | 'kind' | 'config'>> = {}): Monitor {
  return {
    id,
    name: `Monitor ${id}`,
    group: 'Web',
    intervalSec: 10,
    retries: 2,
    paused: false,
    createdAt: T0 - 86_400_000,
    kind: 'http',
    config: HttpConfig.parse({ url: 'http://127.0.0.1:9/' }),
    ...over,
  };
}

const UP: ProbeOutcome = { status: 'up', latencyMs: 12 };
const CANCELLED: ProbeOutcome = {
  status: 'unknown',
  latencyMs: null,
  errorCode: 'cancelled',
  message: 'Probe cancelled',
};

interface Call {
  id: number;
  at: number;
  signal: AbortSignal;
  settled: boolean;
  resolve(outcome?: ProbeOutcome): void;
}

/**
 * The scheduler's injected probe. `durationMs` finishes each probe that long after it started
 * (on the fake clock); `hold` keeps it running until the test resolves it. Like the real probes,
 * an aborted probe settles at once as `cancelled`.
 */
type ProbeOpts = { durationMs?: number | ((m: Monitor) => number); hold?: boolean; ignoreAbort?: boolean };

function fakeProbe(clock: FakeClock, opts: ProbeOpts = {}) {
  const calls: Call[] = [];
  let running = 0;
  let maxRunning = 0;
  const fn = (m: Monitor, signal: AbortSignal): Promise<ProbeOutcome> =>
    new Promise<ProbeOutcome>((resolveOutcome) => {
      running++;
      maxRunning = Math.max(maxRunning, running);
      const call: Call = {
        id: m.id,
        at: clock.now(),
        signal,
        settled: false,
        resolve(outcome = UP) {
          if (call.settled) return;
          call.settled = true;
          running--;
          resolveOutcome(outcome);
        },
      };
      calls.push(call);
      if (!opts.ignoreAbort) signal.addEventListener('abort', () => call.resolve(CANCELLED), { once: true });
      if (opts.hold) return;
      const d = typeof opts.durationMs === 'function' ? opts.durationMs(m) : (opts.durationMs ?? 0);
      if (d <= 0) call.resolve();
      else clock.setTimeout(() => call.resolve(), d);
    });
  return {
    fn,
    calls,
    running: () => running,
    maxRunning: () => maxRunning,
    callsFor: (id: number) => calls.filter((c) => c.id === id),
  };
}

interface Reported {
  id: number;
  outcome: ProbeOutcome;
  startedAt: number;
  reportedAt: number;
}

let current: Scheduler | undefined;

afterEach(() => {
  current?.stop();
  current = undefined;
});

function setup(opts: ProbeOpts & { concurrency?: number; slowMs?: number } = {}) {
  const clock = new FakeClock(T0);
  const probe = fakeProbe(clock, opts);
  const results: Reported[] = [];
  const scheduler = createScheduler({
    clock,
    probe: probe.fn,
    onResult: (m, outcome, startedAt) => results.push({ id: m.id, outcome, startedAt, reportedAt: clock.now() }),
    ...(opts.concurrency !== undefined ? { concurrency: opts.concurrency } : {}),
    ...(opts.slowMs !== undefined ? { slowMs: opts.slowMs } : {}),
  });
  current = scheduler;
  return { clock, probe, results, scheduler };
}

/** The grid slots of a monitor in (from, to]. */
function slots(id: number, intervalMs: number, from: number, to: number): number[] {
  const out: number[] = [];
  for (let t = nextSlot(from, intervalMs, phaseOffsetMs(id, intervalMs)); t <= to; t += intervalMs) out.push(t);
  return out;
}

describe('phase', () => {
  it('gives every monitor a stable offset inside its interval', () => {
    for (const id of [1, 2, 3, 42, 1000, 123_456, 2 ** 31 - 1]) {
      for (const interval of [5000, 10_000, 60_000, 86_400_000]) {
        const off = phaseOffsetMs(id, interval);
        expect(Number.isInteger(off)).toBe(true);
        expect(off).toBeGreaterThanOrEqual(0);
        expect(off).toBeLessThan(interval);
        expect(phaseOffsetMs(id, interval)).toBe(off);
      }
    }
  });

  it('nextSlot is the first grid point strictly after now', () => {
    expect(nextSlot(0, 10_000, 3000)).toBe(3000);
    expect(nextSlot(2999, 10_000, 3000)).toBe(3000);
    expect(nextSlot(3000, 10_000, 3000)).toBe(13_000);
    expect(nextSlot(3001, 10_000, 3000)).toBe(13_000);
    const now = T0;
    const s = nextSlot(now, 60_000, 17_345);
    expect(s).toBeGreaterThan(now);
    expect(s - now).toBeLessThanOrEqual(60_000);
    expect((s - 17_345) % 60_000).toBe(0);
  });

  it('spreads 1,000 monitors with the same 60 s interval across the interval', () => {
    const interval = 60_000;
    const perSecond = new Array<number>(60).fill(0);
    const distinct = new Set<number>();
    for (let id = 1; id <= 1000; id++) {
      const off = phaseOffsetMs(id, interval);
      distinct.add(off);
      perSecond[Math.floor(off / 1000)]!++;
    }
    // 1,000 over 60 one-second buckets is ~16.7 per bucket; a uniform spread keeps the fullest
    // bucket below ~30 (Poisson tail), and every bucket gets some. 40 is a safe ceiling that a
    // clumping hash (consecutive ids near each other, or all at 0) would blow through.
    expect(Math.max(...perSecond)).toBeLessThanOrEqual(40);
    expect(Math.min(...perSecond)).toBeGreaterThanOrEqual(3);
    // Millisecond collisions: ~8 expected by the birthday bound.
    expect(distinct.size).toBeGreaterThanOrEqual(970);
  });

  it('spreads consecutive ids with a 10 s interval too', () => {
    const perSecond = new Array<number>(10).fill(0);
    for (let id = 1; id <= 1000; id++) perSecond[Math.floor(phaseOffsetMs(id, 10_000) / 1000)]!++;
    // ~100 per bucket expected.
    expect(Math.max(...perSecond)).toBeLessThanOrEqual(150);
    expect(Math.min(...perSecond)).toBeGreaterThanOrEqual(60);
  });
});

describe('createScheduler', () => {
  it('probes a 10 s monitor once per 10 s on its phase grid (6 probes in 60 s)', async () => {
    const { clock, probe, results, scheduler } = setup();
    scheduler.sync([monitor(7)]);
    await clock.advance(60_000);

    const times = probe.calls.map((c) => c.at);
    expect(times).toHaveLength(6);
    expect(times).toEqual(slots(7, 10_000, T0, T0 + 60_000));
    const offset = phaseOffsetMs(7, 10_000);
    for (const t of times) expect((t - offset) % 10_000).toBe(0);
    for (let i = 1; i < times.length; i++) expect(times[i]! - times[i - 1]!).toBe(10_000);
    expect(results.map((r) => r.startedAt)).toEqual(times);
    expect(results.every((r) => r.id === 7 && r.outcome.status === 'up')).toBe(true);
  });

  it('keeps the same beat across a restart (a new scheduler at another time)', async () => {
    const a = setup();
    a.scheduler.sync([monitor(7)]);
    await a.clock.advance(30_000);
    a.scheduler.stop();

    const clock = new FakeClock(T0 + 123_457);
    const probe = fakeProbe(clock);
    const scheduler = createScheduler({ clock, probe: probe.fn, onResult: () => undefined });
    current = scheduler;
    scheduler.sync([monitor(7)]);
    await clock.advance(30_000);

    const offset = phaseOffsetMs(7, 10_000);
    const all = [...a.probe.calls, ...probe.calls].map((c) => c.at);
    expect(all.length).toBe(6);
    for (const t of all) expect((t - offset) % 10_000).toBe(0);
  });

  it('does not fire 1,000 same-interval monitors in a burst', async () => {
    const { clock, probe, scheduler } = setup({ concurrency: 1000 });
    const monitors = Array.from({ length: 1000 }, (_, i) => monitor(i + 1, { intervalSec: 60 }));
    scheduler.sync(monitors);
    await clock.advance(60_000);
    expect(probe.calls).toHaveLength(1000);
    expect(new Set(probe.calls.map((c) => c.id)).size).toBe(1000);
    const perSecond = new Map<number, number>();
    for (const c of probe.calls) {
      const s = Math.floor((c.at - T0) / 1000);
      perSecond.set(s, (perSecond.get(s) ?? 0) + 1);
    }
    expect(Math.max(...perSecond.values())).toBeLessThanOrEqual(40);
  });

  it('runNow probes immediately, then the monitor keeps its beat', async () => {
    const { clock, probe, results, scheduler } = setup();
    scheduler.sync([monitor(3)]);
    await clock.advance(1);
    const callsBefore = probe.calls.length;
    const at = clock.now();
    scheduler.runNow(3);
    await flush();
    expect(probe.calls.length).toBe(callsBefore + 1);
    expect(probe.calls.at(-1)!.at).toBe(at);
    expect(results.at(-1)).toMatchObject({ id: 3, startedAt: at });

    const after = probe.calls.length;
    await clock.advance(30_000);
    expect(probe.calls.slice(after).map((c) => c.at)).toEqual(slots(3, 10_000, at, at + 30_000));
  });

  it('runNow ignores unknown and paused monitors', async () => {
    const { clock, probe, scheduler } = setup();
    scheduler.sync([monitor(1, { paused: true })]);
    scheduler.runNow(1);
    scheduler.runNow(99);
    await clock.advance(0);
    expect(probe.calls).toHaveLength(0);
  });

  it('does not double up a probe that outlasts its interval', async () => {
    const { clock, probe, results, scheduler } = setup({ durationMs: 25_000 });
    scheduler.sync([monitor(5)]);
    await clock.advance(60_000);

    expect(probe.maxRunning()).toBe(1);
    const [s0] = slots(5, 10_000, T0, T0 + 60_000);
    // Slots falling while the 25 s probe runs are skipped, not queued behind it.
    expect(probe.calls.map((c) => c.at)).toEqual([s0, s0! + 30_000]);
    expect(results.map((r) => r.startedAt)).toEqual([s0]);
    expect(results[0]!.reportedAt).toBe(s0! + 25_000);
  });

  it('runNow while a probe is running does not start a second one', async () => {
    const { clock, probe, scheduler } = setup({ hold: true });
    scheduler.sync([monitor(5)]);
    scheduler.runNow(5);
    scheduler.runNow(5);
    await clock.advance(30_000);
    expect(probe.calls).toHaveLength(1);
    expect(scheduler.inFlight()).toBe(1);
  });

  it('keeps at most `concurrency` probes in flight and eventually runs every due monitor', async () => {
    // Held probes never turn lingering here, so `concurrency` bounds everything in flight.
    const { clock, probe, results, scheduler } = setup({ hold: true, concurrency: 2, slowMs: Infinity });
    scheduler.sync([1, 2, 3, 4, 5].map((id) => monitor(id)));
    await clock.advance(10_000); // every monitor's slot falls in this window exactly once

    expect(probe.calls).toHaveLength(2);
    expect(scheduler.inFlight()).toBe(2);

    for (let i = 0; i < 5; i++) {
      const open = probe.calls.filter((c) => !c.settled);
      expect(open.length).toBeLessThanOrEqual(2);
      expect(open.length).toBeGreaterThan(0);
      open[0]!.resolve();
      await flush();
      expect(scheduler.inFlight()).toBeLessThanOrEqual(2);
    }

    expect(probe.maxRunning()).toBe(2);
    expect(new Set(probe.calls.map((c) => c.id))).toEqual(new Set([1, 2, 3, 4, 5]));
    expect(probe.calls).toHaveLength(5);
    expect(results).toHaveLength(5);
    expect(scheduler.inFlight()).toBe(0);
    // Each result carries the time its probe actually started, not the slot it waited from.
    for (const r of results) expect(r.startedAt).toBe(probe.calls.find((c) => c.id === r.id)!.at);
  });

  it('never probes paused monitors', async () => {
    const { clock, probe, scheduler } = setup();
    scheduler.sync([monitor(1, { paused: true }), monitor(2)]);
    await clock.advance(60_000);
    expect(probe.callsFor(1)).toHaveLength(0);
    expect(probe.callsFor(2)).toHaveLength(6);
  });

  it('stops probing a monitor paused by sync, and resumes when unpaused', async () => {
    const { clock, probe, scheduler } = setup();
    scheduler.sync([monitor(1)]);
    await clock.advance(20_000);
    expect(probe.callsFor(1)).toHaveLength(2);

    scheduler.sync([monitor(1, { paused: true })]);
    await clock.advance(60_000);
    expect(probe.callsFor(1)).toHaveLength(2);

    scheduler.sync([monitor(1)]);
    await clock.advance(20_000);
    expect(probe.callsFor(1)).toHaveLength(4);
  });

  it('sync without a monitor stops its probes and aborts an in-flight one without reporting it', async () => {
    const { clock, probe, results, scheduler } = setup({ hold: true });
    scheduler.sync([monitor(1), monitor(2)]);
    await clock.advance(10_000);
    const inflight = probe.callsFor(1);
    expect(inflight).toHaveLength(1);
    expect(inflight[0]!.signal.aborted).toBe(false);

    scheduler.sync([monitor(2)]);
    expect(inflight[0]!.signal.aborted).toBe(true);
    expect(clock.pending()).toBe(1); // only monitor 2's next slot is left
    await flush();
    // The cancelled outcome of the deleted monitor is not recorded.
    expect(results.filter((r) => r.id === 1)).toHaveLength(0);
    expect(scheduler.inFlight()).toBe(1); // monitor 2 is still holding

    for (const c of probe.calls) c.resolve();
    await flush();
    await clock.advance(60_000);
    for (const c of probe.calls) c.resolve();
    await flush();

    expect(probe.callsFor(1)).toHaveLength(1);
    expect(probe.callsFor(2).length).toBeGreaterThan(1);
    expect(results.filter((r) => r.id === 1)).toHaveLength(0);
  });

  it('does not report a late result of a removed monitor even if the probe ignores the abort', async () => {
    const { clock, probe, results, scheduler } = setup({ hold: true, ignoreAbort: true });
    scheduler.sync([monitor(1)]);
    await clock.advance(10_000);
    const [call] = probe.calls;
    scheduler.sync([]);
    expect(call!.signal.aborted).toBe(true);
    await flush();
    expect(scheduler.inFlight()).toBe(1);
    call!.resolve(UP); // finishes normally despite the abort
    await flush();
    expect(results).toHaveLength(0);
    expect(scheduler.inFlight()).toBe(0);
  });

  it('sync with a changed interval re-times the monitor onto its new grid', async () => {
    const { clock, probe, scheduler } = setup();
    scheduler.sync([monitor(4, { intervalSec: 10 })]);
    await clock.advance(20_000);
    expect(probe.calls.map((c) => c.at)).toEqual(slots(4, 10_000, T0, T0 + 20_000));

    const changedAt = clock.now();
    scheduler.sync([monitor(4, { intervalSec: 30 })]);
    await clock.advance(90_000);
    const after = probe.calls.filter((c) => c.at > changedAt).map((c) => c.at);
    expect(after).toHaveLength(3);
    expect(after).toEqual(slots(4, 30_000, changedAt, changedAt + 90_000));
    const offset = phaseOffsetMs(4, 30_000);
    for (const t of after) expect((t - offset) % 30_000).toBe(0);
  });

  it('sync with an unchanged monitor (a new but equal object) keeps its timing', async () => {
    const { clock, probe, scheduler } = setup();
    scheduler.sync([monitor(4)]);
    await clock.advance(15_000);
    scheduler.sync([monitor(4)]);
    await clock.advance(45_000);
    expect(probe.calls.map((c) => c.at)).toEqual(slots(4, 10_000, T0, T0 + 60_000));
  });

  it('stop() clears every timer, aborts in-flight probes and nothing runs afterwards', async () => {
    const { clock, probe, results, scheduler } = setup({ hold: true, concurrency: 1, slowMs: Infinity });
    scheduler.sync([1, 2, 3].map((id) => monitor(id)));
    await clock.advance(10_000);
    expect(probe.calls).toHaveLength(1); // the others are queued behind concurrency 1
    const callsAtStop = probe.calls.length;

    scheduler.stop();
    expect(probe.calls[0]!.signal.aborted).toBe(true);
    expect(clock.pending()).toBe(0);
    await flush();

    scheduler.runNow(1);
    await clock.advance(120_000);
    expect(probe.calls).toHaveLength(callsAtStop); // the queued ones never started either
    expect(results).toHaveLength(0);
    expect(scheduler.inFlight()).toBe(0);
  });

  it('onResult receives the time the probe started, not when it finished', async () => {
    const { clock, results, scheduler } = setup({ durationMs: (m) => (m.id === 1 ? 3_000 : 700) });
    scheduler.sync([monitor(1), monitor(2)]);
    await clock.advance(20_000);
    expect(results.length).toBe(4);
    for (const r of results) {
      const offset = phaseOffsetMs(r.id, 10_000);
      expect((r.startedAt - offset) % 10_000).toBe(0);
      expect(r.reportedAt - r.startedAt).toBe(r.id === 1 ? 3_000 : 700);
    }
  });

  it('reports a crashing probe as unknown/probe_crashed and keeps scheduling', async () => {
    const clock = new FakeClock(T0);
    const results: Reported[] = [];
    let calls = 0;
    const scheduler = createScheduler({
      clock,
      probe: () => {
        calls++;
        return Promise.reject(new Error('boom'));
      },
      onResult: (m, outcome, startedAt) => results.push({ id: m.id, outcome, startedAt, reportedAt: clock.now() }),
    });
    current = scheduler;
    scheduler.sync([monitor(1)]);
    await clock.advance(30_000);
    expect(calls).toBe(3);
    expect(results).toHaveLength(3);
    expect(results[0]!.outcome).toMatchObject({ status: 'unknown', errorCode: 'probe_crashed' });
    expect(results[0]!.outcome.message).toContain('boom');
  });
});

describe('createScheduler: retries, pause all, probe all', () => {
  function withRetry() {
    const clock = new FakeClock(T0);
    const probe = fakeProbe(clock);
    const scheduler = createScheduler({
      clock,
      probe: probe.fn,
      onResult: () => undefined,
      retryIntervalMs: () => 10_000,
    });
    current = scheduler;
    return { clock, probe, scheduler };
  }

  it('probes at the retry interval while a failure is being confirmed, then returns to its grid', async () => {
    const { clock, probe, scheduler } = withRetry();
    scheduler.sync([monitor(1, { intervalSec: 60 })]);
    await clock.advance(slots(1, 60_000, T0, T0 + 60_000)[0]! - T0);
    const first = probe.calls[0]!.at;
    // As the pipeline does when it records a failing result: retry 10 s from now.
    const failedAt = clock.now();
    scheduler.setRetrying(1, true);
    await clock.advance(25_000);
    expect(probe.calls.map((c) => c.at)).toEqual([first, failedAt + 10_000, failedAt + 20_000]);
    scheduler.setRetrying(1, false);
    await clock.advance(120_000);
    const after = probe.calls.slice(3).map((c) => c.at);
    expect(after).toEqual(slots(1, 60_000, failedAt + 25_000, failedAt + 145_000));
  });

  it('pause all stops every monitor (aborting probes in flight) and resume all restarts them', async () => {
    const { clock, probe, scheduler } = withRetry();
    scheduler.sync([monitor(1), monitor(2)]);
    await clock.advance(20_000);
    const n = probe.calls.length;
    scheduler.setPausedAll(true);
    scheduler.runNow(1);
    scheduler.runAll();
    await clock.advance(60_000);
    expect(probe.calls.length).toBe(n);
    scheduler.setPausedAll(false);
    await clock.advance(20_000);
    expect(probe.calls.length).toBe(n + 4);
  });

  it('probe all runs every active monitor now, once, and keeps each on its grid afterwards', async () => {
    const { clock, probe, scheduler } = withRetry();
    scheduler.sync([monitor(1), monitor(2), monitor(3, { paused: true })]);
    await clock.advance(3_000);
    const at = clock.now();
    scheduler.runAll();
    scheduler.runAll();
    await clock.advance(0);
    expect(
      probe.calls
        .filter((c) => c.at === at)
        .map((c) => c.id)
        .sort(),
    ).toEqual([1, 2]);
    await clock.advance(30_000);
    for (const id of [1, 2]) {
      expect(
        probe
          .callsFor(id)
          .filter((c) => c.at > at)
          .map((c) => c.at),
      ).toEqual(slots(id, 10_000, at, at + 30_000));
    }
  });
});
