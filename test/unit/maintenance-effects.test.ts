import { afterEach, describe, expect, it } from 'vitest';
import { DateTime } from 'luxon';
import { methods } from '../../shared/api';
import type { Monitor } from '../../shared/monitor';
import { createMaintenance, type Maintenance } from '../../electron/core/maintenance/service';
import { createDashboardHandlers } from '../../electron/core/slo/service';
import { MIN, startHarness, type Harness } from './state-harness';

/**
 * Maintenance windows against the real scheduler, state machine, store and SLO service: an outage
 * inside a window opens no alert and costs no budget; one that outlasts the window alerts when it ends.
 */
let h: Harness | undefined;
afterEach(() => {
  h?.stop();
  h?.cleanup();
  h = undefined;
});

function withWindow(startOffsetMin: number, durationMin: number): { h: Harness; maintenance: Maintenance } {
  let maintenance: Maintenance | undefined;
  const harness = startHarness({
    maintenanceAt: (m: Monitor, ts: number) => {
      const id = maintenance?.queries.activeWindows(m.id, m.group, ts)[0];
      return id === undefined ? undefined : { windowId: id };
    },
  });
  maintenance = createMaintenance({
    windows: harness.store.tables.windows,
    readOnly: false,
    clock: harness.clock,
    bus: harness.bus,
    monitors: harness.store.monitors,
  });
  const start = DateTime.fromMillis(harness.clock.now() + startOffsetMin * MIN, { zone: 'UTC' }).startOf('minute');
  const create = maintenance.handlers['windows.create'] as (i: unknown) => { id: number };
  // Handlers receive what the dispatcher passes: input parsed by the contract, defaults applied.
  const parse = (i: unknown) => methods['windows.create'].input.parse(i);
  create(
    parse({
      window: {
        title: 'Upgrade',
        start: start.toFormat("yyyy-MM-dd'T'HH:mm"),
        zone: 'UTC',
        durationMin,
        monitorIds: [harness.monitors[0]!.id],
        groups: [],
      },
      acknowledgeConflicts: true,
    }),
  );
  return { h: harness, maintenance };
}

describe('maintenance effects on alerts and SLO', () => {
  it('an outage wholly inside a window: incident recorded with the window, no alert, no budget spent', async () => {
    const w = withWindow(5, 60);
    h = w.h;
    const from = h.clock.now();
    await h.clock.advance(15 * MIN);
    h.set('down');
    await h.clock.advance(20 * MIN);
    h.set('up');
    await h.clock.advance(60 * MIN);

    expect(h.alerts).toEqual([]);
    const incidents = h.monitoring.incidentStore.list({ limit: 10, offset: 0 }, h.clock.now()).items;
    expect(incidents).toHaveLength(1);
    expect(incidents[0]!.maintenanceWindowId).not.toBeNull();

    const slo = createDashboardHandlers({
      store: h.store,
      settings: h.settings,
      clock: h.clock,
      maintenanceIntervals: w.maintenance.queries.maintenanceIntervals,
    });
    const sloGet = slo['slo.get'] as (i: unknown) => {
      uptime: { ratio: number | null; maintenanceMs: number };
      sentence?: string;
    };
    const report = sloGet(methods['slo.get'].input.parse({ monitorId: h.monitors[0]!.id, period: 'month' }));
    expect(report.uptime.ratio).toBe(1);
    expect(report.uptime.maintenanceMs).toBe(60 * MIN);
    // The dashboard says the same, from the window rather than an estimate from results.
    const dash = (
      slo['dashboard.get'] as (i: unknown) => {
        rows: { uptime: { d1: { ratio: number | null; maintenanceMs: number } } }[];
      }
    )(methods['dashboard.get'].input.parse({}));
    expect(dash.rows[0]!.uptime.d1).toMatchObject({ ratio: 1, maintenanceMs: 60 * MIN });
    const u = h.store.uptime(h.monitors[0]!.id, from, h.clock.now(), { excludeMaintenance: false });
    expect(u.down).toBeGreaterThan(0);
  });

  it('an outage that straddles the window’s end alerts when the window ends', async () => {
    const w = withWindow(5, 30);
    h = w.h;
    const windowEnd = h.clock.now() + 35 * MIN;
    await h.clock.advance(15 * MIN);
    h.set('down');
    await h.clock.advance(40 * MIN);
    expect(h.alerts.map((a) => a.kind)).toEqual(['down']);
    expect(h.alerts[0]!.at).toBeGreaterThanOrEqual(windowEnd - MIN);
  });
});
