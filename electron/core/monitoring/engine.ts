import type { Alert } from '../../../shared/alerts';
import type { Monitor } from '../../../shared/monitor';
import type { ProbeOutcome } from '../../../shared/result';
import type { Clock } from '../clock';
import { createConnectivityGuard, type ConnectivityGuard } from '../connectivity/guard';
import type { ReferenceCheck } from '../connectivity/checks';
import { guardedProbe } from '../connectivity/guarded-probe';
import type { EventBus } from '../events';
import { createPowerWatch, type PowerWatch } from '../power/power';
import type { PowerRelay } from '../power/relay';
import { createScheduler, type Scheduler } from '../scheduler/scheduler';
import type { SettingsService } from '../settings/settings';
import type { Store } from '../store';
import type { GapStore } from '../store/gaps';
import type { IncidentStore } from '../store/incidents';
import { createPipeline, type MaintenanceAt, type Pipeline } from './pipeline';

const PAUSED_ALL_KEY = 'probing.pausedAll';
/** When the console last ran (ms), refreshed every minute and on stop: the next start records the time between as a gap. */
const ALIVE_KEY = 'monitoring.aliveAt';
const ALIVE_EVERY_MS = 60_000;
/** Shorter absences are an ordinary restart, not worth marking on a chart. */
const STOPPED_MIN_MS = 2 * ALIVE_EVERY_MS;

export interface MonitoringDeps {
  store: Store;
  bus: EventBus;
  clock: Clock;
  settings: SettingsService;
  probe: (monitor: Monitor, signal: AbortSignal) => Promise<ProbeOutcome>;
  maintenanceAt?: MaintenanceAt;
  notify?: (alert: Alert) => void;
  /** The shell's powerMonitor, relayed (absent: drift detection only). */
  power?: PowerRelay;
  /** Connectivity checks (tests use loopback servers); default: TCP connects + the system resolver. */
  check?: ReferenceCheck;
  includeResolver?: boolean;
  concurrency?: number;
  /** Confirmation across vantages (vantage/confirm.ts): the local outcome as the remote vantages see it. */
  confirm?: (monitor: Monitor, outcome: ProbeOutcome) => ProbeOutcome;
}

/**
 * Everything between "a probe finished" and "the operator is told": scheduler, connectivity guard,
 * sleep detection, and the result pipeline (state, incidents, alerts). One per database session.
 */
export interface Monitoring {
  /** Absent in review mode. */
  scheduler: Scheduler | undefined;
  pipeline: Pipeline;
  guard: ConnectivityGuard | undefined;
  power: PowerWatch | undefined;
  incidentStore: IncidentStore;
  gaps: GapStore;
  pausedAll(): boolean;
  setPausedAll(paused: boolean): void;
  /** The monitor list changed: keep the scheduler and the state in step. */
  sync(monitors: readonly Monitor[]): void;
  stop(): void;
}

export function createMonitoring(deps: MonitoringDeps): Monitoring {
  // A part that throws while starting (a timer refused) must not leave the parts before it running.
  const started: Array<() => void> = [];
  try {
    return startMonitoring(deps, started);
  } catch (err) {
    for (const stop of started.reverse()) stop();
    throw err;
  }
}

