import { afterEach, describe, expect, it } from 'vitest';
import { FakeClock } from '../support/fake-clock';
import type { TimerHandle } from '../../electron/core/clock';
import { nextSlot, phaseOffsetMs } from '../../electron/core/scheduler/phase';
import { createScheduler, type Scheduler } from '../../electron/core/scheduler/scheduler';
import type { Monitor } from '../../shared/monitor';
import { HttpConfig } from '../../shared/probes/http';

const T0 = 1_700_000_000_123;

/**
 * Node's timers run on a monotonic clock while `now()` reads the wall clock, so a timer can fire
 * a few milliseconds before the time it was set for (timer rounding, NTP slew). This clock models
 * exactly that: every timer fires `earlyMs` before its due time, but never sooner than 1 ms after
 * it was set (as Node's own timers).
 */
class EarlyClock extends FakeClock {
  constructor(
    start: number,
    private readonly earlyMs: number,
  ) {
    super(start);
  }
  override setTimeout(fn: () => void, ms: number): TimerHandle {
    return super.setTimeout(fn, Math.max(1, ms - this.earlyMs));
  }
}

function monitor(id: number, intervalSec = 5): Monitor {
  return {
    id,
    name: `Monitor ${id}`,
    group: 'Web',
    intervalSec,
    retries: 2,
    paused: false,
    createdAt: T0 - 86_400_000,
    kind: 'http',
    config: HttpConfig.parse({ url: 'http://127.0.0.1:9/' }),
  };
}

let current: Scheduler | undefined;
afterEach(() => {
  current?.stop();
  current = undefined;
});

describe('scheduler with timers that fire early', () => {
  for (const earlyMs of [1, 3, 5]) {
    it(`probes each slot exactly once when every timer fires ${earlyMs} ms early`, async () => {
      const clock = new EarlyClock(T0, earlyMs);
      const starts = new Map<number, number[]>();
      const scheduler = createScheduler({
        clock,
        probe: (m) => {
          starts.set(m.id, [...(starts.get(m.id) ?? []), clock.now()]);
          return Promise.resolve({ status: 'up', latencyMs: 1 });
        },
        onResult: () => undefined,
      });
      current = scheduler;
      scheduler.sync([monitor(1), monitor(2), monitor(3)]);
      await clock.advance(60_000);

      for (const id of [1, 2, 3]) {
        const times = starts.get(id) ?? [];
        const interval = 5000;
        const offset = phaseOffsetMs(id, interval);
        // One probe per 5 s slot over a minute (12 slots), each within `earlyMs` of its slot.
        expect(times.length).toBe(12);
        for (let i = 1; i < times.length; i++)
          expect(times[i]! - times[i - 1]!).toBeGreaterThan(interval - 2 * earlyMs - 1);
        const first = nextSlot(T0, interval, offset);
        times.forEach((t, i) => expect(first + i * interval - t).toBeLessThanOrEqual(earlyMs));
      }
    });
  }
});
