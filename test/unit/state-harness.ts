import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Alert } from '../../shared/alerts';
import type { EventName, EventPayload } from '../../shared/api';
import type { Monitor } from '../../shared/monitor';
import { MonitorDraft } from '../../shared/monitor';
import type { ProbeOutcome, ProbeResult } from '../../shared/result';
import type { ReferenceCheck } from '../../electron/core/connectivity/checks';
import { createEventBus, type EventBus } from '../../electron/core/events';
import { createPowerRelay, type PowerRelay } from '../../electron/core/power/relay';
import { createSettingsService, type SettingsService } from '../../electron/core/settings/settings';
import { createMonitoring, type Monitoring } from '../../electron/core/monitoring/engine';
import type { MaintenanceAt } from '../../electron/core/monitoring/pipeline';
import { openStore, type Store } from '../../electron/core/store';

export { FakeClock, flushMicrotasks } from '../support/fake-clock';
import { FakeClock, flushMicrotasks } from '../support/fake-clock';

export const T0 = 1_700_000_000_000;
export const MIN = 60_000;

export type Behaviour = 'up' | 'down' | 'degraded';

export interface HarnessOptions {
  dir?: string;
  start?: number;
  monitors?: number;
  /** Non-loopback by default so the connectivity guard applies. */
  url?: string;
  intervalSec?: number;
  retries?: number;
  settings?: Record<string, unknown>;
  check?: ReferenceCheck;
  maintenanceAt?: MaintenanceAt;
  /** The result writer keeps the console's own hold (2 min, 250 ms for a change) on the fake clock. */
  writerOnFakeClock?: boolean;
}

export interface Harness {
  dir: string;
  clock: FakeClock;
  store: Store;
  bus: EventBus;
  settings: SettingsService;
  monitoring: Monitoring;
  power: PowerRelay;
  monitors: Monitor[];
  /** What each monitor's target does right now. */
  behaviour: Map<number, Behaviour>;
  probes: { id: number; at: number }[];
  alerts: Alert[];
  events: { event: EventName; payload: unknown }[];
  results(id?: number): ProbeResult[];
  eventsOf<E extends EventName>(e: E): EventPayload<E>[];
  /** Sets every monitor's (or one monitor's) behaviour. */
  set(b: Behaviour, id?: number): void;
  stop(): void;
  cleanup(): void;
}

const OUTCOME: Record<Behaviour, ProbeOutcome> = {
  up: { status: 'up', latencyMs: 20 },
  degraded: { status: 'degraded', latencyMs: 4000, errorCode: 'slow', message: 'Slower than 3000 ms' },
  down: { status: 'down', latencyMs: null, errorCode: 'http_status', message: 'HTTP 503' },
};

export function startHarness(o: HarnessOptions = {}): Harness {
  const dir = o.dir ?? mkdtempSync(join(tmpdir(), 'lookout-state-'));
  const clock = new FakeClock(o.start ?? T0);
  const store = openStore({
    path: join(dir, 'lookout.db'),
    now: () => clock.now(),
    ...(o.writerOnFakeClock ? { timers: clock, flushIntervalMs: 120_000 } : { flushIntervalMs: 10 }),
  });
  const settings = createSettingsService(store.settings);
  settings.update({
    connectivity: { referenceHosts: [], quorum: 1, enabled: o.check !== undefined },
    ...(o.settings ?? {}),
  });
  const bus = createEventBus();
  const events: { event: EventName; payload: unknown }[] = [];
  bus.onAny((event, payload) => events.push({ event, payload }));
  const alerts: Alert[] = [];
  const behaviour = new Map<number, Behaviour>();
  const probes: { id: number; at: number }[] = [];
  const power = createPowerRelay();

  let monitors = store.monitors.list();
  if (monitors.length === 0) {
    for (let i = 0; i < (o.monitors ?? 1); i++) {
      store.monitors.create(
        MonitorDraft.parse({
          name: `Service ${i + 1}`,
          intervalSec: o.intervalSec ?? 60,
          retries: o.retries ?? 2,
          kind: 'http',
          config: { url: o.url ?? `http://192.0.2.${i + 1}/health` },
        }),
      );
    }
    monitors = store.monitors.list();
  }
  for (const m of monitors) behaviour.set(m.id, 'up');

  const monitoring = createMonitoring({
    store,
    bus,
    clock,
    settings,
    power,
    includeResolver: false,
    ...(o.check ? { check: o.check } : {}),
    ...(o.maintenanceAt ? { maintenanceAt: o.maintenanceAt } : {}),
    notify: (a) => alerts.push(a),
    probe: (m) => {
      probes.push({ id: m.id, at: clock.now() });
      return Promise.resolve(OUTCOME[behaviour.get(m.id) ?? 'up']);
    },
  });
  // Probes may await real I/O (the connectivity check on loopback): wait until none is in flight.
  clock.settle = async () => {
    await flushMicrotasks();
    for (let i = 0; i < 2000 && (monitoring.scheduler?.inFlight() ?? 0) > 0; i++)
      await new Promise<void>((r) => setImmediate(r));
    await flushMicrotasks();
  };
  monitoring.sync(monitors);

  let stopped = false;
  const h: Harness = {
    dir,
    clock,
    store,
    bus,
    settings,
    monitoring,
    power,
    monitors,
    behaviour,
    probes,
    alerts,
    events,
    results: (id) => {
      store.results.flush();
      const all = monitors.flatMap((m) => store.results.recent(m.id, 100_000));
      return all
        .filter((r) => id === undefined || r.monitorId === id)
        .sort((a, b) => a.ts - b.ts || a.monitorId - b.monitorId);
    },
    eventsOf: <E extends EventName>(e: E) =>
      events.filter((x) => x.event === e).map((x) => x.payload as EventPayload<E>),
    set(b, id) {
      for (const m of monitors) if (id === undefined || m.id === id) behaviour.set(m.id, b);
    },
    stop() {
      if (stopped) return;
      stopped = true;
      monitoring.stop();
      store.close();
    },
    cleanup() {
      h.stop();
      if (!o.dir) rmSync(dir, { recursive: true, force: true });
    },
  };
  return h;
}

/** Advances one second at a time until `n` more probes have run. */
export async function probesRun(x: Harness, n: number): Promise<void> {
  const target = x.probes.length + n;
  for (let i = 0; x.probes.length < target; i++) {
    if (i > 100_000) throw new Error('no probes');
    await x.clock.advance(1000);
  }
}
