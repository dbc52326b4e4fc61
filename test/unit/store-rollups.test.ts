import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ProbeResult } from '../../shared/result';
import { STATUSES } from '../../shared/status';
import { openStore } from '../../electron/core/store';
import { HIST_BOUNDS, histBucket, quantile } from '../../electron/core/store/histogram';
import { SEAL_GRACE_MS } from '../../electron/core/store/sealing';
import { DAY, HOUR, LEVELS, MINUTE, readPlan, sealedLevels, tile } from '../../electron/core/store/tiling';
import { draft, tempDir } from './store-helpers';
import { connectionOf } from '../../electron/core/store/connection';

const BASE = Date.UTC(2025, 2, 1, 0, 0, 0); // a day boundary, so ranges cut through every level
const SPAN = 4 * DAY;

/** A timestamp that is often exactly on (or next to) a minute/hour/day boundary. */
const instant = fc.oneof(
  fc.integer({ min: -HOUR, max: SPAN + HOUR }),
  fc
    .tuple(fc.constantFrom(MINUTE, HOUR, DAY), fc.integer({ min: -1, max: 100 }), fc.integer({ min: -1, max: 1 }))
    .map(([unit, n, nudge]) => Math.min(SPAN + HOUR, n * unit + nudge)),
);

const resultArb = fc.record({
  monitor: fc.integer({ min: 1, max: 3 }),
  // Half the results cluster a few seconds after a boundary, so buckets hold several results.
  offset: fc.oneof(
    instant,
    fc.tuple(instant, fc.integer({ min: 0, max: 5000 })).map(([a, d]) => a + d),
  ),
  status: fc.constantFrom(...STATUSES),
  inMaintenance: fc.boolean(),
  latency: fc.option(fc.integer({ min: 0, max: 200_000 }), { nil: null }),
});

/** Nearest-rank quantile, and the range the histogram estimate must fall in (its bucket). */
function expectEstimate(estimate: number | null, sorted: readonly number[], q: number): void {
  const exact = sorted[Math.ceil(q * sorted.length) - 1]!;
  const k = histBucket(exact);
  const lo = k === 0 ? 0 : HIST_BOUNDS[k - 1]!;
  const hi = k === 0 ? 1 : (HIST_BOUNDS[k] ?? sorted[sorted.length - 1]!);
  expect(estimate).not.toBeNull();
  expect(estimate!).toBeGreaterThanOrEqual(Math.max(lo, sorted[0]!));
  expect(estimate!).toBeLessThanOrEqual(Math.min(hi, sorted[sorted.length - 1]!));
}

function bruteForce(rows: readonly ProbeResult[], monitorId: number, from: number, to: number, exclude: boolean) {
  const c = { up: 0, degraded: 0, down: 0, unknown: 0, maintenance: 0, total: 0 };
  for (const r of rows) {
    if (r.monitorId !== monitorId || r.ts < from || r.ts >= to) continue;
    c.total++;
    if (r.inMaintenance) c.maintenance++;
    if (!(exclude && r.inMaintenance)) c[r.status]++;
  }
  const charged = c.up + c.degraded + c.down;
  return { ...c, ratio: charged === 0 ? null : (c.up + c.degraded) / charged };
}

