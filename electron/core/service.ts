import type { AppInfo, Service } from '../../shared/api';
import { ApiError } from '../../shared/errors';
import type { Monitor } from '../../shared/monitor';
import type { ProbeOutcome, ProbeResult } from '../../shared/result';
import type { Clock } from './clock';
import type { DemoController } from './demo/controller';
import type { EventBus } from './events';
import type { Scheduler } from './scheduler/scheduler';
import type { SettingsService } from './settings/settings';
import type { Store } from './store';

const DEMO_DECIDED_KEY = 'demo.decided';

export interface ServiceDeps {
  store: Store;
  bus: EventBus;
  clock: Clock;
  /** Absent in review mode: nothing is probed. */
  scheduler: Scheduler | undefined;
  demo: DemoController | undefined;
  settings: SettingsService;
  info: Pick<AppInfo, 'version' | 'mode'>;
}

/** The Api implementation both transports call; input has already been validated by the dispatcher. */
export function createService({ store, bus, clock, scheduler, demo, settings, info }: ServiceDeps) {
  function writable(): void {
    if (store.readOnly) throw new ApiError('read_only', `${store.path} is open read-only for review; changes are not allowed`);
  }
  function existing(id: number): Monitor {
    const m = store.monitors.get(id);
    if (!m) throw new ApiError('not_found', `Monitor ${id} does not exist`);
    return m;
  }
  function resync(): void {
    scheduler?.sync(store.monitors.list());
  }

  const service = {
    'app.info': () => ({
      ...info,
      dbPath: store.path,
      readOnly: store.readOnly,
      firstRun: !store.readOnly && store.settings.get(DEMO_DECIDED_KEY) === undefined && store.monitors.list().length === 0,
      demo: demo?.platform !== undefined,
    }),
    'demo.load': async () => {
      writable();
      if (!demo) throw new ApiError('internal', 'The demo is not available in this mode');
      const monitors = await demo.load();
      store.settings.set(DEMO_DECIDED_KEY, 'loaded');
      resync();
      for (const m of store.monitors.list()) scheduler?.runNow(m.id);
      bus.emit('monitors', { reason: 'loaded' });
      return { monitors };
    },
    'demo.decline': () => {
      writable();
      store.settings.set(DEMO_DECIDED_KEY, 'declined');
      return { ok: true as const };
    },
    'monitors.list': () => store.monitors.list(),
    'monitors.create': (draft) => {
      writable();
      const m = store.monitors.create(draft);
      store.settings.set(DEMO_DECIDED_KEY, store.settings.get(DEMO_DECIDED_KEY) ?? 'declined');
      resync();
      // The operator just added it: show a first result now rather than a whole interval later.
      scheduler?.runNow(m.id);
      bus.emit('monitors', { reason: 'created', id: m.id });
      return m;
    },
    'monitors.update': ({ id, monitor }) => {
      writable();
      existing(id);
      const m = store.monitors.update(id, monitor);
      resync();
      scheduler?.runNow(m.id);
      bus.emit('monitors', { reason: 'updated', id });
      return m;
    },
    'monitors.delete': ({ id }) => {
      writable();
      existing(id);
      store.monitors.delete(id);
      resync();
      bus.emit('monitors', { reason: 'deleted', id });
      return { id };
    },
    'results.latest': ({ monitorIds }) => store.results.latest(monitorIds),
    'results.recent': ({ monitorId, limit }) => {
      existing(monitorId);
      return store.results.recent(monitorId, limit);
    },
    'series.get': ({ monitorId, from, to, maxPoints }) => {
      existing(monitorId);
      return store.series(monitorId, from, to, maxPoints);
    },
    'settings.get': () => settings.get(),
    'settings.update': (patch) => {
      writable();
      const next = settings.update(patch);
      bus.emit('settings', next);
      return next;
    },
  } satisfies Service;

  /** Where the scheduler hands finished probes: store (batched) then tell the renderer. */
  function record(monitor: Monitor, outcome: ProbeOutcome, startedAt: number): void {
    const result: ProbeResult = { ...outcome, monitorId: monitor.id, ts: startedAt, inMaintenance: false };
    store.results.enqueue(result);
    bus.emit('result', result);
  }

  return { service, record, resync, now: () => clock.now() };
}
