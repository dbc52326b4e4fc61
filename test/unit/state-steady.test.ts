/**
 * Most results change nothing (up, as confirmed), and the pipeline takes a short path for them.
 * These check that the short path still notices what an `up` result can change: a maintenance
 * window starting or ending, and state changes ageing out of the flapping window.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { MIN, probesRun, startHarness, type Harness } from './state-harness';

let h: Harness | undefined;
afterEach(() => {
  h?.cleanup();
  h = undefined;
});

describe('a monitor that stays up', () => {
  it('says when a maintenance window starts and ends, and nothing else', async () => {
    let from = 0;
    let to = 0;
    h = startHarness({ maintenanceAt: (_m, ts) => (ts >= from && ts < to ? { windowId: 4 } : undefined) });
    from = h.clock.now() + 10 * MIN;
    to = from + 20 * MIN;
    await h.clock.advance(5 * MIN);
    const before = h.eventsOf('state').length;
    await h.clock.advance(40 * MIN);

    const states = h.eventsOf('state').slice(before);
    expect(states.map((s) => [s.state, s.inMaintenance])).toEqual([
      ['up', true],
      ['up', false],
    ]);
    expect(h.alerts).toEqual([]);
    expect(h.results(1).every((r) => r.status === 'up' && r.inMaintenance === (r.ts >= from && r.ts < to))).toBe(true);
  });

  it('forgets state changes once they leave the flapping window', async () => {
    h = startHarness({ retries: 1, settings: { flapping: { changes: 4, minutes: 30 } } });
    await h.clock.advance(2 * MIN);
    const flap = async (changes: number) => {
      for (let i = 0; i < changes; i++) {
        h!.set(i % 2 === 0 ? 'down' : 'up');
        await probesRun(h!, 1);
      }
    };
    await flap(4);
    expect(h.alerts.map((a) => a.kind)).toEqual(['down', 'recovered', 'down', 'recovered']);

    // Up long enough for those four changes to leave the 30-minute window.
    await h.clock.advance(40 * MIN);
    await flap(4);
    // Four changes in the window again, not eight: still one alert per change.
    expect(h.alerts.map((a) => a.kind)).toEqual([
      'down',
      'recovered',
      'down',
      'recovered',
      'down',
      'recovered',
      'down',
      'recovered',
    ]);
    expect(h.monitoring.pipeline.state(h.monitors[0]!, false).flapping).toBe(false);
    // The fifth change inside the window is flapping.
    await flap(1);
    expect(h.alerts.at(-1)!.kind).toBe('flapping');
  });
});
