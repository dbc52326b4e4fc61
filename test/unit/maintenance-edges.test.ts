import { afterEach, describe, expect, it } from 'vitest';
import { WindowDraft } from '../../shared/maintenance';
import { createMaintenance, type Maintenance } from '../../electron/core/maintenance/service';
import { reprobeOnMaintenanceEdges } from '../../electron/core/monitoring/maintenance-edges';
import { startHarness, T0, type Harness } from './state-harness';

/** A 60 s monitor and a 2 min window: the flag must follow the window, not the next scheduled probe. */
let h: Harness | undefined;
let maintenance: Maintenance | undefined;
afterEach(() => {
  maintenance?.stop();
  h?.cleanup();
  h = undefined;
});

const WINDOW_START = Date.parse('2023-11-14T22:15:00Z'); // T0 is 22:13:20 UTC

async function setup(wire: boolean): Promise<Harness> {
  let queries: Maintenance['queries'] | undefined;
  h = startHarness({
    monitors: 1,
    intervalSec: 60,
    maintenanceAt: (m, ts) => {
      const id = queries?.activeWindows(m.id, m.group, ts)[0];
      return id === undefined ? undefined : { windowId: id };
    },
  });
  const harness = h;
  maintenance = createMaintenance({
    windows: harness.store.tables.windows,
    readOnly: false,
    clock: harness.clock,
    bus: harness.bus,
    monitors: harness.store.monitors,
  });
  queries = maintenance.queries;
  if (wire) {
    reprobeOnMaintenanceEdges({
      bus: harness.bus,
      monitors: () => harness.store.monitors.list(),
      flagged: (m) => harness.monitoring.pipeline.state(m, harness.monitoring.pausedAll()).inMaintenance,
      covered: (m, ts) => queries.isInMaintenance(m, ts),
      runNow: (id) => harness.monitoring.scheduler?.runNow(id),
      now: () => harness.clock.now(),
    });
  }
  maintenance.start();
  const window = WindowDraft.parse({
    title: 'HLS packager upgrade',
    start: '2023-11-14T22:15',
    zone: 'UTC',
    durationMin: 2,
    monitorIds: [harness.monitors[0]!.id],
  });
  await maintenance.handlers['windows.create']({ window, acknowledgeConflicts: true });
  return harness;
}

const flaggedAt = (harness: Harness, ts: number) =>
  harness.results(harness.monitors[0]!.id).some((r) => r.ts >= ts && r.ts < ts + 5_000 && r.inMaintenance);

describe('maintenance edges: results are flagged the moment a window starts', () => {
  it('probes a 60 s monitor at window start, and again at its end, so the badge follows the window', async () => {
    const harness = await setup(true);
    await harness.clock.advance(WINDOW_START - T0 + 3_000);
    const id = harness.monitors[0]!.id;
    expect(flaggedAt(harness, WINDOW_START)).toBe(true);
    expect(harness.monitoring.pipeline.state(harness.store.monitors.get(id)!, false).inMaintenance).toBe(true);
    await harness.clock.advance(2 * 60_000);
    const end = WINDOW_START + 2 * 60_000;
    expect(harness.results(id).some((r) => r.ts >= end && r.ts < end + 5_000 && !r.inMaintenance)).toBe(true);
    expect(harness.monitoring.pipeline.state(harness.store.monitors.get(id)!, false).inMaintenance).toBe(false);
  });

  it('without it the first flagged result waits for the schedule (what the operator saw)', async () => {
    const harness = await setup(false);
    await harness.clock.advance(WINDOW_START - T0 + 3_000);
    expect(flaggedAt(harness, WINDOW_START)).toBe(false);
  });
});
