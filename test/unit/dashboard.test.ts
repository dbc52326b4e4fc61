import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { SPARK_POINTS } from '../../shared/dashboard';
import { STATUSES, type Status } from '../../shared/status';
import { consoleFixture } from './slo-fixture';
import { result } from './store-helpers';

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

describe('dashboard.get', () => {
  it('answers every monitor: latest result, uptime by range, SLO target, and a 60-point strip', async () => {
    fx = consoleFixture(NOW);
    const web = fx.monitor({ name: 'Web', group: 'Web', sloTarget: 0.999 });
    const live = fx.monitor({ name: 'Ingest', group: 'Live streaming' });
    const idle = fx.monitor({ name: 'Idle', group: 'Infrastructure' });
    // Web: one result a minute for 40 days; down for 10 minutes 2 h ago, degraded 3 days ago.
    for (let t = NOW - 40 * DAY; t < NOW; t += MIN) {
      const age = NOW - t;
      const status: Status = age >= 2 * HOUR && age < 2 * HOUR + 10 * MIN ? 'down' : age >= 3 * DAY && age < 3 * DAY + MIN ? 'degraded' : 'up';
      fx.store.results.enqueue(result(web.id, t, { status, latencyMs: status === 'down' ? null : 80 }));
    }
    fx.store.results.enqueue(result(live.id, NOW - 5 * MIN, { status: 'down', latencyMs: null, message: 'Stream stale' }));

    const d = await dashboard();
    expect(d.rows.map((r) => r.monitorId)).toEqual([web.id, live.id, idle.id]);
    const w = d.rows[0]!;
    // Each range starts at the top of the hour it begins in: 24 h here is 24 h 37 min of results.
    const since = (span: number) => Math.floor((NOW - span) / HOUR) * HOUR;
    const countSince = (span: number) => Math.ceil((NOW - since(span) - 21_000) / MIN);
    expect(w.uptime.d1.total).toBe(countSince(DAY));
    expect(w.uptime.d1.down).toBe(10);
    expect(w.uptime.d1.ratio).toBeCloseTo((countSince(DAY) - 10) / countSince(DAY), 10);
    expect(w.uptime.d7.total).toBe(countSince(7 * DAY));
    expect(w.uptime.d7.ratio).toBeCloseTo((countSince(7 * DAY) - 10) / countSince(7 * DAY), 10); // degraded counts as up
    expect(w.uptime.d30.total).toBe(countSince(30 * DAY));
    expect(w.latest).toMatchObject({ status: 'up', latencyMs: 80 });
    expect(w.sloTarget).toBe(0.999);

    expect(w.spark).toHaveLength(SPARK_POINTS);
    const downBucket = Math.floor((NOW - 2 * HOUR - d.sparkFrom) / d.sparkBucketMs);
    expect(w.spark[downBucket]).toBe('x');
    expect(w.spark.replace(/x/g, '')).toMatch(/^u+$/);

    const l = d.rows[1]!;
    expect(l.latest).toMatchObject({ status: 'down', message: 'Stream stale' });
    const at = Math.floor((NOW - 5 * MIN - d.sparkFrom) / d.sparkBucketMs);
    expect(l.spark[at]).toBe('x');
    expect(l.spark.replace('x', '')).toMatch(/^\.+$/);
    expect(l.uptime.d1.ratio).toBe(0);
    expect(l.sloTarget).toBe(0.99); // the platform's promise for live streaming

    const i = d.rows[2]!;
    expect(i.latest).toBeNull();
    expect(i.uptime.d30).toEqual({ ratio: null, down: 0, total: 0, maintenanceMs: 0 });
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
    const excluded = (await dashboard()).rows[0]!.uptime.d1;
    expect(excluded.ratio).toBe(1);
    expect(excluded.maintenanceMs).toBe(130 * MIN);
    const included = (await dashboard(true)).rows[0]!.uptime.d1;
    expect(included.ratio).toBeCloseTo((1440 - 130) / 1440, 10);
    expect(included.maintenanceMs).toBe(0);
  });

  it('keeps the past hours between calls and adds the current hour live', async () => {
    fx = consoleFixture(NOW);
    const m = fx.monitor();
    fx.store.results.enqueue(result(m.id, NOW - 3 * HOUR, { status: 'up' }));
    const first = (await dashboard()).rows[0]!;
    expect(first.uptime.d1.total).toBe(1);
    fx.store.results.enqueue(result(m.id, NOW + 1000, { status: 'down', latencyMs: null }));
    fx.setNow(NOW + 2000);
    const second = (await dashboard()).rows[0]!;
    expect(second.uptime.d1).toMatchObject({ total: 2, down: 1, ratio: 0.5 });
    expect(second.spark.at(-1)).toBe('x');
    // The next hour re-reads the past.
    fx.setNow(NOW + HOUR);
    expect((await dashboard()).rows[0]!.uptime.d1).toMatchObject({ total: 2, down: 1 });
  });

  it('shows a result of the previous hour that arrived after the hour turned once that hour is sealed', async () => {
    const turn = Math.ceil(NOW / HOUR) * HOUR;
    fx = consoleFixture(turn + 30_000);
    const m = fx.monitor();
    fx.store.results.enqueue(result(m.id, turn - 2 * MIN, { status: 'up' }));
    expect((await dashboard()).rows[0]!.uptime.d1.total).toBe(1);
    // A probe started a second before the hour turned reports after the past was read.
    fx.store.results.enqueue(result(m.id, turn - 1000, { status: 'down', latencyMs: null }));
    fx.setNow(turn + 3 * MIN);
    fx.store.results.enqueue(result(m.id, turn + 3 * MIN - 1000, { status: 'up' }));
    const row = (await dashboard()).rows[0]!;
    expect(fx.store.rollupMarks().hours).toBe(turn);
    expect(row.uptime.d1).toMatchObject({ total: 3, down: 1 });
  });

  it('answers call after call like a count over the results, while the current hour is summed as results settle', async () => {
    const hour = Math.floor(NOW / HOUR) * HOUR;
    fx = consoleFixture(hour - 30 * MIN);
    const m = fx.monitor({ intervalSec: 5 });
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
      const d = await dashboard();
      const row = d.rows[0]!;

      const since = Math.floor((t - DAY) / HOUR) * HOUR;
      const inRange = stored.filter((r) => r.ts >= since && r.ts < t);
      const down = inRange.filter((r) => r.status === 'down').length;
      expect({ at: t - hour, total: row.uptime.d1.total, down: row.uptime.d1.down }).toEqual({ at: t - hour, total: inRange.length, down });

      // Sealed hours with up results read up across the hour; every result raises its bucket.
      const expected = new Array<string>(SPARK_POINTS).fill('.');
      const raise = (i: number, c: string) => {
        if (i >= 0 && i < SPARK_POINTS && rank.indexOf(c) > rank.indexOf(expected[i]!)) expected[i] = c;
      };
      for (let h = Math.floor(d.sparkFrom / HOUR) * HOUR; h < fx.store.rollupMarks().hours; h += HOUR) {
        if (!stored.some((r) => r.ts >= h && r.ts < h + HOUR && r.status === 'up')) continue;
        for (let i = Math.floor((Math.max(h, d.sparkFrom) - d.sparkFrom) / d.sparkBucketMs); i <= Math.floor((h + HOUR - 1 - d.sparkFrom) / d.sparkBucketMs); i++) raise(i, 'u');
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

  it('strip buckets hold the worst status of their results (property, against a brute-force count over a probing monitor)', async () => {
    const statusArb = fc.constantFrom<Status>(...STATUSES);
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.record({ age: fc.integer({ min: 0, max: DAY + 3 * HOUR }), status: statusArb }), { maxLength: 80 }),
        async (random) => {
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
          const d = await dashboard();
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
