import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import type { Accounting } from '../../shared/accounting';
import type { Monitor } from '../../shared/monitor';
import type { ProbeOutcome } from '../../shared/result';
import type { Status } from '../../shared/status';
import type { Clock } from '../../electron/core/clock';
import { createEventBus } from '../../electron/core/events';
import { createSettingsService } from '../../electron/core/settings/settings';
import type { Interval } from '../../electron/core/slo/intervals';
import { createDashboardHandlers, ledgerFor } from '../../electron/core/slo/service';
import { createPipeline, type Pipeline } from '../../electron/core/monitoring/pipeline';
import { openStore } from '../../electron/core/store';
import { createDegradedStore } from '../../electron/core/store/degraded';
import { createGapStore } from '../../electron/core/store/gaps';
import { createIncidentStore } from '../../electron/core/store/incidents';
import { createStateStore } from '../../electron/core/store/state';
import { MonitorDraft } from '../../shared/monitor';
import { startHarness, type Harness } from './state-harness';
import { tempDir } from './store-helpers';
import { tableDbOf } from '../../electron/core/store/connection';

const S = 1000;
const MIN = 60 * S;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

let h: Harness | undefined;
afterEach(() => {
  h?.cleanup();
  h = undefined;
});

describe('the walkthrough: a monitor five minutes old and a 110 s outage', () => {
  it('charges the outage, not a share of results: downtime 110 s ± one interval, budget charged = downtime, burn rate from the hour', async () => {
    // The live stream monitor: every 30 s, two failures confirm, retries every 10 s.
    h = startHarness({ intervalSec: 30, retries: 2 });
    const svc = createDashboardHandlers({ store: h.store, settings: h.settings, clock: h.clock });
    const created = h.clock.now();
    await h.clock.advance(150 * S);
    h.set('down');
    await h.clock.advance(110 * S);
    h.set('up');
    await h.clock.advance(created + 5 * MIN - h.clock.now());

    const m = h.monitors[0]!;
    const card = await svc['slo.get']({ monitorId: m.id });
    const down = card.uptime.downMs;
    expect(Math.abs(down - 110 * S)).toBeLessThanOrEqual(m.intervalSec * S);
    expect(card.uptime.observedFrom).toBeGreaterThanOrEqual(created);
    expect(card.uptime.measuredMs).toBeLessThanOrEqual(5 * MIN);
    expect(card.budget.spentMs).toBe(down);
    expect(card.budget.remainingMs).toBeCloseTo(card.budget.allowedMs - down, 6);
    // A 99% budget for the rest of the month, hours of it, of which under two minutes are spent.
    expect(card.budget.remaining).toBeGreaterThan(0.99);
    expect(card.burnRate.h1).toBeCloseTo(down / HOUR / (1 - card.target), 10);
    expect(card.burnRate.h1).toBeLessThan(((110 + 30) * S) / HOUR / (1 - card.target));
  });

  it('dashboard row, monitor card and group card agree at every moment of an outage', async () => {
    h = startHarness({ intervalSec: 30, retries: 2 });
    const svc = createDashboardHandlers({ store: h.store, settings: h.settings, clock: h.clock });
    const m = h.monitors[0]!;
    const seen: number[] = [];
    for (let step = 0; step < 60; step++) {
      if (step === 10) h.set('down');
      if (step === 35) h.set('degraded');
      if (step === 45) h.set('up');
      await h.clock.advance(5 * S);
      const row = (await svc['dashboard.get']({ includeMaintenance: false })).rows[0]!;
      const card = (await svc['slo.get']({ monitorId: m.id })).uptime;
      const group = (await svc['slo.get']({ group: m.group })).uptime;
      const at = h.clock.now();
      for (const [name, u] of [
        ['7 d', row.uptime.d7],
        ['30 d', row.uptime.d30],
        ['monitor card', card],
        ['group card', group],
      ] as const) {
        expect({ at, name, ...u }).toEqual({ at, name, ...row.uptime.d1 });
      }
      seen.push(row.uptime.d1.downMs);
    }
    // The outage was charged while it happened, and degraded time was reported apart.
    expect(Math.max(...seen)).toBeGreaterThan(0);
  });
});

