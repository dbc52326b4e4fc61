import { afterEach, describe, expect, it } from 'vitest';
import { SloQuery, formatDuration, formatPercent, uptimeSentence } from '../../shared/dashboard';
import { ApiError } from '../../shared/errors';
import { burnRate, errorBudget, periodBounds } from '../../electron/core/slo/budget';
import { consoleFixture } from './slo-fixture';
import { result } from './store-helpers';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
// 10 days into a 30-day month (June 2025, the second month of Q2).
const NOW = Date.UTC(2025, 5, 11, 0, 0, 0);

let fx: ReturnType<typeof consoleFixture> | undefined;
afterEach(() => {
  fx?.close();
  fx = undefined;
});

describe('SLO arithmetic', () => {
  it('periods are calendar months and quarters in UTC', () => {
    expect(periodBounds(NOW, 'month')).toEqual({ start: Date.UTC(2025, 5, 1), end: Date.UTC(2025, 6, 1) });
    expect(periodBounds(NOW, 'quarter')).toEqual({ start: Date.UTC(2025, 3, 1), end: Date.UTC(2025, 6, 1) });
    expect(periodBounds(Date.UTC(2025, 11, 31, 23), 'quarter')).toEqual({ start: Date.UTC(2025, 9, 1), end: Date.UTC(2026, 0, 1) });
  });

  it('a 99% month allows 7 h 12 min of downtime; 1% down for 10 days spends a third of it', () => {
    const b = errorBudget({ target: 0.99, start: Date.UTC(2025, 5, 1), end: Date.UTC(2025, 6, 1), now: NOW, downShare: 0.01, maintenanceMs: 0 });
    expect(b.allowedMs).toBeCloseTo(7.2 * HOUR, 3);
    expect(formatDuration(b.allowedMs)).toBe('7 h 12 min');
    expect(b.spentMs).toBeCloseTo(0.01 * 10 * DAY, 3);
    expect(b.remaining).toBeCloseTo(2 / 3, 6);
  });

  it('a monitor added mid-month is charged only for the time it was observed', () => {
    // Half its probes failed over its first hour: half an hour spent, not half of ten days.
    const b = errorBudget({ target: 0.99, start: Date.UTC(2025, 5, 1), end: Date.UTC(2025, 6, 1), now: NOW, downShare: 0.5, maintenanceMs: 0, observedFrom: NOW - HOUR });
    expect(b.spentMs).toBeCloseTo(0.5 * HOUR, 3);
    expect(b.remaining).toBeGreaterThan(0.9);
  });

  it('burn rate: error rate over what the target allows', () => {
    expect(burnRate(0, 60, 0.99)).toBe(0);
    expect(burnRate(6, 60, 0.99)).toBeCloseTo(10, 10);
    expect(burnRate(0, 0, 0.99)).toBeNull();
  });

  it('phrases uptime with the maintenance it excludes, never rounding up to 100%', () => {
    expect(uptimeSentence({ ratio: 0.99953, maintenanceMs: 130 * MIN })).toBe('uptime 99.95% excluding 2 h 10 min of planned maintenance');
    expect(uptimeSentence({ ratio: 0.99999, maintenanceMs: 0 })).toBe('uptime 99.99%');
    expect(uptimeSentence({ ratio: null, maintenanceMs: 0 })).toBe('no uptime measured yet');
    expect(formatPercent(1)).toBe('100%');
  });

  it('asks for exactly one of monitor or group', () => {
    expect(SloQuery.safeParse({}).success).toBe(false);
    expect(SloQuery.safeParse({ monitorId: 1, group: 'Web' }).success).toBe(false);
    expect(SloQuery.safeParse({ group: 'Web', period: 'quarter' }).success).toBe(true);
  });
});

