import type { Alert } from '../../../shared/alerts';
import type { Monitor } from '../../../shared/monitor';
import type { ProbeOutcome, ProbeResult } from '../../../shared/result';
import type { Settings } from '../../../shared/settings';
import type { MonitorState } from '../../../shared/state';
import { decideAlert, type AlertMemory } from '../alerts/decide';
import type { Clock } from '../clock';
import type { EventBus } from '../events';
import { createMonitorIdMap } from '../monitor-id-map';
import { createIncidents, type FailureRun, type Incidents } from '../incidents/incidents';
import type { HeldWrites, Store } from '../store';
import type { IncidentStore } from '../store/incidents';
import type { DegradedStore } from '../store/degraded';
import { createDegradedStretches } from '../incidents/degraded';
import type { StateStore } from '../store/state';
import { newTracker, observe, resetPending, updateFlapping, type Rules, type Tracker } from './machine';

/** Which maintenance window (if any) covers a monitor at a time; wired to electron/core/maintenance. */
export type MaintenanceAt = (monitor: Monitor, ts: number) => { windowId: number } | undefined;

export const CONSOLE_ASLEEP = 'console_asleep';

export interface PipelineDeps {
  store: Pick<Store, 'results'>;
  incidentStore: IncidentStore;
  /** Where runs of confirmed degraded state are recorded (absent: not recorded). */
  degradedStore?: DegradedStore;
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
  /**
   * Confirmed up with nothing pending, retrying, flapping or in the flapping window: an `up` result
   * then changes nothing. Kept in step with the tracker (see `steady`) so the common case reads only
   * this entry, not the tracker and its change list (cold in memory with thousands of monitors).
   */
  steadyUp: boolean;
  /** `rules` made for `rulesFor` under `rulesSettings`, reused while neither changes. */
  rules: Rules | undefined;
  rulesFor: Monitor | undefined;
  rulesSettings: Settings | undefined;
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
  /**
   * State saves, incident progress and closes, degraded progress: held in memory and written with
   * the result writer's next batch (the engine registers them with the store), or by `flush`.
   */
  held: HeldWrites;
  /** Writes what is held now, on its own (shutdown; a pipeline with no result writer to ride with). */
  flush(): void;
}

/**
 * The outcome as a stored result. Field by field on purpose: on Node 20 `{ ...o, monitorId, ... }`
 * takes V8's slow path (about 2 µs, more than the rest of `record`), a plain literal does not.
 */
function toResult(o: ProbeOutcome, monitorId: number, ts: number, inMaintenance: boolean): ProbeResult {
  const r: ProbeResult = { status: o.status, latencyMs: o.latencyMs, monitorId, ts, inMaintenance };
  if (o.phases !== undefined) r.phases = o.phases;
  if (o.errorCode !== undefined) r.errorCode = o.errorCode;
  if (o.message !== undefined) r.message = o.message;
  if (o.details !== undefined) r.details = o.details;
  return r;
}