describe('paused time: the operator chose not to measure it', () => {
  /** Pause or resume one monitor as the Api does (monitors.update, then the engine's sync). */
  const setPaused = (x: Harness, id: number, paused: boolean) => {
    const { id: _id, createdAt: _c, ...draft } = x.store.monitors.get(id)!;
    x.store.monitors.update(id, { ...draft, paused });
    x.monitoring.sync(x.store.monitors.list());
  };

  it('dashboard row, monitor card, group card and uptime.get agree through a pause, a pause-all and an outage; paused time is neither measured nor down', async () => {
    h = startHarness({ intervalSec: 30, retries: 2 });
    const svc = createDashboardHandlers({ store: h.store, settings: h.settings, clock: h.clock });
    const m = h.monitors[0]!;
    const start = h.clock.now();
    const marks: { at: number; what: string }[] = [];
    for (let step = 0; step < 80; step++) {
      if (step === 10) h.set('down');
      if (step === 20) {
        setPaused(h, m.id, true); // pausing mid-outage closes the incident here
        marks.push({ at: h.clock.now(), what: 'paused' });
      }
      if (step === 32) {
        h.set('up');
        setPaused(h, m.id, false);
        marks.push({ at: h.clock.now(), what: 'resumed' });
      }
      if (step === 50) {
        h.monitoring.setPausedAll(true);
        marks.push({ at: h.clock.now(), what: 'paused all' });
      }
      if (step === 60) {
        h.monitoring.setPausedAll(false);
        marks.push({ at: h.clock.now(), what: 'resumed all' });
      }
      await h.clock.advance(5 * S);
      const at = h.clock.now();
      const row = (await svc['dashboard.get']({ includeMaintenance: false })).rows[0]!;
      const card = (await svc['slo.get']({ monitorId: m.id })).uptime;
      const group = (await svc['slo.get']({ group: m.group })).uptime;
      const ranged = await svc['uptime.get']({ monitorId: m.id, from: at - DAY, to: at });
      for (const [name, u] of [
        ['7 d', row.uptime.d7],
        ['30 d', row.uptime.d30],
        ['monitor card', card],
        ['group card', group],
        ['uptime.get', ranged],
      ] as const) {
        expect({ at, name, ...u }).toEqual({ at, name, ...row.uptime.d1 });
      }
    }
    const end = h.clock.now();
    const u = (await svc['dashboard.get']({ includeMaintenance: false })).rows[0]!.uptime.d1;
    const pausedMs = marks[1]!.at - marks[0]!.at + (marks[3]!.at - marks[2]!.at);
    expect(pausedMs).toBe(110 * S);
    const first = h.results(m.id)[0]!.ts;
    expect(u).toMatchObject({ pausedMs, measuredMs: end - first - pausedMs, gapMs: 0, maintenanceMs: 0 });
    // The outage was charged up to the pause, not through it.
    expect(u.downMs).toBeGreaterThan(0);
    expect(u.downMs).toBeLessThanOrEqual(marks[0]!.at - (start + 50 * S));
    const card = await svc['slo.get']({ monitorId: m.id });
    expect(card.sentence).toMatch(/, excluding 2 min paused$/); // 110 s, to the minute
    expect(card.budget.spentMs).toBe(card.uptime.downMs);
  });

  it('a pause is kept across a restart and ends when the monitor is resumed in the next session', async () => {
    h = startHarness({ intervalSec: 30, retries: 2 });
    const dir = h.dir;
    const m = h.monitors[0]!;
    await h.clock.advance(10 * MIN);
    setPaused(h, m.id, true);
    const pausedAt = h.clock.now();
    await h.clock.advance(20 * MIN);
    const stoppedAt = h.clock.now();
    h.stop();
    const again = startHarness({ dir, start: stoppedAt + 30 * MIN });
    try {
      await again.clock.advance(10 * MIN);
      setPaused(again, m.id, false);
      const resumedAt = again.clock.now();
      await again.clock.advance(10 * MIN);
      const svc = createDashboardHandlers({ store: again.store, settings: again.settings, clock: again.clock });
      const u = (await svc['dashboard.get']({ includeMaintenance: false })).rows[0]!.uptime.d1;
      // The console was not running for 30 min of the pause: a gap on the charts, but the monitor
      // was paused throughout, so the accounting counts that time once, as paused.
      expect(again.monitoring.gaps.gaps(stoppedAt, resumedAt)).toMatchObject([
        { start: stoppedAt, end: stoppedAt + 30 * MIN, reason: 'stopped' },
      ]);
      expect(u).toMatchObject({ gapMs: 0, pausedMs: resumedAt - pausedAt, downMs: 0 });
      expect(u.measuredMs).toBe(again.clock.now() - again.results(m.id)[0]!.ts - (resumedAt - pausedAt));
    } finally {
      again.stop();
    }
  });
});

