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
}

export interface Scheduler {
  /** Brings timers in line with the monitor list: adds, re-times changed ones, drops removed ones. */
  sync(monitors: readonly Monitor[]): void;
  /** Probes a monitor as soon as a slot is free (e.g. just created), then keeps its beat. */
  runNow(id: number): void;
  stop(): void;
  inFlight(): number;
}

interface Entry {
  monitor: Monitor;
  timer: TimerHandle | undefined;
  running: AbortController | undefined;
  queued: boolean;
}

export function createScheduler({ clock, probe, onResult, concurrency = 32 }: SchedulerDeps): Scheduler {
  const entries = new Map<number, Entry>();
  const queue: number[] = [];
  let active = 0;
  let stopped = false;

  function arm(entry: Entry): void {
    if (entry.timer !== undefined) clock.clearTimeout(entry.timer);
    entry.timer = undefined;
    if (entry.monitor.paused || stopped) return;
    const interval = entry.monitor.intervalSec * 1000;
    const now = clock.now();
    const due = nextSlot(now, interval, phaseOffsetMs(entry.monitor.id, interval));
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
          const entry: Entry = { monitor: m, timer: undefined, running: undefined, queued: false };
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
      if (entry && !entry.monitor.paused) enqueue(entry);
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
