import type { Alert } from '../../../shared/alerts';
import type { Monitor } from '../../../shared/monitor';
import type { ProbeOutcome, ProbeResult } from '../../../shared/result';
import type { Settings } from '../../../shared/settings';
import type { MonitorState } from '../../../shared/state';
import { decideAlert, type AlertMemory } from '../alerts/decide';
import type { Clock } from '../clock';
import type { EventBus } from '../events';
import { createIncidents, type FailureRun, type Incidents } from '../incidents/incidents';
import type { Store } from '../store';
import type { IncidentStore } from '../store/incidents';
import type { StateStore } from '../store/state';
import { newTracker, observe, resetPending, updateFlapping, type Rules, type Tracker } from './machine';

/** Which maintenance window (if any) covers a monitor at a time; wired to electron/core/maintenance. */
export type MaintenanceAt = (monitor: Monitor, ts: number) => { windowId: number } | undefined;

export const CONSOLE_ASLEEP = 'console_asleep';

export interface PipelineDeps {
  store: Pick<Store, 'results'>;
  incidentStore: IncidentStore;
  stateStore: StateStore;
  bus: EventBus;
  clock: Clock;
  settings: () => Settings;
  maintenanceAt?: MaintenanceAt;
  /** Where decided alerts go (default: the `alert` event). */
  notify?: (alert: Alert) => void;
  /** A failure is being confirmed (probe faster) or no longer. */
  onRetrying?: (monitorId: number, retrying: boolean) => void;
}

interface Entry {
  tracker: Tracker;
  mem: AlertMemory;
  /** Consecutive `down` results so far: what an incident opened now starts from. */
  run: FailureRun | null;
  retrying: boolean;
  inMaintenance: boolean;
}

export interface Pipeline {
  /** Where the scheduler hands finished probes: maintenance flag → store → state → incidents → alerts → events. */
  record(monitor: Monitor, outcome: ProbeOutcome, startedAt: number): ProbeResult;
  /** After sleep: probes that spanned it are unknown, and half-confirmed failures confirm afresh. */
  woke(at: number): void;
  pause(monitorId: number, at: number): void;
  resume(monitorId: number): void;
  snooze(monitorId: number, until: number | null): void;
  state(monitor: Monitor, pausedAll: boolean): MonitorState;
  forget(monitorId: number): void;
  downCount(): number;
  incidents: Incidents;
  flush(): void;
}