describe('slo.get (real store)', () => {
  function fill(monitorId: number, from: number, to: number, statusAt: (t: number) => { down?: boolean; maint?: boolean }) {
    for (let t = from; t < to; t += MIN) {
      const s = statusAt(t);
      fx!.store.results.enqueue(result(monitorId, t, { status: s.down ? 'down' : 'up', latencyMs: s.down ? null : 50, inMaintenance: !!s.maint }));
    }
  }

  it('reports target, budget, burn rates and the sentence for one monitor', async () => {
    fx = consoleFixture(NOW);
    const m = fx.monitor({ name: 'Ingest', group: 'Live streaming' });
    const monthStart = Date.UTC(2025, 5, 1);
    // 10 days of one result a minute: 144 minutes down (1%), 2 h 10 min of maintenance (down, but excluded),
    // and the last hour 6 of 60 down.
    fill(m.id, monthStart, NOW, (t) => {
      const age = NOW - t;
      if (age <= HOUR) return { down: age % (10 * MIN) === 0 };
      if (t >= monthStart + DAY && t < monthStart + DAY + 130 * MIN) return { down: true, maint: true };
      return { down: t >= monthStart + 3 * DAY && t < monthStart + 3 * DAY + 138 * MIN };
    });
    const r = await fx.service['slo.get']({ monitorId: m.id });
    expect(r.scope).toEqual({ kind: 'monitor', monitorId: m.id, name: 'Ingest', group: 'Live streaming' });
    expect(r.target).toBe(0.99);
    expect(r.period).toBe('month');
    expect(r.uptime.down).toBe(144);
    expect(r.uptime.maintenanceMs).toBe(130 * MIN);
    const charged = 10 * 1440 - 130;
    expect(r.uptime.ratio).toBeCloseTo((charged - 144) / charged, 10);
    expect(r.sentence).toBe(`uptime ${formatPercent((charged - 144) / charged)} excluding 2 h 10 min of planned maintenance`);
    expect(r.budget.allowedMs).toBeCloseTo(0.01 * 30 * DAY, 3);
    expect(r.budget.spentMs).toBeCloseTo((144 / charged) * (10 * DAY - 130 * MIN), 3);
    expect(r.budget.remaining).toBeGreaterThan(0.6);
    expect(r.budget.remaining).toBeLessThan(0.7);
    expect(r.burnRate.h1).toBeCloseTo(6 / 60 / 0.01, 6);
    expect(r.burnRate.h6).toBeCloseTo(6 / 360 / 0.01, 6);
  });

  it('charges a monitor added an hour ago for that hour only', async () => {
    fx = consoleFixture(NOW);
    const m = fx.monitor({ name: 'New API', group: 'Task submissions' });
    fill(m.id, NOW - HOUR, NOW, (t) => ({ down: (t / MIN) % 2 === 0 }));
    const r = await fx.service['slo.get']({ monitorId: m.id });
    expect(r.uptime.ratio).toBeCloseTo(0.5, 6);
    // Half of (at most) its first two hours, not half of the month so far.
    expect(r.budget.spentMs).toBeLessThanOrEqual(HOUR);
    expect(r.budget.remaining).toBeGreaterThan(0.8);
  });

  it('a monitor’s own target wins; group targets come from settings; the quarter is selectable', async () => {
    fx = consoleFixture(NOW);
    const strict = fx.monitor({ name: 'API', group: 'Task submissions', sloTarget: 0.999 });
    const plain = fx.monitor({ name: 'Queue', group: 'Task submissions' });
    expect(fx.store.monitors.get(strict.id)!.sloTarget).toBe(0.999);
    fill(strict.id, NOW - 2 * DAY, NOW, (t) => ({ down: NOW - t === 30 * MIN }));
    fill(plain.id, NOW - 2 * DAY, NOW, () => ({}));

    expect((await fx.service['slo.get']({ monitorId: strict.id })).target).toBe(0.999);
    expect((await fx.service['slo.get']({ monitorId: plain.id })).target).toBe(0.99);

    const group = await fx.service['slo.get']({ group: 'Task submissions', period: 'quarter' });
    expect(group.scope).toEqual({ kind: 'group', group: 'Task submissions', monitors: 2 });
    expect(group.period).toBe('quarter');
    expect(group.periodStart).toBe(Date.UTC(2025, 3, 1));
    expect(group.uptime.total).toBe(2 * 2 * 1440);
    expect(group.uptime.down).toBe(1);

    fx.settings.update({ slo: { groups: { 'Task submissions': 0.999 }, period: 'quarter' } });
    const after = await fx.service['slo.get']({ group: 'Task submissions' });
    expect(after.target).toBe(0.999);
    expect(after.period).toBe('quarter');
    expect(after.budget.allowedMs).toBeCloseTo(0.001 * 91 * DAY, 3);
  });

  it('says what is missing', async () => {
    fx = consoleFixture(NOW);
    await expect(async () => fx!.service['slo.get']({ monitorId: 99 })).rejects.toThrow(ApiError);
    await expect(async () => fx!.service['slo.get']({ group: 'Nope' })).rejects.toThrow(/No monitors in the service group “Nope”/);
  });
});
