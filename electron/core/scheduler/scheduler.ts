import type { Monitor } from '../../../shared/monitor';
import type { ProbeOutcome } from '../../../shared/result';
import type { Clock, TimerHandle } from '../clock';
import { createCapacity, type Ticket } from './capacity';
import { createDueQueue } from './due-queue';
import { hostKey } from './host-key';
import { nextSlot, phaseOffsetMs } from './phase';

export interface SchedulerDeps {
  clock: Clock;
  probe: (monitor: Monitor, signal: AbortSignal) => Promise<ProbeOutcome>;
  /** Called once per finished probe with the time it started. */
  onResult: (monitor: Monitor, outcome: ProbeOutcome, startedAt: number) => void;
  /**
   * Probes allowed to be working at once across all monitors: a probe counts for its first
   * `slowMs`, then lingers in a separate allowance (see capacity.ts).
   */
  concurrency?: number;
  /** Working probes per host (`host:port`); default 8. */
  perHost?: number;
  /** Probes of slow monitors in flight at once; default 256. */
  lingering?: number;
  /** A probe running this long lingers and marks its monitor slow; default 1 s. */
  slowMs?: number;
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
  /**
   * The monitor's signal, shared by its probes until one is cancelled (edit, delete, pause all,
   * stop), then dropped (see `cancel`) and made afresh by the next probe: a fresh AbortController
   * per probe costs more than the rest of a probe's bookkeeping. Probes must leave no listener on
   * it (see probes/deadline.ts).
   */
  controller: AbortController | undefined;
  signal: AbortSignal | undefined;
  /** The controller of the probe in flight, if any. */
  running: AbortController | undefined;
  queued: boolean;
  /** When the probe waiting in the queue was due: the queue runs in due order. */
  queuedDue: number;
  host: string;
  /** Its last probe lingered (ran past `slowMs`); cleared by one that answers in time. */
  slow: boolean;
  removed: boolean;
  retrying: boolean;
  lastStart: number;
  /** The grid of `gridFor` (interval and phase), kept until the monitor is replaced. */
  gridFor: Monitor | undefined;
  intervalMs: number;
  offsetMs: number;
  /** The time the armed timer is meant for, and the last one that fired (see `arm`). */
  dueAt: number;
  firedFor: number;
  /** The timer callback, made once per entry. */
  fire: () => void;
  /** Its probe turned lingering: the monitor counts as slow (made once per entry, like `fire`). */
  linger: () => void;
}

type CrashedOutcome = ProbeOutcome & { status: 'unknown' };

function crashed(err: unknown): CrashedOutcome {
  return {
    status: 'unknown',
    latencyMs: null,
    errorCode: 'probe_crashed',
    message: `The probe itself failed: ${err instanceof Error ? err.message : String(err)}`,
  };
}

