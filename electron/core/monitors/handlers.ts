import type { Monitor } from '../../../shared/monitor';
import { ApiError } from '../../../shared/errors';
import { settleDemoOffer } from '../demo/first-run';
import type { EventBus } from '../events';
import type { Handlers } from '../handlers';
import type { Scheduler } from '../scheduler/scheduler';
import type { SecretBox } from '../secrets/box';
import { maskSecrets, sealSecrets } from '../secrets/monitor-secrets';
import type { Store } from '../store';

export interface MonitorHandlerDeps {
  store: Store;
  bus: EventBus;
  secrets: SecretBox;
  /** Absent in review mode: nothing is probed. */
  scheduler: Scheduler | undefined;
  /** Hands the edited monitor list to the monitoring runtime. */
  resync: () => void;
}

export function existingMonitor(store: Store, id: number): Monitor {
  const m = store.monitors.get(id);
  if (!m) throw new ApiError('not_found', `Monitor ${id} does not exist`);
  return m;
}

/** Monitor definitions. Secrets never leave the core: the renderer sees masks, and a mask sent back keeps the stored value. */
export function createMonitorHandlers({
  store,
  bus,
  secrets,
  scheduler,
  resync,
}: MonitorHandlerDeps): Handlers<'monitors.list' | 'monitors.create' | 'monitors.update' | 'monitors.delete'> {
  return {
    'monitors.list': () => store.monitors.list().map(maskSecrets),
    'monitors.create': (draft) => {
      const m = maskSecrets(store.monitors.create(sealSecrets(draft, secrets)));
      settleDemoOffer(store);
      resync();
      // The operator just added it: show a first result now rather than a whole interval later.
      scheduler?.runNow(m.id);
      bus.emit('monitors', { reason: 'created', id: m.id });
      return m;
    },
    'monitors.update': ({ id, monitor }) => {
      const before = existingMonitor(store, id);
      const m = maskSecrets(store.monitors.update(id, sealSecrets(monitor, secrets, before)));
      resync();
      scheduler?.runNow(m.id);
      bus.emit('monitors', { reason: 'updated', id });
      return m;
    },
    'monitors.delete': ({ id }) => {
      existingMonitor(store, id);
      store.monitors.delete(id);
      resync();
      bus.emit('monitors', { reason: 'deleted', id });
      return { id };
    },
  };
}
