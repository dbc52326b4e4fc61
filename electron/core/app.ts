import type { AppInfo } from '../../shared/api';
import type { Monitor } from '../../shared/monitor';
import { systemClock, type Clock } from './clock';
import { createDemoController } from './demo/controller';
import { createDispatcher, type Dispatch } from './dispatch';
import { createEventBus, type EventBus } from './events';
import { runProbe } from './probes';
import { createScheduler } from './scheduler/scheduler';
import { createService } from './service';
import { createSettingsService } from './settings/settings';
import { openStore, type Store } from './store';

export interface CoreOptions {
  dbPath: string;
  mode: AppInfo['mode'];
  version: string;
  /** Review mode: open an existing database read-only; nothing is probed or written. */
  readOnly?: boolean;
  /** Load the demo workspace now if this database has never had it. */
  demo?: boolean;
  clock?: Clock;
  log?: (line: string) => void;
}

export interface Core {
  dispatch: Dispatch;
  bus: EventBus;
  store: Store;
  close(): Promise<void>;
}

/** Wires store, probes, scheduler and service together; both shells call this and nothing else. */
export async function startCore(opts: CoreOptions): Promise<Core> {
  const clock = opts.clock ?? systemClock;
  const log = opts.log ?? (() => undefined);
  const store = openStore({
    path: opts.dbPath,
    readOnly: opts.readOnly ?? false,
    now: () => clock.now(),
    onWriteError: (err) => log(`Writing results failed (kept in memory, retrying): ${err.message}`),
  });
  const bus = createEventBus();
  const scheduler = store.readOnly
    ? undefined
    : createScheduler({
        clock,
        probe: (monitor: Monitor, signal) => runProbe(monitor, { signal }),
        onResult: (monitor, outcome, startedAt) => app.record(monitor, outcome, startedAt),
      });
  const demo = store.readOnly ? undefined : createDemoController(store, () => bus.emit('monitors', { reason: 'updated' }));
  const settings = createSettingsService(store.settings);
  const app = createService({ store, bus, clock, scheduler, demo, settings, info: { version: opts.version, mode: opts.mode } });
  const dispatch = createDispatcher(app.service, (method, err) => log(`${method} failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`));

  try {
    await demo?.resume();
    if (opts.demo && !store.readOnly && store.settings.get('demo.decided') !== 'loaded') {
      await dispatch('demo.load', {});
    }
  } catch (err) {
    log(`The demo platform could not start: ${err instanceof Error ? err.message : String(err)}`);
  }
  app.resync();

  return {
    dispatch,
    bus,
    store,
    async close() {
      scheduler?.stop();
      await demo?.close();
      store.close();
    },
  };
}
