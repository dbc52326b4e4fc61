import type { Service } from '../../../shared/api';
import { ApiError } from '../../../shared/errors';
import type { MonitorState } from '../../../shared/state';
import type { Clock } from '../clock';
import type { EventBus } from '../events';
import type { Store } from '../store';
import type { Monitoring } from './engine';

type Handlers = Pick<
  Service,
  | 'state.list'
  | 'incidents.list'
  | 'incidents.get'
  | 'incidents.acknowledge'
  | 'incidents.addNote'
  | 'monitors.pause'
  | 'monitors.resume'
  | 'monitors.pauseAll'
  | 'monitors.resumeAll'
  | 'alerts.snooze'
  | 'connectivity.status'
  | 'gaps.list'
>;

/** The incidents / state / alerts part of the Api. */
export function createMonitoringHandlers(
  m: Monitoring,
  store: Store,
  bus: EventBus,
  clock: Clock,
  resync: () => void,
): Handlers {
  const incident = (id: number) => {
    const i = m.incidentStore.get(id, clock.now());
    if (!i) throw new ApiError('not_found', `Incident ${id} does not exist`);
    return i;
  };
  const monitor = (id: number) => {
    const found = store.monitors.get(id);
    if (!found) throw new ApiError('not_found', `Monitor ${id} does not exist`);
    return found;
  };
  const setPaused = (id: number, paused: boolean): MonitorState => {
    const { id: _id, createdAt: _c, ...draft } = monitor(id);
    const updated = store.monitors.update(id, { ...draft, paused });
    resync();
    bus.emit('monitors', { reason: 'updated', id });
    return m.pipeline.state(updated, m.pausedAll());
  };

  return {
    'state.list': () => store.monitors.list().map((mon) => m.pipeline.state(mon, m.pausedAll())),
    'incidents.list': ({ limit, offset, monitorId, from, to }) => {
      return m.incidentStore.list({ limit, offset, monitorId, from, to }, clock.now());
    },
    'incidents.get': ({ id }) => incident(id),
    'incidents.acknowledge': ({ id, by }) => {
      incident(id);
      m.incidentStore.acknowledge(id, by, clock.now());
      const updated = incident(id);
      bus.emit('incident', { action: 'updated', incident: updated });
      return updated;
    },
    'incidents.addNote': ({ id, text, by }) => {
      incident(id);
      m.incidentStore.addNote(id, clock.now(), by ?? null, text);
      const updated = incident(id);
      bus.emit('incident', { action: 'updated', incident: updated });
      return updated;
    },
    'monitors.pause': ({ id }) => setPaused(id, true),
    'monitors.resume': ({ id }) => setPaused(id, false),
    'monitors.pauseAll': () => {
      m.setPausedAll(true);
      return { pausedAll: true };
    },
    'monitors.resumeAll': () => {
      m.setPausedAll(false);
      return { pausedAll: false };
    },
    'alerts.snooze': ({ monitorId, minutes }) => {
      monitor(monitorId);
      const until = minutes === 0 ? null : clock.now() + minutes * 60_000;
      m.pipeline.snooze(monitorId, until);
      return { monitorId, until };
    },
    'connectivity.status': () =>
      m.guard?.status() ?? { enabled: false, online: true, checkedAt: null, since: null, targets: [] },
    'gaps.list': ({ from, to }) => m.gaps.gaps(from, to),
  };
}
