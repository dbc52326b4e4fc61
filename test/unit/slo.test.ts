import { afterEach, describe, expect, it } from 'vitest';
import { SloQuery, formatDuration, formatPercent, uptimeSentence } from '../../shared/dashboard';
import { EMPTY_ACCOUNTING } from '../../shared/accounting';
import { ApiError } from '../../shared/errors';
import { account, groupTimeline } from '../../electron/core/slo/accounting';
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
  it('periods are calendar months and quarters, in UTC unless a zone is chosen', () => {
    expect(periodBounds(NOW, 'month')).toEqual({ start: Date.UTC(2025, 5, 1), end: Date.UTC(2025, 6, 1) });
    expect(periodBounds(NOW, 'quarter')).toEqual({ start: Date.UTC(2025, 3, 1), end: Date.UTC(2025, 6, 1) });
    expect(periodBounds(Date.UTC(2025, 11, 31, 23), 'quarter')).toEqual({
      start: Date.UTC(2025, 9, 1),
      end: Date.UTC(2026, 0, 1),
    });
    // 23:30 UTC on 31 March is already April in Amsterdam (UTC+2): the second quarter, from 22:00 UTC the day before.
    expect(periodBounds(Date.UTC(2025, 2, 31, 23, 30), 'quarter', 'Europe/Amsterdam')).toEqual({
      start: Date.UTC(2025, 2, 31, 22),
      end: Date.UTC(2025, 5, 30, 22),
    });
  });

  it('a 99% month allows 7 h 12 min of downtime; budget left is that less the downtime', () => {
    const b = errorBudget({
      target: 0.99,
      start: Date.UTC(2025, 5, 1),
      end: Date.UTC(2025, 6, 1),
      first: Date.UTC(2025, 4, 1),
      downMs: 144 * MIN,
    });
    expect(b.allowedMs).toBeCloseTo(7.2 * HOUR, 3);
    expect(formatDuration(b.allowedMs)).toBe('7 h 12 min');
    expect(b.spentMs).toBe(144 * MIN);
    expect(b.remaining).toBeCloseTo(2 / 3, 6);
  });

  it('a monitor added mid-month gets the budget of the rest of the month', () => {
    const b = errorBudget({
      target: 0.99,
      start: Date.UTC(2025, 5, 1),
      end: Date.UTC(2025, 6, 1),
      first: NOW,
      downMs: 0,
    });
    expect(b.allowedMs).toBeCloseTo(0.01 * 20 * DAY, 3);
  });

  it('burn rate: downtime share of the window over what the target allows', () => {
    const a = { ...EMPTY_ACCOUNTING, ratio: 0.9, observedFrom: 0, measuredMs: HOUR, downMs: 6 * MIN };
    expect(burnRate(a, HOUR, 0.99)).toBeCloseTo(10, 10);
    expect(burnRate({ ...a, downMs: 0 }, HOUR, 0.99)).toBe(0);
    expect(burnRate(EMPTY_ACCOUNTING, HOUR, 0.99)).toBeNull();
  });

  it('phrases uptime with what it was measured over and what it excludes, never rounding up to 100%', () => {
    expect(
      uptimeSentence({
        ratio: 0.99953,
        measuredMs: 29 * DAY + 22 * HOUR,
        maintenanceMs: 130 * MIN,
        pausedMs: 0,
        gapMs: 40 * MIN,
      }),
    ).toBe(
      'uptime 99.95% over 29 d 22 h measured, excluding 2 h 10 min of planned maintenance and 40 min when the console was offline',
    );
    expect(uptimeSentence({ ratio: 0.99999, measuredMs: HOUR, maintenanceMs: 0, pausedMs: 0, gapMs: 0 })).toBe(
      'uptime 99.99% over 1 h measured',
    );
    expect(uptimeSentence({ ratio: null, measuredMs: 0, maintenanceMs: 0, pausedMs: 0, gapMs: 0 })).toBe(
      'no uptime measured yet',
    );
    expect(formatPercent(1)).toBe('100%');
  });

  it('says what was paused only when something was', () => {
    const u = { ratio: 0.999, measuredMs: 6 * DAY, maintenanceMs: 130 * MIN, pausedMs: 3 * HOUR, gapMs: 40 * MIN };
    expect(uptimeSentence(u)).toBe(
      'uptime 99.90% over 6 d measured, excluding 2 h 10 min of planned maintenance, 3 h paused and 40 min when the console was offline',
    );
    expect(uptimeSentence({ ...u, maintenanceMs: 0, gapMs: 0 })).toBe(
      'uptime 99.90% over 6 d measured, excluding 3 h paused',
    );
    // Paused for seconds is still the operator's choice, so it is said (maintenance and gaps need a minute).
    expect(uptimeSentence({ ...u, maintenanceMs: 0, gapMs: 0, pausedMs: 20_000 })).toMatch(
      /excluding under a minute paused$/,
    );
    expect(uptimeSentence({ ...u, pausedMs: 0 })).not.toMatch(/paused/);
  });

  it('asks for exactly one of monitor or group, and a zone that exists', () => {
    expect(SloQuery.safeParse({}).success).toBe(false);
    expect(SloQuery.safeParse({ monitorId: 1, group: 'Web' }).success).toBe(false);
    expect(SloQuery.safeParse({ group: 'Web', period: 'quarter' }).success).toBe(true);
    expect(SloQuery.safeParse({ group: 'Web', zone: 'Mars/Olympus' }).success).toBe(false);
  });
});