function startMonitoring(deps: MonitoringDeps, started: Array<() => void>): Monitoring {
  const { store, bus, clock, settings } = deps;
  const readOnly = store.readOnly;
  const gaps = store.tables.gaps;
  let scheduler: Scheduler | undefined;
  let pausedAll = !readOnly && store.settings.get(PAUSED_ALL_KEY) === '1';

  const pipeline = createPipeline({
    store,
    incidentStore: store.tables.incidentWriter,
    degradedStore: store.tables.degradedWriter,
    stateStore: store.tables.states,
    bus,
    clock,
    settings: () => settings.get(),
    ...(deps.maintenanceAt ? { maintenanceAt: deps.maintenanceAt } : {}),
    ...(deps.notify ? { notify: deps.notify } : {}),
    onRetrying: (id, retrying) => scheduler?.setRetrying(id, retrying),
  });
  // What the pipeline holds (states, incident and degraded progress) rides with the result writer, and reads see it.
  const unhold = readOnly ? undefined : store.holdsWrites(pipeline.held);
  if (unhold) started.push(unhold);

  const guard = readOnly
    ? undefined
    : createConnectivityGuard({
        clock,
        settings: () => settings.get().connectivity,
        ...(deps.check ? { check: deps.check } : {}),
        ...(deps.includeResolver !== undefined ? { includeResolver: deps.includeResolver } : {}),
        onChange(status, previousSince) {
          bus.emit('connectivity', status);
          if (status.online) {
            if (previousSince !== null && status.since !== null && status.since > previousSince)
              gaps.add(previousSince, status.since, 'offline');
            // Whatever failed while the console was offline is looked at again now, not a whole interval later.
            scheduler?.runAll();
          }
        },
      });
  if (guard) started.push(() => guard.stop());

  if (!readOnly) {
    scheduler = createScheduler({
      clock,
      probe: guard ? guardedProbe(deps.probe, guard) : deps.probe,
      onResult: (monitor, outcome, startedAt) =>
        pipeline.record(monitor, deps.confirm ? deps.confirm(monitor, outcome) : outcome, startedAt),
      retryIntervalMs: () => settings.get().probing.retryIntervalSec * 1000,
      ...(deps.concurrency !== undefined ? { concurrency: deps.concurrency } : {}),
    });
    const s = scheduler;
    started.push(() => s.stop());
    scheduler.setPausedAll(pausedAll);
  }

  const power = readOnly
    ? undefined
    : createPowerWatch({
        clock,
        onSleep: (at) => bus.emit('power', { action: 'slept', at }),
        onWake(from, to) {
          gaps.add(from, to, 'asleep');
          guard?.invalidate();
          pipeline.woke(to);
          bus.emit('power', { action: 'woke', at: to, gapMs: to - from });
          scheduler?.runAll();
        },
      });
  if (power) started.push(() => power.stop());
  const unsubscribePower = power && deps.power ? deps.power.subscribe(power) : undefined;
  if (unsubscribePower) started.push(unsubscribePower);

  // The app was not running (quit, crashed, machine off): charts say so instead of showing a hole.
  // The mark rides with the result writer's batch, like the results it vouches for (a commit of its
  // own each minute was most of the console's small writes): after a crash the `stopped` gap starts
  // about where the stored results end. A mark no batch took within a minute (all paused) goes alone.
  let aliveTimer: ReturnType<Clock['setTimeout']> | undefined;
  let aliveDue: number | undefined;
  let unholdAlive: (() => void) | undefined;
  const markAlive = () => {
    aliveDue = undefined;
    store.settings.set(ALIVE_KEY, String(clock.now()));
  };
  if (!readOnly) {
    const last = Number(store.settings.get(ALIVE_KEY));
    const now = clock.now();
    if (Number.isFinite(last) && last > 0 && now - last > STOPPED_MIN_MS) gaps.add(last, now, 'stopped');
    markAlive();
    unholdAlive = store.holdsWrites({
      pending: () => aliveDue !== undefined,
      write: () => void (aliveDue !== undefined && store.settings.set(ALIVE_KEY, String(aliveDue))),
      written: () => void (aliveDue = undefined),
    });
    started.push(unholdAlive);
    const tick = () => {
      if (aliveDue !== undefined) markAlive();
      else aliveDue = clock.now();
      aliveTimer = clock.setTimeout(tick, ALIVE_EVERY_MS);
    };
    aliveTimer = clock.setTimeout(tick, ALIVE_EVERY_MS);
  }

  // Paused spans (store/gaps.ts) as recorded: what the uptime accounting excludes. A session goes on
  // from the open ones; a pause held before spans were recorded is recorded from this session's start.
  const pausedNow = new Set<number | null>(readOnly ? [] : gaps.openPauses());
  const recordPause = (id: number | null, paused: boolean, at: number) => {
    if (readOnly || pausedNow.has(id) === paused) return;
    if (paused) {
      gaps.pauseStarted(id, at);
      pausedNow.add(id);
    } else {
      gaps.pauseEnded(id, at);
      pausedNow.delete(id);
    }
  };
  recordPause(null, pausedAll, clock.now());

  let known = new Set<number>();
  return {
    scheduler,
    pipeline,
    guard,
    power,
    incidentStore: store.tables.incidents,
    gaps,
    pausedAll: () => pausedAll,
    setPausedAll(paused) {
      if (readOnly) return;
      pausedAll = paused;
      store.settings.set(PAUSED_ALL_KEY, paused ? '1' : '0');
      scheduler?.setPausedAll(paused);
      const now = clock.now();
      recordPause(null, paused, now);
      for (const m of store.monitors.list()) {
        if (paused) pipeline.pause(m.id, now);
        else if (!m.paused) pipeline.resume(m.id);
      }
    },
    sync(monitors) {
      scheduler?.sync(monitors);
      const next = new Set<number>();
      const now = clock.now();
      for (const m of monitors) {
        next.add(m.id);
        if (readOnly) continue;
        // Edited, applied from a workspace file or paused from the console: every change comes through here.
        recordPause(m.id, m.paused, now);
        if (m.paused || pausedAll) pipeline.pause(m.id, now);
        else pipeline.resume(m.id);
      }
      for (const id of known)
        if (!next.has(id)) {
          pipeline.forget(id);
          pausedNow.delete(id); // its spans went with it (ON DELETE CASCADE)
        }
      known = next;
    },
    stop() {
      scheduler?.stop();
      guard?.stop();
      power?.stop();
      unsubscribePower?.();
      if (aliveTimer !== undefined) clock.clearTimeout(aliveTimer);
      if (!readOnly) {
        unhold?.();
        unholdAlive?.();
        pipeline.flush();
        markAlive();
      }
    },
  };
}
