import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { SPARK_POINTS } from '../../shared/dashboard';
import { createDashboardQuery } from '../../electron/core/store/dashboard';
import { STATUSES, type Status } from '../../shared/status';
import { consoleFixture } from './slo-fixture';
import { result } from './store-helpers';
import { tableDbOf } from '../../electron/core/store/connection';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
// Not on any boundary, so every range cuts through minute, hour and day rollups.
const NOW = Date.UTC(2025, 4, 20, 13, 37, 21);

let fx: ReturnType<typeof consoleFixture> | undefined;
afterEach(() => {
  fx?.close();
  fx = undefined;
});

async function dashboard(includeMaintenance = false) {
  return fx!.service['dashboard.get']({ includeMaintenance });
}

/** The strip as results paint it, before the accounting decides which buckets read "down". */
function rawStrips(query: ReturnType<typeof createDashboardQuery>, now: number) {
  fx!.store.results.flush();
  const a = query(now, fx!.store.monitors.list());
  return { sparkFrom: a.sparkFrom, sparkBucketMs: a.sparkBucketMs, rows: [...a.figures.values()] };
}

describe('dashboard.get', () => {
  it('answers every monitor: latest result, uptime by range, SLO target, and a 60-point strip', async () => {
    fx = consoleFixture(NOW);
    const web = fx.monitor({ name: 'Web', group: 'Web', sloTarget: 0.999 });
    const live = fx.monitor({ name: 'Ingest', group: 'Live streaming' });
    const idle = fx.monitor({ name: 'Idle', group: 'Infrastructure' });
    // Web: one result a minute for 40 days; down (confirmed, an incident) for 10 minutes 2 h ago,
    // one unconfirmed failure 5 h ago, degraded 3 days ago.
    for (let t = NOW - 40 * DAY; t < NOW; t += MIN) {
      const age = NOW - t;
      const status: Status =
        (age >= 2 * HOUR && age < 2 * HOUR + 10 * MIN) || age === 5 * HOUR
          ? 'down'
          : age >= 3 * DAY && age < 3 * DAY + MIN
            ? 'degraded'
            : 'up';
      fx.store.results.enqueue(result(web.id, t, { status, latencyMs: status === 'down' ? null : 80 }));
    }
    fx.incident(web.id, NOW - 2 * HOUR - 10 * MIN + MIN, NOW - 2 * HOUR + MIN);
    fx.store.results.enqueue(
      result(live.id, NOW - 5 * MIN, { status: 'down', latencyMs: null, message: 'Stream stale' }),
    );
    fx.incident(live.id, NOW - 5 * MIN, null);

    const d = await dashboard();
    expect(d.rows.map((r) => r.monitorId)).toEqual([web.id, live.id, idle.id]);
    const w = d.rows[0]!;
    // Time-based over exactly the last 24 h / 7 d / 30 d: 10 minutes down; the single failure costs nothing.
    expect(w.uptime.d1).toMatchObject({
      observedFrom: NOW - DAY,
      measuredMs: DAY,
      downMs: 10 * MIN,
      maintenanceMs: 0,
      pausedMs: 0,
      gapMs: 0,
    });
    expect(w.uptime.d1.ratio).toBeCloseTo(1 - 10 / 1440, 12);
    expect(w.uptime.d7.ratio).toBeCloseTo(1 - 10 / (7 * 1440), 12); // degraded counts as up
    expect(w.uptime.d30.measuredMs).toBe(30 * DAY);
    expect(w.latest).toMatchObject({ status: 'up', latencyMs: 80 });
    expect(w.sloTarget).toBe(0.999);

    expect(w.spark).toHaveLength(SPARK_POINTS);
    const downBucket = Math.floor((NOW - 2 * HOUR - 5 * MIN - d.sparkFrom) / d.sparkBucketMs);
    expect(w.spark[downBucket]).toBe('x');
    // The unconfirmed failure's bucket does not read down.
    expect(w.spark[Math.floor((NOW - 5 * HOUR - d.sparkFrom) / d.sparkBucketMs)]).toBe('u');
    expect(w.spark.replace(/x/g, '')).toMatch(/^u+$/);

    const l = d.rows[1]!;
    expect(l.latest).toMatchObject({ status: 'down', message: 'Stream stale' });
    const at = Math.floor((NOW - 5 * MIN - d.sparkFrom) / d.sparkBucketMs);
    expect(l.spark[at]).toBe('x');
    expect(l.spark.replace(/x/g, '')).toMatch(/^\.+$/);
    expect(l.spark.at(-1)).toBe('x');
    // Measured from its first result, five minutes ago, all of it down.
    expect(l.uptime.d1).toMatchObject({ ratio: 0, observedFrom: NOW - 5 * MIN, measuredMs: 5 * MIN, downMs: 5 * MIN });
    expect(l.sloTarget).toBe(0.99); // the platform's promise for live streaming

    const i = d.rows[2]!;
    expect(i.latest).toBeNull();
    expect(i.uptime.d30).toEqual({
      ratio: null,
      observedFrom: null,
      measuredMs: 0,
      downMs: 0,
      degradedMs: 0,
      maintenanceMs: 0,
      pausedMs: 0,
      gapMs: 0,
    });
    expect(i.spark).toBe('.'.repeat(SPARK_POINTS));
  });

  it('excludes planned maintenance by default and says how long it was', async () => {
    fx = consoleFixture(NOW);
    const m = fx.monitor({ name: 'Submit', group: 'Task submissions', intervalSec: 60 });
    for (let t = NOW - DAY + 1000; t < NOW; t += MIN) {
      const age = NOW - t;
      // 2 h 10 min of maintenance 5 h ago, down all along; otherwise up.
      const inMaintenance = age >= 5 * HOUR && age < 5 * HOUR + 130 * MIN;
      fx.store.results.enqueue(result(m.id, t, { status: inMaintenance ? 'down' : 'up', inMaintenance }));
    }
    const wStart = NOW - 5 * HOUR - 130 * MIN;
    fx.maintenance.set(m.id, [{ start: wStart, end: NOW - 5 * HOUR }]);
    fx.incident(m.id, wStart + 1000, NOW - 5 * HOUR + 1000);
    const excluded = (await dashboard()).rows[0]!.uptime.d1;
    // Measured from the first result (1 s after the range start); one second of the outage outlives the window.
    expect(excluded).toMatchObject({ maintenanceMs: 130 * MIN, measuredMs: DAY - 1000 - 130 * MIN, downMs: 1000 });
    const included = (await dashboard(true)).rows[0]!.uptime.d1;
    expect(included.ratio).toBeCloseTo(1 - (130 * MIN) / (DAY - 1000), 10);
    expect(included.maintenanceMs).toBe(0);
  });

  it('adds the current hour live: a result and an outage that just began show at once', async () => {
    fx = consoleFixture(NOW);
    const m = fx.monitor();
    fx.store.results.enqueue(result(m.id, NOW - 3 * HOUR, { status: 'up' }));
    const first = (await dashboard()).rows[0]!;
    expect(first.uptime.d1).toMatchObject({ observedFrom: NOW - 3 * HOUR, measuredMs: 3 * HOUR, downMs: 0 });
    fx.store.results.enqueue(result(m.id, NOW + 1000, { status: 'down', latencyMs: null }));
    fx.incident(m.id, NOW + 1000, null);
    fx.setNow(NOW + 2000);
    const second = (await dashboard()).rows[0]!;
    expect(second.uptime.d1).toMatchObject({ measuredMs: 3 * HOUR + 2000, downMs: 1000 });
    expect(second.spark.at(-1)).toBe('x');
    fx.setNow(NOW + HOUR);
    expect((await dashboard()).rows[0]!.uptime.d1).toMatchObject({ downMs: HOUR - 1000 });
  });

  it('shows a result of the previous hour that arrived after the hour turned once that hour is sealed', () => {
    const turn = Math.ceil(NOW / HOUR) * HOUR;
    fx = consoleFixture(turn + 30_000);
    const m = fx.monitor();
    const query = createDashboardQuery(tableDbOf(fx.store).read, fx.store.rollupMarks);
    fx.store.results.enqueue(result(m.id, turn - 2 * MIN, { status: 'up' }));
    const bucket = (d: ReturnType<typeof rawStrips>, ts: number) =>
      d.rows[0]!.spark[Math.floor((ts - d.sparkFrom) / d.sparkBucketMs)];
    expect(bucket(rawStrips(query, turn + 30_000), turn - 1000)).toBe('u');
    // A probe started a second before the hour turned reports after the past was read.
    fx.store.results.enqueue(result(m.id, turn - 1000, { status: 'degraded', latencyMs: 4000 }));
    fx.setNow(turn + 3 * MIN);
    fx.store.results.enqueue(result(m.id, turn + 3 * MIN - 1000, { status: 'up' }));
    const d = rawStrips(query, turn + 3 * MIN);
    expect(fx.store.rollupMarks().hours).toBe(turn);
    expect(bucket(d, turn - 1000)).toBe('d');
  });

  it('shows a late result in an hour already sealed on the next call (the hour is read again, not the day)', () => {
    const turn = Math.ceil(NOW / HOUR) * HOUR;
    fx = consoleFixture(turn + 5 * MIN);
    const m = fx.monitor();
    const query = createDashboardQuery(tableDbOf(fx.store).read, fx.store.rollupMarks);
    for (let t = turn - 3 * HOUR; t < turn + 5 * MIN; t += 5 * MIN)
      fx.store.results.enqueue(result(m.id, t, { status: 'up' }));
    const bucket = (d: ReturnType<typeof rawStrips>, ts: number) =>
      d.rows[0]!.spark[Math.floor((ts - d.sparkFrom) / d.sparkBucketMs)];
    const lateTs = turn - 2 * HOUR + 7 * MIN + 13_000;
    expect(bucket(rawStrips(query, turn + 5 * MIN), lateTs)).toBe('u');
    expect(fx.store.rollupMarks().hours).toBe(turn);
    // A retried batch brings a failure of two hours ago, long after its hour was sealed.
    fx.setNow(turn + 6 * MIN);
    fx.store.results.enqueue(result(m.id, lateTs, { status: 'down', latencyMs: null }));
    expect(bucket(rawStrips(query, turn + 6 * MIN), lateTs)).toBe('x');
    expect(fx.store.rollupMarks().resealed).toEqual({ count: 1, hours: [turn - 2 * HOUR] });
    // A fresh query over the same store agrees with the one that kept its hours.
    const fresh = rawStrips(createDashboardQuery(tableDbOf(fx.store).read, fx.store.rollupMarks), turn + 6 * MIN);
    expect(rawStrips(query, turn + 6 * MIN).rows).toEqual(fresh.rows);
  });

  it('keeps the strip right when calls are hours apart (hours turn and seal between two calls)', () => {
    const start = Math.floor(NOW / HOUR) * HOUR - 30 * MIN;
    fx = consoleFixture(start);
    const m = fx.monitor({ intervalSec: 60 });
    const query = createDashboardQuery(tableDbOf(fx.store).read, fx.store.rollupMarks);
    let t = start;
    for (const gap of [10 * MIN, 50 * MIN, 3 * HOUR + 7 * MIN, 2 * MIN, 26 * HOUR, 61 * MIN]) {
      for (const until = t + gap; t < until; t += MIN) {
        const n = Math.floor(t / MIN);
        const status: Status = n % 17 === 0 ? 'down' : n % 23 === 0 ? 'degraded' : n % 41 === 0 ? 'unknown' : 'up';
        fx.store.results.enqueue(result(m.id, t, status === 'down' ? { status, latencyMs: null } : { status }));
      }
      fx.setNow(t);
      const kept = rawStrips(query, t);
      const fresh = rawStrips(createDashboardQuery(tableDbOf(fx.store).read, fx.store.rollupMarks), t);
      expect({ at: t - start, spark: kept.rows[0]!.spark }).toEqual({ at: t - start, spark: fresh.rows[0]!.spark });
    }
  });

  it('paints the strip call after call like a brute-force pass over the results, while the current hour is painted as results settle', () => {
    const hour = Math.floor(NOW / HOUR) * HOUR;
    fx = consoleFixture(hour - 30 * MIN);
    const m = fx.monitor({ intervalSec: 5 });
    const query = createDashboardQuery(tableDbOf(fx.store).read, fx.store.rollupMarks);
    const stored: { ts: number; status: Status }[] = [];
    const rank = '.u?dx';
    const code: Record<Status, string> = { up: 'u', unknown: '?', degraded: 'd', down: 'x' };
    let t = hour - 30 * MIN;
    // About an hour and a half of calls: across the hour turn, the seal after it, and whole strip buckets inside the new hour.
    for (let call = 0; call < 95; call++) {
      // Results every 5 s (every 9th down, every 13th degraded) up to now, then a dashboard call.
      const until = t + 37_000 + (call % 5) * 11_000;
      for (; t < until; t += 5000) {
        const n = Math.floor(t / 5000);
        const status: Status = n % 9 === 0 ? 'down' : n % 13 === 0 ? 'degraded' : 'up';
        fx.store.results.enqueue(result(m.id, t, status === 'down' ? { status, latencyMs: null } : { status }));
        stored.push({ ts: t, status });
      }
      fx.setNow(t);
      const d = rawStrips(query, t);
      const row = d.rows[0]!;

      // Sealed hours with up results read up across the hour; every result raises its bucket.
      const expected = new Array<string>(SPARK_POINTS).fill('.');
      const raise = (i: number, c: string) => {
        if (i >= 0 && i < SPARK_POINTS && rank.indexOf(c) > rank.indexOf(expected[i]!)) expected[i] = c;
      };
      for (let h = Math.floor(d.sparkFrom / HOUR) * HOUR; h < fx.store.rollupMarks().hours; h += HOUR) {
        if (!stored.some((r) => r.ts >= h && r.ts < h + HOUR && r.status === 'up')) continue;
        for (
          let i = Math.floor((Math.max(h, d.sparkFrom) - d.sparkFrom) / d.sparkBucketMs);
          i <= Math.floor((h + HOUR - 1 - d.sparkFrom) / d.sparkBucketMs);
          i++
        )
          raise(i, 'u');
      }
      for (const r of stored) raise(Math.floor((r.ts - d.sparkFrom) / d.sparkBucketMs), code[r.status]);
      expect({ at: t - hour, spark: row.spark }).toEqual({ at: t - hour, spark: expected.join('') });
    }
  });

  it('sees results still queued in the writer', async () => {
    fx = consoleFixture(NOW);
    const m = fx.monitor();
    fx.store.results.enqueue(result(m.id, NOW - 1000, { status: 'degraded', latencyMs: 4200 }));
    const row = (await dashboard()).rows[0]!;
    expect(row.latest).toMatchObject({ status: 'degraded', latencyMs: 4200 });
    expect(row.spark.at(-1)).toBe('d');
  });

  it('strip buckets hold the worst status of their results before accounting (property, against a brute-force count over a probing monitor)', () => {
    const statusArb = fc.constantFrom<Status>(...STATUSES);
    fc.assert(
      fc.property(
        fc.array(fc.record({ age: fc.integer({ min: 0, max: DAY + 3 * HOUR }), status: statusArb }), { maxLength: 80 }),
        (random) => {
          const items = [...random];
          fx = consoleFixture(NOW);
          const m = fx.monitor();
          const seen = new Set<number>();
          // A monitor probing every 10 min (up) under the random results, so every bucket has some.
          for (let age = 7; age < DAY + 3 * HOUR; age += 10 * MIN) items.push({ age, status: 'up' });
          for (const { age, status } of items) {
            const ts = NOW - age;
            if (seen.has(ts)) continue;
            seen.add(ts);
            fx.store.results.enqueue(result(m.id, ts, { status }));
          }
          const d = rawStrips(createDashboardQuery(tableDbOf(fx.store).read, fx.store.rollupMarks), NOW);
          const expected = new Array<string>(SPARK_POINTS).fill('.');
          const rank = '.u?dx';
          const code: Record<Status, string> = { up: 'u', unknown: '?', degraded: 'd', down: 'x' };
          for (const ts of seen) {
            const status = items.find((x) => NOW - x.age === ts)!.status;
            const i = Math.floor((ts - d.sparkFrom) / d.sparkBucketMs);
            if (i < 0 || i >= SPARK_POINTS) continue;
            if (rank.indexOf(code[status]) > rank.indexOf(expected[i]!)) expected[i] = code[status];
          }
          expect(d.rows[0]!.spark).toBe(expected.join(''));
          fx.close();
          fx = undefined;
        },
      ),
      { numRuns: 25 },
    );
  });
});
