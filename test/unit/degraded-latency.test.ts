import { describe, expect, it } from 'vitest';
import { createDegradedStretches } from '../../electron/core/incidents/degraded';
import type { Store } from '../../electron/core/store';
import { tableDbOf, connectionOf } from '../../electron/core/store/connection';
import { createDegradedStore } from '../../electron/core/store/degraded';
import { draft, storePerTest } from './store-helpers';

const T0 = Date.UTC(2025, 5, 11, 10);

const openTemp = storePerTest();

function open() {
  const { s } = openTemp('d.db', { now: () => T0 });
  const m = s.monitors.create(draft());
  return { s, m, degraded: createDegradedStore(tableDbOf(s)) };
}

/** What SQLite holds, not what the reader makes of it: the column is INTEGER ms like results' latency. */
function storedWorst(s: Store, id: number): unknown {
  return connectionOf(s)
    .prepare<[number], { w: unknown; t: string }>(
      'SELECT worst_latency AS w, typeof(worst_latency) AS t FROM degraded_stretches WHERE id = ?',
    )
    .get(id);
}

describe('degraded stretches store their worst latency as whole ms', () => {
  it('open, touch and close round a fractional latency (a timer reading) to the nearest ms', () => {
    const { s, m, degraded } = open();
    const id = degraded.open({
      monitorId: m.id,
      startedAt: T0,
      reasonCode: 'slow',
      reason: 'Slower than 3000 ms',
      worstLatencyMs: 3500.4,
      probes: 1,
    });
    expect(storedWorst(s, id)).toEqual({ w: 3500, t: 'integer' });
    degraded.touch(id, 3612.5, 2);
    expect(storedWorst(s, id)).toEqual({ w: 3613, t: 'integer' });
    degraded.close(id, T0 + 60_000, 4001.73, 3);
    expect(storedWorst(s, id)).toEqual({ w: 4002, t: 'integer' });
    const [read] = degraded.list({ monitorId: m.id, from: T0, to: T0 + 120_000, limit: 10 }, T0 + 120_000);
    expect(read!.worstLatencyMs).toBe(4002);
  });

  it('the pipeline part keeps the slowest answer and it reaches the store whole', () => {
    const { s, m, degraded } = open();
    const runs = createDegradedStretches(degraded);
    runs.open(m.id, T0, 'slow', 'Slower than 3000 ms', 3100.2);
    runs.observe(m.id, 3999.6);
    runs.observe(m.id, null);
    runs.flush();
    const [open1] = degraded.openStretches();
    expect(open1!.worstLatencyMs).toBe(4000);
    runs.close(m.id, T0 + 90_000);
    expect(storedWorst(s, open1!.id)).toEqual({ w: 4000, t: 'integer' });
  });

  it('no latency (a soft assertion failed before timing) stays null, not 0', () => {
    const { s, m, degraded } = open();
    const id = degraded.open({
      monitorId: m.id,
      startedAt: T0,
      reasonCode: 'keyword',
      reason: 'Keyword missing',
      worstLatencyMs: null,
      probes: 1,
    });
    degraded.close(id, T0 + 30_000, Number.NaN, 1);
    expect(storedWorst(s, id)).toEqual({ w: null, t: 'null' });
  });
});