describe('tile', () => {
  it('covers [from, to) exactly with aligned pieces, at most two per source', () => {
    fc.assert(
      fc.property(instant, instant, (a, b) => {
        const [from, to] = a <= b ? [BASE + a, BASE + b] : [BASE + b, BASE + a];
        const segs = tile(from, to, LEVELS);
        let at = from;
        const per = new Map<string, number>();
        for (const s of segs) {
          expect(s.a).toBe(at);
          expect(s.b).toBeGreaterThan(s.a);
          if (s.source !== 'raw') {
            const ms = LEVELS.find((l) => l.level === s.source)!.ms;
            expect(s.a % ms).toBe(0);
            expect(s.b % ms).toBe(0);
          }
          per.set(String(s.source), (per.get(String(s.source)) ?? 0) + 1);
          at = s.b;
        }
        expect(at).toBe(from === to ? from : to);
        for (const n of per.values()) expect(n).toBeLessThanOrEqual(2);
      }),
      { numRuns: 500 },
    );
  });

  it('uses hour and day rows only before their marks, and reads minute ranges from raw results too', () => {
    fc.assert(
      fc.property(
        instant,
        instant,
        fc.integer({ min: -2, max: 100 }),
        fc.integer({ min: 0, max: 5 }),
        (a, b, hours, daysBack) => {
          const [from, to] = a <= b ? [BASE + a, BASE + b] : [BASE + b, BASE + a];
          const marks = {
            hours: BASE + hours * HOUR,
            days: Math.floor((BASE + hours * HOUR) / DAY) * DAY - daysBack * DAY,
          };
          const segs = tile(from, to, sealedLevels(marks));
          let at = from;
          const per = new Map<string, number>();
          for (const seg of segs) {
            expect(seg.a).toBe(at);
            if (seg.source === 1) expect(seg.b).toBeLessThanOrEqual(marks.hours);
            if (seg.source === 2) expect(seg.b).toBeLessThanOrEqual(marks.days);
            per.set(String(seg.source), (per.get(String(seg.source)) ?? 0) + 1);
            at = seg.b;
          }
          expect(at).toBe(from === to ? from : to);
          for (const n of per.values()) expect(n).toBeLessThanOrEqual(2);
          // Every minute segment lies inside a raw segment of the read plan, which never has more than two.
          const plan = readPlan(segs);
          const raws = plan.filter((p) => p.source === 'raw');
          expect(raws.length).toBeLessThanOrEqual(2);
          for (const seg of plan.filter((p) => p.source === 0))
            expect(raws.some((r) => r.a <= seg.a && seg.b <= r.b)).toBe(true);
          const covered = raws.reduce((n, r) => n + (r.b - r.a), 0);
          expect(covered).toBe(
            segs.filter((p) => p.source === 'raw' || p.source === 0).reduce((n, r) => n + (r.b - r.a), 0),
          );
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('histogram', () => {
  it('buckets by the integer bounds and estimates quantiles within the data', () => {
    expect(histBucket(0)).toBe(0);
    expect(histBucket(1)).toBe(1);
    expect(histBucket(HIST_BOUNDS[5]! - 1)).toBe(5);
    expect(histBucket(HIST_BOUNDS[5]!)).toBe(6);
    expect(histBucket(10_000_000)).toBe(31);
    const hist = new Array<number>(32).fill(0);
    for (let l = 100; l < 200; l++) hist[histBucket(l)]! += 1;
    const p50 = quantile(hist, 0.5, 100, 199)!;
    expect(p50).toBeGreaterThanOrEqual(100);
    expect(p50).toBeLessThanOrEqual(199);
    expect(Math.abs(p50 - 150) / 150).toBeLessThan(0.25);
    expect(quantile(hist, 0.5, null, null)).toBeNull();
  });
});

describe('rollups', () => {
  it('uptime and series over rollups + raw edges equal a brute-force count over raw results', () => {
    fc.assert(
      fc.property(
        fc.array(resultArb, { minLength: 0, maxLength: 300 }).chain((generated) => {
          // Range ends are often right at (or 1 ms around) a stored result, where an off-by-one
          // in the tiling or in an edge query would show.
          const end =
            generated.length === 0
              ? instant
              : fc.oneof(
                  instant,
                  fc
                    .tuple(fc.constantFrom(...generated.map((g) => g.offset)), fc.integer({ min: -1, max: 1 }))
                    .map(([o, d]) => o + d),
                );
          return fc.tuple(
            fc.constant(generated),
            fc.array(fc.tuple(end, end, fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 2000 })), {
              minLength: 1,
              maxLength: 8,
            }),
            fc.integer({ min: 1, max: 64 }),
          );
        }),
        ([generated, ranges, batch]) => {
          const store = openStore({ path: ':memory:', flushMaxBatch: batch, flushIntervalMs: 60_000 });
          try {
            for (let i = 1; i <= 3; i++) store.monitors.create(draft(`m${i}`));
            const kept: ProbeResult[] = [];
            const seen = new Set<string>();
            for (const g of generated) {
              const r: ProbeResult = {
                monitorId: g.monitor,
                ts: BASE + g.offset,
                status: g.status,
                latencyMs: g.latency,
                inMaintenance: g.inMaintenance,
              };
              store.results.enqueue(r);
              // The store keeps the first result of a monitor in a given ms.
              const key = `${r.monitorId}:${r.ts}`;
              if (!seen.has(key)) kept.push(r);
              seen.add(key);
            }
            store.results.flush();
            expect(store.results.count()).toBe(kept.length);

            for (const [a, b, monitorId, maxPoints] of ranges) {
              const [from, to] = a <= b ? [BASE + a, BASE + b] : [BASE + b, BASE + a];
              for (const exclude of [true, false]) {
                expect(store.uptime(monitorId, from, to, { excludeMaintenance: exclude })).toEqual(
                  bruteForce(kept, monitorId, from, to, exclude),
                );
              }
              expect(store.uptime(monitorId, from, to)).toEqual(bruteForce(kept, monitorId, from, to, true));

              const lat = kept
                .filter((r) => r.monitorId === monitorId && r.ts >= from && r.ts < to && r.latencyMs !== null)
                .map((r) => r.latencyMs!)
                .sort((x, y) => x - y);
              const stats = store.latency(monitorId, from, to);
              expect([stats.count, stats.min, stats.max]).toEqual([
                lat.length,
                lat[0] ?? null,
                lat[lat.length - 1] ?? null,
              ]);
              if (lat.length === 0) {
                expect(stats).toMatchObject({ avg: null, p50: null, p95: null, p99: null });
              } else {
                expect(stats.avg).toBeCloseTo(lat.reduce((x, y) => x + y, 0) / lat.length, 6);
                expectEstimate(stats.p50, lat, 0.5);
                expectEstimate(stats.p95, lat, 0.95);
                expectEstimate(stats.p99, lat, 0.99);
              }
              if (to <= from) continue;

              const series = store.series(monitorId, from, to, maxPoints);
              expect(series.points.length).toBeLessThanOrEqual(maxPoints);
              const buckets = new Map<
                number,
                {
                  up: number;
                  degraded: number;
                  down: number;
                  unknown: number;
                  min: number | null;
                  max: number | null;
                  n: number;
                  sum: number;
                }
              >();
              for (const r of kept) {
                if (r.monitorId !== monitorId || r.ts < from || r.ts >= to) continue;
                const t = Math.floor(r.ts / series.bucketMs) * series.bucketMs;
                const e = buckets.get(t) ?? {
                  up: 0,
                  degraded: 0,
                  down: 0,
                  unknown: 0,
                  min: null,
                  max: null,
                  n: 0,
                  sum: 0,
                };
                e[r.status]++;
                if (r.latencyMs !== null) {
                  e.n++;
                  e.sum += r.latencyMs;
                  e.min = e.min === null ? r.latencyMs : Math.min(e.min, r.latencyMs);
                  e.max = e.max === null ? r.latencyMs : Math.max(e.max, r.latencyMs);
                }
                buckets.set(t, e);
              }
              expect(series.points.map((p) => p.t)).toEqual([...buckets.keys()].sort((x, y) => x - y));
              for (const p of series.points) {
                const e = buckets.get(p.t)!;
                expect([p.up, p.degraded, p.down, p.unknown, p.min, p.max]).toEqual([
                  e.up,
                  e.degraded,
                  e.down,
                  e.unknown,
                  e.min,
                  e.max,
                ]);
                if (e.n === 0) expect(p.avg).toBeNull();
                else expect(p.avg).toBeCloseTo(e.sum / e.n, 6);
              }
            }
          } finally {
            store.close();
          }
        },
      ),
      { numRuns: 80 },
    );
  });

  it('hours and days sealed as time passes (from memory, in SQL after a reopen, and again for late results) equal raw counts', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            monitor: fc.integer({ min: 1, max: 3 }),
            offset: fc.integer({ min: 0, max: 2 * DAY }),
            // Most results arrive right after their probe started; some long after (a late batch).
            lag: fc.oneof(fc.integer({ min: 0, max: 30_000 }), fc.integer({ min: 0, max: 3 * HOUR })),
            status: fc.constantFrom(...STATUSES),
            inMaintenance: fc.boolean(),
            latency: fc.option(fc.integer({ min: 0, max: 200_000 }), { nil: null }),
          }),
          { minLength: 1, maxLength: 200 },
        ),
        fc.integer({ min: 1, max: 40 }),
        fc.option(fc.integer({ min: 0, max: 199 }), { nil: undefined }),
        (generated, batch, reopenAt) => {
          const tmp = tempDir();
          let now = BASE;
          const open = () =>
            openStore({ path: tmp.file('live.db'), now: () => now, flushMaxBatch: batch, flushIntervalMs: 60_000 });
          let store = open();
          try {
            for (let i = 1; i <= 3; i++) store.monitors.create(draft(`m${i}`));
            const arrivals = generated
              .map((g) => ({ ...g, ts: BASE + g.offset, at: BASE + g.offset + g.lag }))
              .sort((x, y) => x.at - y.at);
            const kept: ProbeResult[] = [];
            const seen = new Set<string>();
            arrivals.forEach((g, i) => {
              now = g.at;
              if (i === reopenAt) {
                // An unflushed queue is written by close(); the new writer finds hours begun by the old one.
                store.close();
                store = open();
              }
              const r: ProbeResult = {
                monitorId: g.monitor,
                ts: g.ts,
                status: g.status,
                latencyMs: g.latency,
                inMaintenance: g.inMaintenance,
              };
              store.results.enqueue(r);
              if (!seen.has(`${r.monitorId}:${r.ts}`)) kept.push(r);
              seen.add(`${r.monitorId}:${r.ts}`);
            });
            store.results.flush();
            const check = () => {
              for (const m of [1, 2, 3]) {
                for (const [from, to] of [
                  [BASE, BASE + 3 * DAY],
                  [BASE + 5 * HOUR + 17, BASE + DAY + 7 * MINUTE],
                  [BASE + DAY, BASE + 2 * DAY],
                ] as const) {
                  expect(store.uptime(m, from, to, { excludeMaintenance: false })).toEqual(
                    bruteForce(kept, m, from, to, false),
                  );
                }
              }
              // The sealed rows themselves, not just answers that might come from raw results.
              const marks = store.rollupMarks();
              const hourRows = connectionOf(store)
                .prepare(
                  'SELECT monitor_id, level, bucket, up, degraded, down, unknown, m_up + m_degraded + m_down + m_unknown AS maint, lat_n, lat_min, lat_max FROM rollups WHERE level > 0',
                )
                .all() as Record<string, number>[];
              const expected = new Map<string, number[]>();
              for (const r of kept) {
                for (const [level, ms, until] of [
                  [1, HOUR, marks.hours],
                  [2, DAY, marks.days],
                ] as const) {
                  const bucket = Math.floor(r.ts / ms) * ms;
                  if (bucket + ms > until) continue;
                  const key = `${r.monitorId}:${level}:${bucket}`;
                  const e = expected.get(key) ?? [0, 0, 0, 0, 0, 0, Infinity, -Infinity];
                  e[STATUSES.indexOf(r.status)]! += 1;
                  if (r.inMaintenance) e[4]! += 1;
                  if (r.latencyMs !== null) {
                    e[5]! += 1;
                    e[6] = Math.min(e[6]!, r.latencyMs);
                    e[7] = Math.max(e[7]!, r.latencyMs);
                  }
                  expected.set(key, e);
                }
              }
              const got = new Map(
                hourRows
                  .filter((h) => h.bucket! + (h.level === 1 ? HOUR : DAY) <= (h.level === 1 ? marks.hours : marks.days))
                  .map((h) => [
                    `${h.monitor_id}:${h.level}:${h.bucket}`,
                    [
                      h.up,
                      h.degraded,
                      h.down,
                      h.unknown,
                      h.maint,
                      h.lat_n,
                      h.lat_min ?? Infinity,
                      h.lat_max ?? -Infinity,
                    ],
                  ]),
              );
              expect(Object.fromEntries(got)).toEqual(Object.fromEntries(expected));
            };
            check();
            // Later on everything has closed: one more result makes the writer seal up to now.
            now = BASE + 3 * DAY + SEAL_GRACE_MS;
            const last: ProbeResult = { monitorId: 1, ts: now - 1, status: 'up', latencyMs: 1, inMaintenance: false };
            store.results.enqueue(last);
            kept.push(last);
            store.results.flush();
            expect(store.rollupMarks()).toMatchObject({ hours: BASE + 3 * DAY, days: BASE + 3 * DAY });
            check();
          } finally {
            store.close();
            tmp.cleanup();
          }
        },
      ),
      { numRuns: 60 },
    );
  });

  it('deleting a monitor removes its rollups', () => {
    const store = openStore({ path: ':memory:' });
    const m = store.monitors.create(draft());
    store.results.enqueue({ monitorId: m.id, ts: BASE, status: 'up', latencyMs: 5, inMaintenance: false });
    store.results.flush();
    expect(store.uptime(m.id, BASE, BASE + DAY).up).toBe(1);
    store.monitors.delete(m.id);
    const again = store.monitors.create(draft());
    expect(again.id).not.toBe(m.id);
    expect(store.uptime(m.id, 0, BASE + 2 * DAY).total).toBe(0);
    store.close();
  });
});