export function createPipeline(deps: PipelineDeps): Pipeline {
  const { bus, clock } = deps;
  const notify = deps.notify ?? ((a: Alert) => bus.emit('alert', a));
  const incidents = createIncidents(
    deps.incidentStore,
    () => clock.now(),
    (e) => bus.emit('incident', e),
  );
  const stretches = deps.degradedStore ? createDegradedStretches(deps.degradedStore) : undefined;
  const entries = createMonitorIdMap<Entry>();
  let wokeAt = -Infinity;
  let alertSeq = 0;
  /** Monitors whose confirmed state is `down`, kept in step with every tracker change. */
  let downs = 0;

  const newEntry = (tracker: Tracker, mem: AlertMemory): Entry => {
    const e: Entry = {
      tracker,
      mem,
      run: null,
      retrying: false,
      inMaintenance: false,
      steadyUp: false,
      rules: undefined,
      rulesFor: undefined,
      rulesSettings: undefined,
    };
    e.steadyUp = steady(e);
    return e;
  };
  const steady = (e: Entry): boolean => {
    const t = e.tracker;
    return t.state === 'up' && t.worse === 0 && t.better === 0 && !t.flapping && t.changes.length === 0 && !e.retrying;
  };

  for (const p of deps.stateStore.all()) {
    const tracker = newTracker(p.state, p.since);
    tracker.changes = p.changes;
    entries.set(
      p.monitorId,
      newEntry(tracker, { alerted: p.alerted, lastAlertAt: p.lastAlertAt, snoozedUntil: p.snoozedUntil }),
    );
    if (p.state === 'down') downs++;
  }

  function entry(id: number): Entry {
    let e = entries.get(id);
    if (!e) entries.set(id, (e = newEntry(newTracker(), { alerted: false, lastAlertAt: null, snoozedUntil: null })));
    return e;
  }

  /** Monitors whose persisted state changed since the last write. */
  const dirtyStates = new Set<number>();
  const save = (id: number): void => void dirtyStates.add(id);
  function saveNow(id: number, e: Entry): void {
    dirtyStates.delete(id);
    writeState(id, e);
  }
  function writeState(id: number, e: Entry): void {
    const t = e.tracker;
    deps.stateStore.save({
      monitorId: id,
      state: t.state,
      since: t.since,
      changes: t.changes,
      alerted: e.mem.alerted,
      lastAlertAt: e.mem.lastAlertAt,
      snoozedUntil: e.mem.snoozedUntil,
    });
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
      snoozedUntil:
        e?.mem.snoozedUntil !== null && e?.mem.snoozedUntil !== undefined && e.mem.snoozedUntil > clock.now()
          ? e.mem.snoozedUntil
          : null,
    };
  }

  function rules(e: Entry, monitor: Monitor, s: Settings): Rules {
    if (e.rules === undefined || e.rulesFor !== monitor || e.rulesSettings !== s) {
      e.rules = {
        retries: monitor.retries,
        recoveries: s.probing.recoveries,
        flapChanges: s.flapping.changes,
        flapWindowMs: s.flapping.minutes * 60_000,
      };
      e.rulesFor = monitor;
      e.rulesSettings = s;
    }
    return e.rules;
  }

  function record(monitor: Monitor, outcome: ProbeOutcome, startedAt: number): ProbeResult {
    const s = deps.settings();
    let o = outcome;
    if (startedAt < wokeAt && o.status !== 'up') {
      o = {
        status: 'unknown',
        latencyMs: null,
        errorCode: CONSOLE_ASLEEP,
        message: `The console slept while this probe ran (${o.message ?? o.errorCode ?? o.status})`,
      };
    }
    const w = deps.maintenanceAt?.(monitor, startedAt);
    const result = toResult(o, monitor.id, startedAt, w !== undefined);
    deps.store.results.enqueue(result);
    bus.emit('result', result);

    const e = entry(monitor.id);
    const inMaintenance = w !== undefined;
    // Nearly every result: up, as confirmed, nothing pending, not flapping and not starting to, no
    // maintenance change. Everything below would then change nothing, emit nothing and owe no alert
    // (decideAlert is silent for `up` without a transition or flapping change).
    if (e.steadyUp && o.status === 'up' && e.inMaintenance === inMaintenance) {
      e.run = null;
      return result;
    }
    const t = e.tracker;
    if (t.state === 'paused') return result;
    const wasPending = t.worse;
    const wasFlapping = t.flapping;
    const wasInMaintenance = e.inMaintenance;
    if (
      o.status === 'up' &&
      t.state === 'up' &&
      t.worse === 0 &&
      t.better === 0 &&
      !wasFlapping &&
      !e.retrying &&
      wasInMaintenance === inMaintenance &&
      !updateFlapping(t, startedAt, rules(e, monitor, s))
    ) {
      // The same, with state changes still inside the flapping window (too few to flap).
      e.run = null;
      e.steadyUp = t.changes.length === 0;
      return result;
    }
    const wasAlerted = e.mem.alerted;
    const r = rules(e, monitor, s);
    e.inMaintenance = inMaintenance;

    if (o.status === 'down') {
      e.run ??= {
        startedAt,
        count: 0,
        firstErrorCode: o.errorCode ?? null,
        firstError: o.message ?? null,
        lastErrorCode: null,
        lastError: null,
        windowId: null,
      };
      e.run.count++;
      e.run.lastErrorCode = o.errorCode ?? null;
      e.run.lastError = o.message ?? null;
      e.run.windowId ??= w?.windowId ?? null;
    } else if (o.status !== 'unknown') {
      e.run = null;
    }

    const tr = observe(t, o.status, startedAt, r);
    if (!tr) updateFlapping(t, startedAt, r);
    const flapChanged = t.flapping !== wasFlapping;
    if (tr?.from === 'down') downs--;
    if (tr?.to === 'down') downs++;

    let incidentId = incidents.openId(monitor.id);
    if (tr?.to === 'down') {
      const run = e.run ?? {
        startedAt: tr.at,
        count: 1,
        firstErrorCode: o.errorCode ?? null,
        firstError: o.message ?? null,
        lastErrorCode: o.errorCode ?? null,
        lastError: o.message ?? null,
        windowId: w?.windowId ?? null,
      };
      incidentId = incidents.open(monitor.id, { ...run, startedAt: tr.at }).id;
      e.run = null;
    } else if (tr?.from === 'down') {
      incidentId = incidents.close(monitor.id, tr.at)?.id ?? null;
    } else if (t.state === 'down' && o.status === 'down') {
      incidents.failure(monitor.id, startedAt, o.errorCode ?? null, o.message ?? null, w?.windowId ?? null);
    }

    if (stretches) {
      if (tr?.from === 'degraded') stretches.close(monitor.id, tr.at);
      if (tr?.to === 'degraded') stretches.open(monitor.id, tr.at, o.errorCode ?? null, o.message ?? null, o.latencyMs);
      else if (!tr && t.state === 'degraded' && o.status !== 'unknown') stretches.observe(monitor.id, o.latencyMs);
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
      reason: o.message,
    });

    if (tr || flapChanged || draft || e.mem.alerted !== wasAlerted) save(monitor.id);
    if (tr || flapChanged || t.worse !== wasPending || e.inMaintenance !== wasInMaintenance)
      bus.emit('state', view(monitor.id, e, false));
    if (draft) notify({ ...draft, id: `${monitor.id}-${draft.at}-${++alertSeq}`, downCount: downCount() });

    const retrying = t.worse > 0;
    if (retrying !== e.retrying) {
      e.retrying = retrying;
      deps.onRetrying?.(monitor.id, retrying);
    }
    e.steadyUp = steady(e);
    return result;
  }

  function downCount(): number {
    return downs;
  }

  const held: HeldWrites = {
    pending: () => dirtyStates.size > 0 || incidents.pending() || (stretches?.pending() ?? false),
    write() {
      for (const id of dirtyStates) {
        const e = entries.get(id);
        if (e) writeState(id, e);
      }
      incidents.write();
      stretches?.flush();
    },
    written() {
      dirtyStates.clear();
      incidents.written();
    },
  };
  function flush(): void {
    if (!held.pending()) return;
    held.write();
    held.written();
  }

  return {
    record,
    woke(at) {
      wokeAt = at;
      for (const [id, e] of entries.entries()) {
        resetPending(e.tracker);
        e.run = null;
        if (e.retrying) {
          e.retrying = false;
          deps.onRetrying?.(id, false);
        }
        e.steadyUp = steady(e);
      }
    },
    pause(monitorId, at) {
      const e = entry(monitorId);
      if (e.tracker.state === 'paused') return;
      // Pausing ends the run of `down` the operator is watching: the incident closes here.
      incidents.close(monitorId, at);
      stretches?.close(monitorId, at);
      if (e.tracker.state === 'down') downs--;
      e.tracker = newTracker('paused', at);
      e.steadyUp = false;
      e.run = null;
      e.mem.alerted = false;
      saveNow(monitorId, e);
      flush(); // the incident's close with it: an operator's action is on disk at once
      bus.emit('state', view(monitorId, e, true));
    },
    resume(monitorId) {
      const e = entry(monitorId);
      if (e.tracker.state !== 'paused') return;
      e.tracker = newTracker();
      e.steadyUp = false;
      saveNow(monitorId, e);
      bus.emit('state', view(monitorId, e, false));
    },
    snooze(monitorId, until) {
      const e = entry(monitorId);
      e.mem.snoozedUntil = until;
      saveNow(monitorId, e);
      bus.emit('state', view(monitorId, e, false));
    },
    state: (monitor, pausedAll) =>
      view(
        monitor.id,
        entries.get(monitor.id),
        pausedAll || monitor.paused || entries.get(monitor.id)?.tracker.state === 'paused',
      ),
    forget(monitorId) {
      if (entries.get(monitorId)?.tracker.state === 'down') downs--;
      entries.delete(monitorId);
      dirtyStates.delete(monitorId);
      incidents.forget(monitorId);
      stretches?.forget(monitorId);
    },
    downCount,
    incidents,
    held,
    flush,
  };
}
