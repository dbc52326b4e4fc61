import { afterEach, describe, expect, it } from 'vitest';
import { MIN, startHarness, type Harness } from './state-harness';

let h: Harness | undefined;
afterEach(() => {
  h?.cleanup();
  h = undefined;
});

describe('sleep and clock jumps', () => {
  it('a 30-minute sleep is a gap, not an outage, and failures right after waking are confirmed afresh', async () => {
    h = startHarness({ monitors: 3 });
    await h.clock.advance(5 * MIN);
    // The Wi-Fi drops as the lid closes: monitor 1's last probe fails (one failure pending)...
    h.set('down', 1);
    const before = h.probes.length;
    while (!h.probes.slice(before).some((p) => p.id === 1)) await h.clock.advance(1000);
    const asleepAt = h.clock.now();
    expect(h.monitoring.pipeline.state(h.monitors[0]!, false).pendingFailures).toBe(1);
    // ...and when it opens the Wi-Fi is not back yet, so the first probes of every monitor fail.
    h.set('down');
    h.clock.jump(30 * MIN);
    const wokeAt = h.clock.now();
    await h.clock.advance(1000);
    h.set('up');
    await h.clock.advance(3 * MIN);

    const gaps = h.monitoring.gaps.gaps(0, h.clock.now());
    expect(gaps).toHaveLength(1);
    expect(gaps[0]!.reason).toBe('asleep');
    // From the last heartbeat before the lid closed (every 5 s) to the moment of waking.
    expect(asleepAt - gaps[0]!.start).toBeLessThanOrEqual(5000);
    expect(gaps[0]!.end).toBe(wokeAt);
    expect(h.eventsOf('power').map((p) => p.action)).toEqual(['slept', 'woke']);

    // Every monitor was probed at once on waking, the failures were not confirmed, nobody was alerted.
    for (const m of h.monitors) {
      const after = h.results(m.id).filter((r) => r.ts >= wokeAt);
      expect(after[0]!.ts).toBe(wokeAt);
      expect(after.filter((r) => r.status === 'down').length).toBe(1);
    }
    // A failure before the sleep and one after it are not "consecutive": nothing reached 2.
    expect(Math.max(...h.eventsOf('state').map((s) => s.pendingFailures))).toBe(1);
    expect(h.monitoring.incidentStore.list({ limit: 10, offset: 0 }, h.clock.now()).items).toEqual([]);
    expect(h.alerts).toEqual([]);
  });

  it('an outage that is still there after waking is confirmed by fresh failures, then alerted', async () => {
    h = startHarness();
    await h.clock.advance(5 * MIN);
    h.set('down');
    h.clock.jump(30 * MIN);
    const wokeAt = h.clock.now();
    await h.clock.advance(5 * MIN);
    const [incident] = h.monitoring.incidentStore.list({ limit: 10, offset: 0 }, h.clock.now()).items;
    expect(incident!.startedAt).toBeGreaterThanOrEqual(wokeAt);
    expect(h.alerts.map((a) => a.kind)).toEqual(['down']);
  });

  it('powerMonitor suspend/resume records one gap even though the drift check also sees it', async () => {
    h = startHarness();
    await h.clock.advance(2 * MIN + 1234);
    const suspendedAt = h.clock.now();
    h.power.suspend();
    h.clock.jump(30 * MIN);
    h.power.resume();
    await h.clock.advance(2 * MIN);
    const gaps = h.monitoring.gaps.gaps(0, h.clock.now());
    expect(gaps.map((g) => [g.start, g.end, g.reason])).toEqual([[suspendedAt, suspendedAt + 30 * MIN, 'asleep']]);
    expect(h.eventsOf('power').map((p) => p.action)).toEqual(['slept', 'woke']);
  });

  it('a probe that was running when the machine slept is recorded unknown, not down', async () => {
    h = startHarness();
    await h.clock.advance(2 * MIN);
    const pipeline = h.monitoring.pipeline;
    const startedBefore = h.clock.now();
    h.clock.jump(30 * MIN);
    pipeline.woke(h.clock.now());
    const r = pipeline.record(
      h.monitors[0]!,
      { status: 'down', latencyMs: null, errorCode: 'timeout', message: 'Timed out' },
      startedBefore,
    );
    expect(r).toMatchObject({ status: 'unknown', errorCode: 'console_asleep' });
  });
});
