import { describe, expect, it } from 'vitest';
import { decideAlert, type AlertContext, type AlertMemory } from '../../electron/core/alerts/decide';
import { Settings } from '../../shared/settings';

const MIN = 60_000;
const defaults = Settings.parse({}).alerts;

function ctx(over: Partial<AlertContext> = {}): AlertContext {
  return {
    monitorId: 1,
    monitorName: 'API',
    now: 0,
    state: 'up',
    transition: undefined,
    flapping: false,
    flapChanged: false,
    flapCount: 0,
    flapMinutes: 30,
    incidentId: null,
    inMaintenance: false,
    settings: defaults,
    ...over,
  };
}
const fresh = (): AlertMemory => ({ alerted: false, lastAlertAt: null, snoozedUntil: null });

describe('decideAlert', () => {
  it('re-notifies every N minutes while down, and not in between', () => {
    const mem = fresh();
    const settings = { ...defaults, renotifyMinutes: 15 };
    expect(
      decideAlert(mem, ctx({ state: 'down', transition: { from: 'up', to: 'down' }, incidentId: 9, settings }))?.kind,
    ).toBe('down');
    const kinds: string[] = [];
    for (let t = MIN; t <= 46 * MIN; t += MIN) {
      const a = decideAlert(mem, ctx({ now: t, state: 'down', incidentId: 9, settings }));
      if (a) kinds.push(`${a.kind}@${t / MIN}`);
    }
    expect(kinds).toEqual(['still_down@15', 'still_down@30', 'still_down@45']);
  });

  it('never re-notifies when the setting is 0', () => {
    const mem = fresh();
    const settings = { ...defaults, renotifyMinutes: 0 };
    decideAlert(mem, ctx({ state: 'down', transition: { from: 'up', to: 'down' }, settings }));
    expect(decideAlert(mem, ctx({ now: 600 * MIN, state: 'down', settings }))).toBeUndefined();
  });

  it('degraded alerts follow the setting; recovery is only announced for an announced outage', () => {
    const off = { ...defaults, onDegraded: false };
    const mem = fresh();
    expect(
      decideAlert(mem, ctx({ state: 'degraded', transition: { from: 'up', to: 'degraded' }, settings: off })),
    ).toBeUndefined();
    expect(
      decideAlert(mem, ctx({ state: 'up', transition: { from: 'degraded', to: 'up' }, settings: off })),
    ).toBeUndefined();
    expect(decideAlert(mem, ctx({ state: 'degraded', transition: { from: 'up', to: 'degraded' } }))?.kind).toBe(
      'degraded',
    );
    expect(decideAlert(mem, ctx({ state: 'up', transition: { from: 'degraded', to: 'up' } }))?.kind).toBe('recovered');
  });

  it('is silent when alerts are disabled, in maintenance or snoozed, and carries the sound option', () => {
    const down = { state: 'down' as const, transition: { from: 'up' as const, to: 'down' as const } };
    expect(decideAlert(fresh(), ctx({ ...down, settings: { ...defaults, enabled: false } }))).toBeUndefined();
    expect(decideAlert(fresh(), ctx({ ...down, inMaintenance: true }))).toBeUndefined();
    expect(decideAlert({ ...fresh(), snoozedUntil: 10 * MIN }, ctx({ ...down, now: 5 * MIN }))).toBeUndefined();
    expect(decideAlert({ ...fresh(), snoozedUntil: 10 * MIN }, ctx({ ...down, now: 10 * MIN }))?.kind).toBe('down');
    expect(decideAlert(fresh(), ctx({ ...down, settings: { ...defaults, sound: true } }))).toMatchObject({
      sound: true,
      title: 'API is down',
    });
  });
});