describe('the accounting function', () => {
  const tl = {
    first: 0,
    down: [{ start: 10, end: 30 }],
    degraded: [{ start: 25, end: 60 }],
    maintenance: [{ start: 50, end: 70 }],
  };
  it('excludes maintenance and gaps, reports both, counts degraded apart and never inside downtime', () => {
    expect(account(tl, [{ start: 65, end: 80 }], 0, 100)).toEqual({
      ratio: 50 / 70,
      observedFrom: 0,
      measuredMs: 70,
      downMs: 20,
      degradedMs: 20,
      maintenanceMs: 20,
      pausedMs: 0,
      gapMs: 10,
    });
  });
  it('measures from the first result, not the range start', () => {
    expect(account({ ...tl, first: 20 }, [], 0, 40)).toMatchObject({ observedFrom: 20, measuredMs: 20, downMs: 10 });
    expect(account({ ...tl, first: null }, [], 0, 40)).toEqual(EMPTY_ACCOUNTING);
  });
  it('a group is down while any member is down, in maintenance only while all are', () => {
    const g = groupTimeline([
      { first: 0, down: [{ start: 10, end: 20 }], degraded: [], maintenance: [{ start: 0, end: 50 }] },
      { first: 5, down: [{ start: 15, end: 30 }], degraded: [], maintenance: [{ start: 40, end: 60 }] },
    ]);
    // The first member's outage is inside its own maintenance: only the second's counts.
    expect(account(g, [], 0, 100)).toMatchObject({ downMs: 15, maintenanceMs: 10, measuredMs: 90 });
  });
});