export function createPipeline(deps: PipelineDeps): Pipeline {
  const { bus, clock } = deps;
  const notify = deps.notify ?? ((a: Alert) => bus.emit('alert', a));
  const incidents = createIncidents(deps.incidentStore, () => clock.now(), (e) => bus.emit('incident', e));
  const entries = new Map<number, Entry>();
  let wokeAt = -Infinity;
  let alertSeq = 0;

  for (const p of deps.stateStore.all()) {
    const tracker = newTracker(p.state, p.since);
    tracker.changes = p.changes;
    entries.set(p.monitorId, { tracker, mem: { alerted: p.alerted, lastAlertAt: p.lastAlertAt, snoozedUntil: p.snoozedUntil }, run: null, retrying: false, inMaintenance: false });
  }

  function entry(id: number): Entry {
    let e = entries.get(id);
    if (!e) entries.set(id, (e = { tracker: newTracker(), mem: { alerted: false, lastAlertAt: null, snoozedUntil: null }, run: null, retrying: false, inMaintenance: false }));
    return e;
  }

  function save(id: number, e: Entry): void {
    const t = e.tracker;
    deps.stateStore.save({ monitorId: id, state: t.state, since: t.since, changes: t.changes, alerted: e.mem.alerted, lastAlertAt: e.mem.lastAlertAt, snoozedUntil: e.mem.snoozedUntil });
  }

  function view(id: number, e: Entry | undefined, paused: boolean): MonitorState {
    const t = e?.tracker;
    return {
      monitorId: id,
      state: paused ? 'paused' : (t?.state ?? 'unknown'),
      since: t?.since ?? null,
      flapping: t?.flapping ?? false,
      incidentId: incidents.openId(id),
      inMaintenance: e?.inMaintenance ?? false,
      pendingFailures: t?.worse ?? 0,
      snoozedUntil: e?.mem.snoozedUntil !== null && e?.mem.snoozedUntil !== undefined && e.mem.snoozedUntil > clock.now() ? e.mem.snoozedUntil : null,
    };
  }

  function rules(monitor: Monitor, s: Settings): Rules {
    return { retries: monitor.retries, recoveries: s.probing.recoveries, flapChanges: s.flapping.changes, flapWindowMs: s.flapping.minutes * 60_000 };
  }

  function record(monitor: Monitor, outcome: ProbeOutcome, startedAt: number): ProbeResult {
    const s = deps.settings();
    let o = outcome;
    if (startedAt < wokeAt && o.status !== 'up') {
      o = { status: 'unknown', latencyMs: null, errorCode: CONSOLE_ASLEEP, message: `The console slept while this probe ran (${o.message ?? o.errorCode ?? o.status})` };
    }
    const w = deps.maintenanceAt?.(monitor, startedAt);
    const result: ProbeResult = { ...o, monitorId: monitor.id, ts: startedAt, inMaintenance: w !== undefined };
    deps.store.results.enqueue(result);
    bus.emit('result', result);

    const e = entry(monitor.id);
    const t = e.tracker;
    if (t.state === 'paused') return result;
    const before = { pending: t.worse, flapping: t.flapping, maint: e.inMaintenance, alerted: e.mem.alerted };
    e.inMaintenance = w !== undefined;

    if (o.status === 'down') {
      e.run ??= { startedAt, count: 0, firstErrorCode: o.errorCode ?? null, firstError: o.message ?? null, lastErrorCode: null, lastError: null, windowId: null };
      e.run.count++;
      e.run.lastErrorCode = o.errorCode ?? null;
      e.run.lastError = o.message ?? null;
      e.run.windowId ??= w?.windowId ?? null;
    } else if (o.status !== 'unknown') {
      e.run = null;
    }

    const r = rules(monitor, s);
    const tr = observe(t, o.status, startedAt, r);
    if (!tr) updateFlapping(t, startedAt, r);
    const flapChanged = t.flapping !== before.flapping;

    let incidentId = incidents.openId(monitor.id);
    if (tr?.to === 'down') {
      const run = e.run ?? { startedAt: tr.at, count: 1, firstErrorCode: o.errorCode ?? null, firstError: o.message ?? null, lastErrorCode: o.errorCode ?? null, lastError: o.message ?? null, windowId: w?.windowId ?? null };
      incidentId = incidents.open(monitor.id, { ...run, startedAt: tr.at }).id;
      e.run = null;
    } else if (tr?.from === 'down') {
      incidentId = incidents.close(monitor.id, tr.at)?.id ?? null;
    } else if (t.state === 'down' && o.status === 'down') {
      incidents.failure(monitor.id, startedAt, o.errorCode ?? null, o.message ?? null, w?.windowId ?? null);
    }

    const draft = decideAlert(e.mem, {
      monitorId: monitor.id,
      monitorName: monitor.name,
      now: clock.now(),
      state: t.state,
      transition: tr,
      flapping: t.flapping,
      flapChanged,
      flapCount: t.changes.length,
      flapMinutes: s.flapping.minutes,
      incidentId,
      inMaintenance: e.inMaintenance,
      settings: s.alerts,
    });

    if (tr || flapChanged || draft || e.mem.alerted !== before.alerted) save(monitor.id, e);
    if (tr || flapChanged || t.worse !== before.pending || e.inMaintenance !== before.maint) bus.emit('state', view(monitor.id, e, false));
    if (draft) notify({ ...draft, id: `${monitor.id}-${draft.at}-${++alertSeq}`, downCount: downCount() });

    const retrying = t.worse > 0;
    if (retrying !== e.retrying) {
      e.retrying = retrying;
      deps.onRetrying?.(monitor.id, retrying);
    }
    return result;
  }

  function downCount(): number {
    let n = 0;
    for (const e of entries.values()) if (e.tracker.state === 'down') n++;
    return n;
  }

  return {
    record,
    woke(at) {
      wokeAt = at;
      for (const [id, e] of entries) {
        resetPending(e.tracker);
        e.run = null;
        if (e.retrying) {
          e.retrying = false;
          deps.onRetrying?.(id, false);
        }
      }
    },
    pause(monitorId, at) {
      const e = entry(monitorId);
      if (e.tracker.state === 'paused') return;
      // Pausing ends the run of `down` the operator is watching: the incident closes here.
      incidents.close(monitorId, at);
      e.tracker = newTracker('paused', at);
      e.run = null;
      e.mem.alerted = false;
      save(monitorId, e);
      bus.emit('state', view(monitorId, e, true));
    },
    resume(monitorId) {
      const e = entry(monitorId);
      if (e.tracker.state !== 'paused') return;
      e.tracker = newTracker();
      save(monitorId, e);
      bus.emit('state', view(monitorId, e, false));
    },
    snooze(monitorId, until) {
      const e = entry(monitorId);
      e.mem.snoozedUntil = until;
      save(monitorId, e);
      bus.emit('state', view(monitorId, e, false));
    },
    state: (monitor, pausedAll) => view(monitor.id, entries.get(monitor.id), pausedAll || monitor.paused || entries.get(monitor.id)?.tracker.state === 'paused'),
    forget(monitorId) {
      entries.delete(monitorId);
      incidents.forget(monitorId);
    },
    downCount,
    incidents,
    flush: () => incidents.flush(),
  };
}