export function createScheduler(deps: SchedulerDeps): Scheduler {
  const { clock, probe, onResult, retryIntervalMs } = deps;
  const slowMs = deps.slowMs ?? 1000;
  const capacity = createCapacity({
    concurrency: deps.concurrency ?? 32,
    perHost: deps.perHost ?? 8,
    lingering: deps.lingering ?? 256,
    slowMs,
  });
  const entries = new Map<number, Entry>();
  /** Entries waiting for capacity, in due order per host. */
  const queue = createDueQueue<Entry>();
  /** Wakes the queue when a working probe turns lingering and frees its slot. */
  let wake: TimerHandle | undefined;
  let wakeAt = Infinity;
  let stopped = false;
  let pausedAll = false;

  function newEntry(monitor: Monitor): Entry {
    const entry: Entry = {
      monitor,
      timer: undefined,
      controller: undefined,
      signal: undefined,
      running: undefined,
      queued: false,
      queuedDue: 0,
      host: hostKey(monitor),
      slow: false,
      removed: false,
      retrying: false,
      lastStart: -Infinity,
      gridFor: undefined,
      intervalMs: 0,
      offsetMs: 0,
      dueAt: -Infinity,
      firedFor: -Infinity,
      fire: () => {
        entry.timer = undefined;
        entry.firedFor = entry.dueAt;
        enqueue(entry, entry.dueAt);
        arm(entry);
      },
      linger: () => {
        entry.slow = true;
      },
    };
    return entry;
  }

  function arm(entry: Entry): void {
    if (entry.timer !== undefined) clock.clearTimeout(entry.timer);
    entry.timer = undefined;
    if (entry.monitor.paused || pausedAll || stopped) return;
    if (entry.gridFor !== entry.monitor) {
      entry.gridFor = entry.monitor;
      entry.intervalMs = Math.max(MIN_INTERVAL_MS, entry.monitor.intervalSec * 1000);
      entry.offsetMs = phaseOffsetMs(entry.monitor.id, entry.intervalMs);
    }
    const now = clock.now();
    // A timer may fire a few ms before its time (Node's timers run on a monotonic clock, `now` is
    // the wall clock): the slot it fired for is taken, so the next one is strictly after it.
    let due = nextSlot(Math.max(now, entry.firedFor), entry.intervalMs, entry.offsetMs);
    if (entry.retrying) due = Math.min(due, now + Math.max(MIN_INTERVAL_MS, retryIntervalMs?.() ?? 10_000));
    entry.dueAt = due;
    entry.timer = clock.setTimeout(entry.fire, due - now);
  }

  function enqueue(entry: Entry, due: number): void {
    // A probe still running (or waiting) when its next slot comes is not doubled up.
    if (entry.running || entry.queued || stopped) return;
    const now = clock.now();
    capacity.demote(now);
    // Nobody waiting and room (the usual case): what `pump` would do at once.
    if (queue.size() === 0 && capacity.canStart(entry.host, entry.slow)) {
      start(entry);
      return;
    }
    entry.queued = true;
    entry.queuedDue = due;
    queue.push(entry);
    pump();
  }

  function pump(): void {
    if (queue.size() === 0 || stopped) return;
    capacity.demote(clock.now());
    queue.drain((e) => capacity.canStart(e.host, e.slow), capacity.full, start);
    armWake();
  }

  function armWake(): void {
    const at = queue.size() > 0 ? capacity.nextDemotionAt() : undefined;
    if (at === undefined || at >= wakeAt) return;
    if (wake !== undefined) clock.clearTimeout(wake);
    wakeAt = at;
    wake = clock.setTimeout(
      () => {
        wake = undefined;
        wakeAt = Infinity;
        pump();
      },
      Math.max(1, at - clock.now()),
    );
  }

  function start(entry: Entry): void {
    const monitor = entry.monitor;
    let controller = entry.controller;
    let signal = entry.signal;
    if (controller === undefined || signal === undefined) {
      entry.controller = controller = new AbortController();
      entry.signal = signal = controller.signal;
    }
    entry.running = controller;
    const startedAt = clock.now();
    entry.lastStart = startedAt;
    const ticket: Ticket = capacity.start(entry.host, entry.slow, startedAt, entry.linger);
    const settle = (outcome: ProbeOutcome): void => {
      capacity.finish(ticket);
      entry.slow = clock.now() - startedAt >= slowMs;
      try {
        // A monitor deleted or edited mid-probe must not record a result for the old definition:
        // both cancel the probe, and `cancel` drops its controller from the entry at once.
        if (entry.controller === controller && entry.monitor === monitor) onResult(monitor, outcome, startedAt);
      } finally {
        if (entry.running === controller) entry.running = undefined;
        pump();
      }
    };
    probe(monitor, signal).then(settle, (err: unknown) => settle(crashed(err)));
  }

  /** Aborts the probe in flight, if any; the monitor's next probe gets a fresh signal. */
  function cancel(entry: Entry): void {
    if (!entry.running) return;
    entry.running.abort();
    if (entry.controller === entry.running) {
      entry.controller = undefined;
      entry.signal = undefined;
    }
  }

  return {
    sync(monitors) {
      const keep = new Set<number>();
      for (const m of monitors) {
        keep.add(m.id);
        const existing = entries.get(m.id);
        if (!existing) {
          const entry = newEntry(m);
          entries.set(m.id, entry);
          arm(entry);
        } else if (JSON.stringify(existing.monitor) !== JSON.stringify(m)) {
          cancel(existing);
          existing.running = undefined;
          existing.monitor = m;
          existing.host = hostKey(m);
          arm(existing);
        }
      }
      for (const [id, entry] of entries) {
        if (keep.has(id)) continue;
        if (entry.timer !== undefined) clock.clearTimeout(entry.timer);
        cancel(entry);
        entry.removed = true;
        entries.delete(id);
      }
    },
    runNow(id) {
      const entry = entries.get(id);
      if (entry && !entry.monitor.paused && !pausedAll) enqueue(entry, clock.now());
    },
    runAll() {
      if (pausedAll) return;
      const now = clock.now();
      for (const entry of entries.values()) {
        if (entry.monitor.paused) continue;
        // Back on the grid: a slot that fell due while asleep / offline must not fire right after this probe.
        arm(entry);
        if (entry.lastStart !== now) enqueue(entry, now);
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
          cancel(entry);
          entry.queued = false;
        }
        arm(entry);
      }
      if (paused) queue.clear();
    },
    stop() {
      stopped = true;
      queue.clear();
      if (wake !== undefined) clock.clearTimeout(wake);
      wake = undefined;
      for (const entry of entries.values()) {
        if (entry.timer !== undefined) clock.clearTimeout(entry.timer);
        cancel(entry);
      }
      entries.clear();
    },
    inFlight: () => capacity.active(),
  };
}