// ————————————————————————————————————————————————————————————————————————————————
// Property: random timelines through the real pipeline and store; every view against a
// second-by-second count over the raw results, incidents, degraded stretches, gaps and windows.

/** `pause`: the first monitor paused (the second keeps probing); `pauseAll`: both. */
type Event = 'none' | 'sleep' | 'offline' | 'restart' | 'pause' | 'pauseAll';
const StepArb = fc.record({
  status: fc.constantFrom<Status>('up', 'up', 'down', 'down', 'degraded', 'unknown'),
  hold: fc.integer({ min: 1, max: 6 }),
  dt: fc.integer({ min: 5, max: 90 }),
  /** Seconds the result is recorded after its probe started (a late result). */
  late: fc.integer({ min: 0, max: 45 }),
  event: fc.constantFrom<Event>('none', 'none', 'none', 'none', 'sleep', 'offline', 'restart', 'pause', 'pauseAll'),
  eventLen: fc.integer({ min: 20, max: 1200 }),
});
const WindowArb = fc.record({
  who: fc.constantFrom(0, 1, 2),
  at: fc.double({ min: 0, max: 1, noNaN: true }),
  len: fc.integer({ min: 30, max: 2400 }),
});
const RangeArb = fc.record({
  a: fc.double({ min: -0.2, max: 1, noNaN: true }),
  b: fc.double({ min: 0, max: 1, noNaN: true }),
});

/** Ten in the morning, mid-month: month and quarter to date are measured from the first result. */
const START = Date.UTC(2025, 5, 11, 10);

type Step = typeof StepArb extends fc.Arbitrary<infer T> ? T : never;
type Window = typeof WindowArb extends fc.Arbitrary<infer T> ? T : never;

