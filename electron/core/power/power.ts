import type { Clock, TimerHandle } from '../clock';

export interface PowerDeps {
  clock: Clock;
  /** Heartbeat period for drift detection (default 5 s). */
  tickMs?: number;
  /** A tick this much later than due means the machine slept or the clock jumped (default 30 s). */
  driftMs?: number;
  onSleep(at: number): void;
  /** The console could not see from `from` to `to`. */
  onWake(from: number, to: number): void;
}

export interface PowerWatch {
  /** The shell saw the OS suspend (Electron powerMonitor 'suspend'). */
  suspend(): void;
  /** The shell saw the OS resume. */
  resume(): void;
  stop(): void;
}

/**
 * Sleep detection from two sources: the shell's powerMonitor (when it works) and timer drift
 * (always, because powerMonitor misses suspend on some Linux desktops). Whichever notices first
 * records the gap; the other does not record it twice.
 */
export function createPowerWatch(deps: PowerDeps): PowerWatch {
  const { clock } = deps;
  const tickMs = deps.tickMs ?? 5000;
  const driftMs = deps.driftMs ?? 30_000;
  let lastTick = clock.now();
  let timer: TimerHandle | undefined;
  let suspendedAt: number | undefined;
  let stopped = false;

  function arm(): void {
    if (timer !== undefined) clock.clearTimeout(timer);
    timer = stopped ? undefined : clock.setTimeout(tick, tickMs);
  }

  function tick(): void {
    timer = undefined;
    const now = clock.now();
    const late = now - (lastTick + tickMs);
    if (late > driftMs) {
      // Woke (or the clock jumped) and the shell has not said so, or never will.
      const from = suspendedAt ?? lastTick;
      if (suspendedAt === undefined) deps.onSleep(from);
      suspendedAt = undefined;
      deps.onWake(from, now);
    }
    lastTick = now;
    arm();
  }

  arm();
  return {
    suspend() {
      if (suspendedAt !== undefined || stopped) return;
      // The heartbeat is the last moment the console provably saw.
      suspendedAt = clock.now();
      deps.onSleep(suspendedAt);
    },
    resume() {
      if (stopped) return;
      // No suspend seen (or drift already recorded it): the drift check decides, now rather than at the next tick.
      if (suspendedAt === undefined) return tick();
      const from = suspendedAt;
      suspendedAt = undefined;
      lastTick = clock.now();
      arm();
      deps.onWake(from, lastTick);
    },
    stop() {
      stopped = true;
      if (timer !== undefined) clock.clearTimeout(timer);
      timer = undefined;
    },
  };
}