describe('slo.get (real store)', () => {
  function fill(monitorId: number, from: number, to: number) {
    for (let t = from; t < to; t += MIN)
      fx!.store.results.enqueue(result(monitorId, t, { status: 'up', latencyMs: 50 }));
  }

  it('reports target, budget, burn rates and the sentence for one monitor', async () => {
    fx = consoleFixture(NOW);
    const m = fx.monitor({ name: 'Ingest', group: 'Live streaming' });
    const monthStart = Date.UTC(2025, 5, 1);
    fill(m.id, monthStart - DAY, NOW);
    // 2 h 18 min down on day 3; an outage inside 2 h 10 min of maintenance on day 1; 6 min down in the last hour.
    fx.incident(m.id, monthStart + 3 * DAY, monthStart + 3 * DAY + 138 * MIN);
    fx.maintenance.set(m.id, [{ start: monthStart + DAY, end: monthStart + DAY + 130 * MIN }]);
    fx.incident(m.id, monthStart + DAY + 10 * MIN, monthStart + DAY + 40 * MIN);
    fx.incident(m.id, NOW - 30 * MIN, NOW - 24 * MIN);
    fx.gap(monthStart + 5 * DAY, monthStart + 5 * DAY + 40 * MIN);
    const r = await fx.service['slo.get']({ monitorId: m.id });
    expect(r.scope).toEqual({ kind: 'monitor', monitorId: m.id, name: 'Ingest', group: 'Live streaming' });
    expect(r.target).toBe(0.99);
    expect(r.period).toBe('month');
    const measured = 10 * DAY - 130 * MIN - 40 * MIN;
    expect(r.uptime).toMatchObject({
      downMs: 144 * MIN,
      maintenanceMs: 130 * MIN,
      pausedMs: 0,
      gapMs: 40 * MIN,
      measuredMs: measured,
    });
    expect(r.uptime.ratio).toBeCloseTo((measured - 144 * MIN) / measured, 12);
    expect(r.sentence).toBe(
      `uptime ${formatPercent((measured - 144 * MIN) / measured)} over 9 d 21 h measured, excluding 2 h 10 min of planned maintenance and 40 min when the console was offline`,
    );
    expect(r.budget.allowedMs).toBeCloseTo(0.01 * 30 * DAY, 3);
    expect(r.budget.spentMs).toBe(144 * MIN);
    expect(r.budget.remainingMs).toBeCloseTo(0.01 * 30 * DAY - 144 * MIN, 3);
    expect(r.burnRate.h1).toBeCloseTo(6 / 60 / 0.01, 10);
    expect(r.burnRate.h6).toBeCloseTo(6 / 360 / 0.01, 10);
  });

  it('a monitor’s own target wins; group targets come from settings; the quarter is selectable; the group says how it counts', async () => {
    fx = consoleFixture(NOW);
    const strict = fx.monitor({ name: 'API', group: 'Task submissions', sloTarget: 0.999 });
    const plain = fx.monitor({ name: 'Queue', group: 'Task submissions' });
    fill(strict.id, NOW - 2 * DAY, NOW);
    fill(plain.id, NOW - 2 * DAY, NOW);
    fx.incident(strict.id, NOW - 40 * MIN, NOW - 30 * MIN);
    fx.incident(plain.id, NOW - 35 * MIN, NOW - 20 * MIN);

    expect((await fx.service['slo.get']({ monitorId: strict.id })).target).toBe(0.999);
    expect((await fx.service['slo.get']({ monitorId: plain.id })).target).toBe(0.99);

    const group = await fx.service['slo.get']({ group: 'Task submissions', period: 'quarter' });
    expect(group.scope).toEqual({ kind: 'group', group: 'Task submissions', monitors: 2 });
    expect(group.period).toBe('quarter');
    expect(group.periodStart).toBe(Date.UTC(2025, 3, 1));
    // The union: 40 min ago to 20 min ago.
    expect(group.uptime).toMatchObject({ measuredMs: 2 * DAY, downMs: 20 * MIN });
    expect(group.sentence).toMatch(/down while any of its 2 monitors is down$/);

    fx.settings.update({ slo: { groups: { 'Task submissions': 0.999 }, period: 'quarter' } });
    const after = await fx.service['slo.get']({ group: 'Task submissions' });
    expect(after.target).toBe(0.999);
    expect(after.period).toBe('quarter');
    // From the first result (two days ago) to the quarter's end.
    expect(after.budget.allowedMs).toBeCloseTo(0.001 * (Date.UTC(2025, 6, 1) - (NOW - 2 * DAY)), 3);
  });

  it('says what is missing', async () => {
    fx = consoleFixture(NOW);
    await expect(async () => fx!.service['slo.get']({ monitorId: 99 })).rejects.toThrow(ApiError);
    await expect(async () => fx!.service['slo.get']({ group: 'Nope' })).rejects.toThrow(
      /No monitors in the service group “Nope”/,
    );
  });
});