function simulate(steps: readonly Step[], windows: readonly Window[], retries: number) {
  const tmp = tempDir();
  let now = START;
  const clock: Clock = { now: () => now, setTimeout: () => ({}) as never, clearTimeout: () => undefined };
  const store = openStore({ path: tmp.file('p.db'), now: () => now, flushIntervalMs: 60_000 });
  const settings = createSettingsService(store.settings);
  const mk = (name: string) =>
    store.monitors.create(
      MonitorDraft.parse({
        name,
        group: 'Live streaming',
        intervalSec: 30,
        retries,
        kind: 'http',
        config: { url: 'https://example.com/' },
      }),
    );
  const monitors: Monitor[] = [mk('Ingest'), mk('Player')];
  // Total length of the timeline, to place windows and ranges.
  let span = 0;
  for (const s of steps) span += s.dt * s.hold + (s.event === 'none' ? 0 : s.eventLen);
  span = Math.max(span, 60) * S;
  const maint = new Map<number, Interval[]>(monitors.map((m) => [m.id, []]));
  for (const w of windows) {
    const start = START + Math.floor((w.at * span) / S) * S;
    for (const [i, m] of monitors.entries())
      if (w.who === 2 || w.who === i) maint.get(m.id)!.push({ start, end: start + w.len * S });
  }
  const inMaint = (id: number, ts: number) => maint.get(id)!.some((i) => ts >= i.start && ts < i.end);
  const gapStore = createGapStore(tableDbOf(store));
  const gaps: Interval[] = [];
  const pauses: { id: number | null; start: number; end: number }[] = [];
  const incidentStore = createIncidentStore(tableDbOf(store));
  const degradedStore = createDegradedStore(tableDbOf(store));
  const open = (): Pipeline =>
    createPipeline({
      store,
      incidentStore,
      degradedStore,
      stateStore: createStateStore(tableDbOf(store)),
      bus: createEventBus(),
      clock,
      settings: () => settings.get(),
      maintenanceAt: (m, ts) => (inMaint(m.id, ts) ? { windowId: 1 } : undefined),
    });
  let pipeline = open();
  const OUT: Record<Status, ProbeOutcome> = {
    up: { status: 'up', latencyMs: 40 },
    degraded: { status: 'degraded', latencyMs: 3500, errorCode: 'slow', message: 'Slower than 3000 ms' },
    down: { status: 'down', latencyMs: null, errorCode: 'http_status', message: 'HTTP 503' },
    unknown: { status: 'unknown', latencyMs: null, errorCode: 'console_offline', message: 'offline' },
  };
  let t = START;
  // The second monitor runs the same steps in reverse order, a second later.
  const other = [...steps].reverse();
  for (const [k, s] of steps.entries()) {
    for (let i = 0; i < s.hold; i++) {
      t += s.dt * S;
      now = t + s.late * S;
      pipeline.record(monitors[0]!, OUT[s.status], t);
      pipeline.record(monitors[1]!, OUT[other[k]!.status], t + S);
    }
    if (s.event === 'none') continue;
    const a = t + 2 * S;
    const b = a + s.eventLen * S;
    if (s.event === 'pause' || s.event === 'pauseAll') {
      // As the engine does it: the pipeline pauses (closing runs at `a`), the span is recorded.
      const who = s.event === 'pause' ? [monitors[0]!] : monitors;
      const id = s.event === 'pause' ? monitors[0]!.id : null;
      now = a;
      for (const m of who) pipeline.pause(m.id, a);
      gapStore.pauseStarted(id, a);
      pauses.push({ id, start: a, end: b });
      if (s.event === 'pause') for (let x = a + S; x < b; x += 30 * S) pipeline.record(monitors[1]!, OUT.up, x);
      now = b;
      for (const m of who) pipeline.resume(m.id);
      gapStore.pauseEnded(id, b);
      t = b;
      continue;
    }
    gaps.push({ start: a, end: b });
    if (s.event === 'offline') {
      gapStore.add(a, b, 'offline');
      for (let x = a; x < b; x += 30 * S) for (const m of monitors) pipeline.record(m, OUT.unknown, x);
    } else if (s.event === 'sleep') {
      gapStore.add(a, b, 'asleep');
      now = b;
      pipeline.woke(b);
    } else {
      gapStore.add(a, b, 'stopped');
      pipeline.flush();
      pipeline = open();
    }
    t = b;
  }
  now = t + 30 * S;
  pipeline.flush();
  store.results.flush();
  return {
    tmp,
    store,
    settings,
    clock,
    monitors,
    maint,
    gaps,
    pauses,
    incidentStore,
    degradedStore,
    now: () => now,
    span,
  };
}

