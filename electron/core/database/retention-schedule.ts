import type { Settings } from '../../../shared/settings';
import type { Clock } from '../clock';
import type { Store } from '../store';
import { DAY, HOUR } from '../store/tiling';

/**
 * Minute rollups are kept this long (or as long as raw results, if that is longer). Past it, an
 * old range is answered from hour and day rollups, which are kept for good: a minute row costs
 * ~100 B, so a monitor-year of minutes is ~50 MB while its hours are ~1 MB. 90 days keeps
 * minute-exact uptime for any quarter-sized report.
 */
export const MINUTE_ROLLUP_DAYS = 90;
/** Rows deleted per step: a step is one short transaction (a few ms), ingest runs between steps. */
export const PRUNE_STEP_ROWS = 2000;

export interface RetentionOptions {
  store: Store;
  clock: Clock;
  settings: () => Settings;
  /** How often a pass starts; default hourly (and once shortly after start). */
  everyMs?: number;
  log?: (line: string) => void;
}

export interface Retention {
  /** Runs one full pass now, yielding to the event loop between steps; resolves with rows deleted. */
  runPass(): Promise<{ results: number; minutes: number }>;
  stop(): void;
}

export function startRetention(opts: RetentionOptions): Retention {
  let stopped = false;
  let running: Promise<{ results: number; minutes: number }> | undefined;

  async function pass(): Promise<{ results: number; minutes: number }> {
    const now = opts.clock.now();
    const rawDays = opts.settings().retentionDays;
    const cutoffs = {
      rawBefore: now - rawDays * DAY,
      minutesBefore: now - Math.max(rawDays, MINUTE_ROLLUP_DAYS) * DAY,
    };
    const total = { results: 0, minutes: 0 };
    for (;;) {
      if (stopped) break;
      const step = opts.store.prune(cutoffs, PRUNE_STEP_ROWS);
      total.results += step.results;
      total.minutes += step.minutes;
      if (step.done) break;
      // setImmediate, not a microtask: timers and I/O (probe results, Api calls) run between steps.
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
    return total;
  }

  function runPass(): Promise<{ results: number; minutes: number }> {
    running ??= pass().finally(() => {
      running = undefined;
    });
    return running;
  }

  const every = opts.everyMs ?? HOUR;
  function tick(): void {
    runPass()
      .catch((err: unknown) =>
        opts.log?.(`Pruning old results failed (will retry): ${err instanceof Error ? err.message : String(err)}`),
      )
      .finally(() => {
        if (!stopped) timer = opts.clock.setTimeout(tick, every);
      });
  }
  let timer = opts.clock.setTimeout(tick, Math.min(every, 60_000));
  return {
    runPass,
    stop() {
      stopped = true;
      opts.clock.clearTimeout(timer);
    },
  };
}
