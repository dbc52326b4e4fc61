import type { Clock, TimerHandle } from '../clock';
import type { AlertMessage } from './message';

/**
 * Storm control: when more than K monitors go down (or recover) within a minute, the rest of the
 * storm is held for a short while and sent as one grouped message per channel instead of K. While
 * more than K changed in the last minute, the next change starts another group.
 */
const STORM_KINDS: ReadonlySet<string> = new Set([
  'down',
  'recovered',
  'degraded',
  'still_down',
  'flapping',
  'flapping_ended',
]);
const MINUTE = 60_000;

export interface StormDeps {
  clock: Clock;
  /** K: changes within a minute allowed before grouping. */
  threshold(): number;
  /** How long a storm collects before its grouped message goes out. */
  collectMs?: number;
  flush(items: AlertMessage[]): void;
}

export interface StormControl {
  /** True when the message was taken into a storm group (the caller then does not send it alone). */
  offer(m: AlertMessage): boolean;
  /** Sends what is held now (shutdown, tests). */
  flushNow(): void;
  stop(): void;
}

export function createStormControl(deps: StormDeps): StormControl {
  const collectMs = deps.collectMs ?? 15_000;
  const recent: number[] = [];
  let head = 0;
  let held: AlertMessage[] = [];
  let timer: TimerHandle | undefined;

  function flushNow(): void {
    if (timer !== undefined) deps.clock.clearTimeout(timer);
    timer = undefined;
    if (held.length === 0) return;
    const items = held;
    held = [];
    deps.flush(items);
  }

  return {
    offer(m) {
      if (!STORM_KINDS.has(m.kind)) return false;
      const now = deps.clock.now();
      while (head < recent.length && (recent[head] ?? 0) <= now - MINUTE) head++;
      if (head > 1024) {
        recent.splice(0, head);
        head = 0;
      }
      recent.push(now);
      // A group being collected takes everything; otherwise more than K in the last minute starts one.
      const storming = timer !== undefined || recent.length - head > deps.threshold();
      if (!storming) return false;
      held.push(m);
      timer ??= deps.clock.setTimeout(flushNow, collectMs);
      return true;
    },
    flushNow,
    stop() {
      if (timer !== undefined) deps.clock.clearTimeout(timer);
      timer = undefined;
    },
  };
}