/** Second by second: what a person would count from the stored facts. */
function reference(sim: ReturnType<typeof simulate>, ms: readonly Monitor[], from: number, to: number) {
  const now = sim.now();
  const facts = ms.map((m) => {
    const results = sim.store.results.recent(m.id, 1_000_000);
    const first = results.length ? Math.min(...results.map((r) => r.ts)) : null;
    const incidents = sim.incidentStore.list({ limit: 10_000, offset: 0, monitorId: m.id }, now).items;
    const stretches = sim.degradedStore.list(
      { monitorId: m.id, from: 0, to: Number.MAX_SAFE_INTEGER, limit: 500 },
      now,
    );
    const paused = sim.pauses.filter((p) => p.id === null || p.id === m.id);
    return { m, first, incidents, stretches, maint: sim.maint.get(m.id)!, paused };
  });
  const firsts = facts.map((f) => f.first).filter((f): f is number => f !== null);
  const empty: Accounting = {
    ratio: null,
    observedFrom: null,
    measuredMs: 0,
    downMs: 0,
    degradedMs: 0,
    maintenanceMs: 0,
    pausedMs: 0,
    gapMs: 0,
  };
  if (firsts.length === 0 || Math.min(...firsts) >= to) return empty;
  const start = Math.max(from, Math.min(...firsts));
  const inAny = (ivs: readonly { start: number; end: number }[], x: number) =>
    ivs.some((i) => x >= i.start && x < i.end);
  const runs = (xs: readonly { startedAt: number; endedAt: number | null }[]) =>
    xs.map((i) => ({ start: i.startedAt, end: i.endedAt ?? now }));
  let measured = 0;
  let down = 0;
  let degraded = 0;
  let maint = 0;
  let gap = 0;
  let paused = 0;
  for (let x = start; x < to; x += S) {
    const allMaint = facts.every((f) => inAny(f.maint, x));
    if (allMaint) {
      maint++;
      continue;
    }
    // Out: in its maintenance or paused. The group is excluded only while every member is out.
    const out = (f: (typeof facts)[number]) => inAny(f.maint, x) || inAny(f.paused, x);
    if (facts.every(out)) {
      paused++;
      continue;
    }
    if (inAny(sim.gaps, x)) {
      gap++;
      continue;
    }
    measured++;
    const isDown = facts.some((f) => !out(f) && inAny(runs(f.incidents), x));
    if (isDown) down++;
    else if (facts.some((f) => !out(f) && inAny(runs(f.stretches), x))) degraded++;
  }
  return {
    ratio: measured > 0 ? (measured - down) / measured : null,
    observedFrom: start,
    measuredMs: measured * S,
    downMs: down * S,
    degradedMs: degraded * S,
    maintenanceMs: maint * S,
    pausedMs: paused * S,
    gapMs: gap * S,
  };
}

describe('every view against a brute-force count (property)', () => {
  it('random timelines with retries, unconfirmed failures, flapping, gaps, sleeps, restarts, maintenance and late results', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(StepArb, { minLength: 3, maxLength: 40 }),
        fc.array(WindowArb, { maxLength: 3 }),
        fc.integer({ min: 1, max: 3 }),
        fc.array(RangeArb, { minLength: 1, maxLength: 3 }),
        async (steps, windows, retries, ranges) => {
          const sim = simulate(steps, windows, retries);
          try {
            const mi = (m: { id: number }, a: number, b: number) =>
              sim.maint
                .get(m.id)!
                .map((i) => ({ start: Math.max(a, i.start), end: Math.min(b, i.end) }))
                .filter((i) => i.end > i.start);
            const ledger = ledgerFor(sim.store, mi);
            const svc = createDashboardHandlers({
              store: sim.store,
              settings: sim.settings,
              clock: sim.clock,
              maintenanceIntervals: mi,
            });
            const now = sim.now();
            const round = (u: Accounting) => ({ ...u, ratio: u.ratio === null ? null : Math.round(u.ratio * 1e9) });
            const check = (what: string, got: Accounting, want: Accounting) =>
              expect({ what, ...round(got) }).toEqual({ what, ...round(want) });
            for (const r of ranges) {
              const a = START + Math.floor((Math.min(r.a, r.b) * sim.span) / S) * S;
              const b = Math.min(now, START + Math.ceil((Math.max(r.a, r.b) * sim.span) / S) * S + S);
              for (const m of sim.monitors)
                check(`monitor ${m.id} [${a}, ${b})`, ledger.account([m], a, b, now), reference(sim, [m], a, b));
              check(`group [${a}, ${b})`, ledger.account(sim.monitors, a, b, now), reference(sim, sim.monitors, a, b));
            }
            const dash = await svc['dashboard.get']({ includeMaintenance: false });
            for (const [i, m] of sim.monitors.entries()) {
              check(`row d1 of ${m.id}`, dash.rows[i]!.uptime.d1, reference(sim, [m], now - DAY, now));
              check(`row d30 of ${m.id}`, dash.rows[i]!.uptime.d30, reference(sim, [m], now - 30 * DAY, now));
              const card = await svc['slo.get']({ monitorId: m.id, period: 'month' });
              check(`card of ${m.id}`, card.uptime, reference(sim, [m], card.periodStart, now));
            }
            const group = await svc['slo.get']({ group: 'Live streaming', period: 'quarter' });
            check('group card', group.uptime, reference(sim, sim.monitors, group.periodStart, now));
          } finally {
            sim.store.close();
            sim.tmp.cleanup();
          }
        },
      ),
      { numRuns: 40 },
    );
  });
});
