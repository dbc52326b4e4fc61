import type { Monitor } from '../../../shared/monitor';
import type { ProbeOutcome } from '../../../shared/result';
import type { Clock, TimerHandle } from '../clock';
import { nextSlot, phaseOffsetMs } from './phase';

export interface SchedulerDeps {
  clock: Clock;
  probe: (monitor: Monitor, signal: AbortSignal) => Promise<ProbeOutcome>;
  /** Called once per finished probe with the time it started. */
  onResult: (monitor: Monitor, outcome: ProbeOutcome, startedAt: number) => void;
  /** Probes allowed in flight at once across all monitors. */
  concurrency?: number;
  /** Interval while a failure is being confirmed (see setRetrying); default 10 s, never under 5 s. */
  retryIntervalMs?: () => number;
}

const MIN_INTERVAL_MS = 5000;

export interface Scheduler {
  /** Brings timers in line with the monitor list: adds, re-times changed ones, drops removed ones. */
  sync(monitors: readonly Monitor[]): void;
  /** Probes a monitor as soon as a slot is free (e.g. just created), then keeps its beat. */
  runNow(id: number): void;
  /** Probes every active monitor as soon as slots free up (connectivity back, woke up). */
  runAll(): void;
  /** While a failure is being confirmed the monitor is probed at the faster retry interval. */
  setRetrying(id: number, retrying: boolean): void;
  /** Pause or resume every monitor at once (each monitor's own `paused` still applies). */
  setPausedAll(paused: boolean): void;
  stop(): void;
  inFlight(): number;
}

interface Entry {
  monitor: Monitor;
  timer: TimerHandle | undefined;
  running: AbortController | undefined;
  queued: boolean;
  retrying: boolean;
  lastStart: number;
}

export function createScheduler({ clock, probe, onResult, concurrency = 32, retryIntervalMs }: SchedulerDeps): Scheduler {
  const entries = new Map<number, Entry>();
  const queue: number[] = [];
  let active = 0;
  let stopped = false;
  let pausedAll = false;

  function arm(entry: Entry): void {
    if (entry.timer !== undefined) clock.clearTimeout(entry.timer);
    entry.timer = undefined;
    if (entry.monitor.paused || pausedAll || stopped) return;
    const interval = Math.max(MIN_INTERVAL_MS, entry.monitor.intervalSec * 1000);
    const now = clock.now();
    let due = nextSlot(now, interval, phaseOffsetMs(entry.monitor.id, interval));
    if (entry.retrying) due = Math.min(due, now + Math.max(MIN_INTERVAL_MS, retryIntervalMs?.() ?? 10_000));
    entry.timer = clock.setTimeout(() => {
      entry.timer = undefined;
      enqueue(entry);
      arm(entry);
    }, due - now);
  }

  function enqueue(entry: Entry): void {
    // A probe still running (or waiting) when its next slot comes is not doubled up.
    if (entry.running || entry.queued || stopped) return;
    entry.queued = true;
    queue.push(entry.monitor.id);
    pump();
  }

  function pump(): void {
    while (active < concurrency && queue.length > 0) {
      const id = queue.shift()!;
      const entry = entries.get(id);
      if (!entry) continue;
      entry.queued = false;
      start(entry);
    }
  }

  function start(entry: Entry): void {
    const monitor = entry.monitor;
    const controller = new AbortController();
    entry.running = controller;
    active++;
    const startedAt = clock.now();
    entry.lastStart = startedAt;
    probe(monitor, controller.signal)
      .catch((err: unknown): ProbeOutcome => ({
        status: 'unknown',
        latencyMs: null,
        errorCode: 'probe_crashed',
        message: `The probe itself failed: ${err instanceof Error ? err.message : String(err)}`,
      }))
      .then((outcome) => {
        // A monitor deleted or edited mid-probe must not record a result for the old definition.
        if (!controller.signal.aborted && entries.get(monitor.id)?.monitor === monitor) onResult(monitor, outcome, startedAt);
      })
      .finally(() => {
        active--;
        if (entry.running === controller) entry.running = undefined;
        pump();
      });
  }

  return {
    sync(monitors) {
      const keep = new Set<number>();
      for (const m of monitors) {
        keep.add(m.id);
        const existing = entries.get(m.id);
        if (!existing) {
          const entry: Entry = { monitor: m, timer: undefined, running: undefined, queued: false, retrying: false, lastStart: -Infinity };
          entries.set(m.id, entry);
          arm(entry);
        } else if (JSON.stringify(existing.monitor) !== JSON.stringify(m)) {
          existing.running?.abort();
          existing.running = undefined;
          existing.monitor = m;
          arm(existing);
        }
      }
      for (const [id, entry] of entries) {
        if (keep.has(id)) continue;
        if (entry.timer !== undefined) clock.clearTimeout(entry.timer);
        entry.running?.abort();
        entries.delete(id);
      }
    },
    runNow(id) {
      const entry = entries.get(id);
      if (entry && !entry.monitor.paused && !pausedAll) enqueue(entry);
    },
    runAll() {
      if (pausedAll) return;
      const now = clock.now();
      for (const entry of entries.values()) {
        if (entry.monitor.paused) continue;
        // Back on the grid: a slot that fell due while asleep / offline must not fire right after this probe.
        arm(entry);
        if (entry.lastStart !== now) enqueue(entry);
      }
    },
    setRetrying(id, retrying) {
      const entry = entries.get(id);
      if (!entry || entry.retrying === retrying) return;
      entry.retrying = retrying;
      // Called as a result is recorded, i.e. after the probe: the next one is a retry interval from now.
      arm(entry);
    },
    setPausedAll(paused) {
      if (pausedAll === paused) return;
      pausedAll = paused;
      for (const entry of entries.values()) {
        if (paused) {
          entry.running?.abort();
          entry.queued = false;
        }
        arm(entry);
      }
      if (paused) queue.length = 0;
    },
    stop() {
      stopped = true;
      queue.length = 0;
      for (const entry of entries.values()) {
        if (entry.timer !== undefined) clock.clearTimeout(entry.timer);
        entry.running?.abort();
      }
      entries.clear();
    },
    inFlight: () => active,
  };
}
