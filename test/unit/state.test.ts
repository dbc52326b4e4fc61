import { afterEach, describe, expect, it } from 'vitest';
import type { Incident } from '../../shared/incidents';
import { MIN, probesRun, startHarness, type Harness } from './state-harness';

let h: Harness | undefined;
afterEach(() => {
  h?.cleanup();
  h = undefined;
});

function incidents(x: Harness): Incident[] {
  x.monitoring.pipeline.flush();
  return x.monitoring.incidentStore.list({ limit: 100, offset: 0 }, x.clock.now()).items;
}

describe('confirmed state, incidents and alerts (fake clock, real SQLite)', () => {
  it('one lost probe: no incident, no alert, a faster re-check that finds it up', async () => {
    h = startHarness();
    await h.clock.advance(3 * MIN);
    h.set('down');
    await probesRun(h, 1);
    h.set('up');
    const lostAt = h.probes.at(-1)!.at;
    await h.clock.advance(5 * MIN);

    const r = h.results(1).filter((x) => x.ts >= lostAt);
    expect(r[0]).toMatchObject({ status: 'down', ts: lostAt });
    // While a failure is being confirmed the monitor is re-probed at the retry interval (10 s), not a minute later.
    expect(r[1]).toMatchObject({ status: 'up', ts: lostAt + 10_000 });
    expect(incidents(h)).toEqual([]);
    expect(h.alerts).toEqual([]);
    expect(h.monitoring.pipeline.state(h.monitors[0]!, false)).toMatchObject({
      state: 'up',
      pendingFailures: 0,
      incidentId: null,
    });
  });

  it('N consecutive failures: one incident from the first failure, one alert linked to it', async () => {
    h = startHarness({ retries: 3 });
    await h.clock.advance(3 * MIN);
    h.set('down');
    await probesRun(h, 3);
    const [first, , third] = h.results(1).filter((x) => x.status === 'down');
    expect(third!.ts - first!.ts).toBe(20_000); // two retries at 10 s

    const [incident] = incidents(h);
    expect(incidents(h)).toHaveLength(1);
    expect(incident).toMatchObject({
      monitorId: 1,
      startedAt: first!.ts,
      endedAt: null,
      failedProbes: 3,
      firstError: 'HTTP 503',
      firstErrorCode: 'http_status',
    });
    expect(h.alerts).toHaveLength(1);
    expect(h.alerts[0]).toMatchObject({
      kind: 'down',
      monitorId: 1,
      incidentId: incident!.id,
      downCount: 1,
      title: 'Service 1 is down',
    });
    expect(h.eventsOf('incident').map((e) => e.action)).toEqual(['opened']);

    // Still down for 10 more minutes (less than the 30 min re-notify): the same incident, no new alert.
    await h.clock.advance(10 * MIN);
    expect(incidents(h)).toHaveLength(1);
    expect(incidents(h)[0]!.failedProbes).toBe(13);
    expect(h.alerts).toHaveLength(1);
  });

  it('recovery closes the incident at the first good probe and says so once', async () => {
    h = startHarness();
    await h.clock.advance(2 * MIN);
    h.set('down');
    await h.clock.advance(35 * MIN);
    h.set('up');
    await probesRun(h, 1);
    const upAt = h.probes.at(-1)!.at;
    await h.clock.advance(5 * MIN);

    const [incident] = incidents(h);
    expect(incidents(h)).toHaveLength(1);
    expect(incident!.endedAt).toBe(upAt);
    expect(incident!.durationMs).toBe(upAt - incident!.startedAt);
    // Down, one re-notification after 30 min, then recovered; all about the same incident.
    expect(h.alerts.map((a) => a.kind)).toEqual(['down', 'still_down', 'recovered']);
    expect(new Set(h.alerts.map((a) => a.incidentId))).toEqual(new Set([incident!.id]));
    expect(h.alerts.at(-1)!.downCount).toBe(0);
    expect(
      h
        .eventsOf('incident')
        .map((e) => e.action)
        .filter((a) => a !== 'updated'),
    ).toEqual(['opened', 'closed']);
    expect(h.monitoring.pipeline.state(h.monitors[0]!, false)).toMatchObject({ state: 'up', since: upAt });
  });

  it('flapping: per-change alerts until it flaps, then one summary, then one when it settles', async () => {
    h = startHarness({ retries: 1, settings: { flapping: { changes: 4, minutes: 30 } } });
    await h.clock.advance(2 * MIN);
    for (let i = 0; i < 9; i++) {
      h.set(i % 2 === 0 ? 'down' : 'up');
      await probesRun(h, 1);
    }
    // Changes: down, up, down, up (4 alerts), the 5th change makes it flapping: a summary instead.
    expect(h.alerts.map((a) => a.kind)).toEqual(['down', 'recovered', 'down', 'recovered', 'flapping']);
    expect(h.alerts[4]!.body).toContain('5 state changes in the last 30 min');
    expect(h.monitoring.pipeline.state(h.monitors[0]!, false).flapping).toBe(true);
    // Every down run is still its own incident.
    expect(incidents(h)).toHaveLength(5);

    h.set('up');
    await h.clock.advance(40 * MIN);
    expect(h.alerts.map((a) => a.kind)).toEqual([
      'down',
      'recovered',
      'down',
      'recovered',
      'flapping',
      'flapping_ended',
    ]);
    expect(h.alerts[5]!.title).toBe('Service 1 settled: up');
    expect(h.monitoring.pipeline.state(h.monitors[0]!, false).flapping).toBe(false);
    expect(h.eventsOf('state').some((s) => s.flapping)).toBe(true);
  });

  it('restart with an open incident: still open, correctly timed, not alerted again, closed on recovery', async () => {
    h = startHarness();
    const dir = h.dir;
    await h.clock.advance(2 * MIN);
    h.set('down');
    await h.clock.advance(5 * MIN);
    const [before] = incidents(h);
    expect(before!.endedAt).toBeNull();
    expect(h.alerts.map((a) => a.kind)).toEqual(['down']);
    const stoppedAt = h.clock.now();
    h.stop();

    // 10 minutes later the app starts again on the same database; the target is still down.
    const again = startHarness({ dir, start: stoppedAt + 10 * MIN });
    try {
      again.set('down');
      expect(again.monitoring.pipeline.state(again.monitors[0]!, false)).toMatchObject({
        state: 'down',
        incidentId: before!.id,
      });
      await again.clock.advance(5 * MIN);
      expect(again.alerts).toEqual([]);
      expect(incidents(again)).toHaveLength(1);
      // The ten minutes the app was not running are marked as such on charts, not as data.
      expect(again.monitoring.gaps.gaps(stoppedAt - MIN, again.clock.now())).toEqual([
        expect.objectContaining({ start: stoppedAt, end: stoppedAt + 10 * MIN, reason: 'stopped' }),
      ]);

      again.set('up');
      await probesRun(again, 1);
      const upAt = again.probes.at(-1)!.at;
      const [after] = incidents(again);
      expect(after).toMatchObject({
        id: before!.id,
        startedAt: before!.startedAt,
        endedAt: upAt,
        durationMs: upAt - before!.startedAt,
      });
      expect(again.alerts.map((a) => [a.kind, a.incidentId])).toEqual([['recovered', before!.id]]);
    } finally {
      // Same directory: the first harness's cleanup (afterEach) removes it.
      again.cleanup();
    }
  });

  it('a maintenance window covering an outage: incident recorded with the window, no alert', async () => {
    let windowFrom = 0;
    let windowTo = 0;
    h = startHarness({ maintenanceAt: (_m, ts) => (ts >= windowFrom && ts < windowTo ? { windowId: 7 } : undefined) });
    windowFrom = h.clock.now() + 5 * MIN;
    windowTo = windowFrom + 60 * MIN;
    await h.clock.advance(10 * MIN);
    h.set('down');
    await h.clock.advance(20 * MIN);
    h.set('up');
    await h.clock.advance(40 * MIN);

    const list = incidents(h);
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ maintenanceWindowId: 7 });
    expect(list[0]!.endedAt).not.toBeNull();
    expect(h.alerts).toEqual([]);
    expect(
      h
        .results(1)
        .filter((r) => r.status === 'down')
        .every((r) => r.inMaintenance),
    ).toBe(true);
  });

  it('an outage that outlasts its maintenance window is announced when the window ends', async () => {
    let windowTo = 0;
    h = startHarness({ maintenanceAt: (_m, ts) => (ts < windowTo ? { windowId: 3 } : undefined) });
    windowTo = h.clock.now() + 20 * MIN;
    h.set('down');
    await h.clock.advance(30 * MIN);
    expect(h.alerts.map((a) => a.kind)).toEqual(['down']);
    expect(h.alerts[0]!.at).toBeGreaterThanOrEqual(windowTo);
    expect(incidents(h)[0]!.maintenanceWindowId).toBe(3);
  });

  it('snoozed monitors stay quiet until the snooze expires', async () => {
    h = startHarness();
    h.monitoring.pipeline.snooze(1, h.clock.now() + 15 * MIN);
    h.set('down');
    await h.clock.advance(10 * MIN);
    expect(h.alerts).toEqual([]);
    expect(incidents(h)).toHaveLength(1);
    await h.clock.advance(10 * MIN);
    expect(h.alerts.map((a) => a.kind)).toEqual(['down']);
  });

  it('pausing a down monitor closes its incident and stops probing; the state says paused', async () => {
    h = startHarness();
    h.set('down');
    await h.clock.advance(5 * MIN);
    const probes = h.probes.length;
    const { id: _id, createdAt: _c, ...draft } = h.monitors[0]!;
    h.store.monitors.update(1, { ...draft, paused: true });
    h.monitoring.sync(h.store.monitors.list());
    const pausedAt = h.clock.now();
    await h.clock.advance(10 * MIN);
    expect(h.probes.length).toBe(probes);
    expect(incidents(h)[0]!.endedAt).toBe(pausedAt);
    expect(h.monitoring.pipeline.state(h.store.monitors.get(1)!, false).state).toBe('paused');
  });
});
