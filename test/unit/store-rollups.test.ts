import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ProbeResult } from '../../shared/result';
import { STATUSES } from '../../shared/status';
import { openStore } from '../../electron/core/store';
import { HIST_BOUNDS, histBucket, quantile } from '../../electron/core/store/histogram';
import { DAY, HOUR, LEVELS, MINUTE, tile } from '../../electron/core/store/tiling';
import { draft } from './store-helpers';

const BASE = Date.UTC(2025, 2, 1, 0, 0, 0); // a day boundary, so ranges cut through every level
const SPAN = 4 * DAY;

/** A timestamp that is often exactly on (or next to) a minute/hour/day boundary. */
const instant = fc.oneof(
  fc.integer({ min: -HOUR, max: SPAN + HOUR }),
  fc.tuple(fc.constantFrom(MINUTE, HOUR, DAY), fc.integer({ min: -1, max: 100 }), fc.integer({ min: -1, max: 1 })).map(([unit, n, nudge]) =>
    Math.min(SPAN + HOUR, n * unit + nudge),
  ),
);

const resultArb = fc.record({
  monitor: fc.integer({ min: 1, max: 3 }),
  // Half the results cluster a few seconds after a boundary, so buckets hold several results.
  offset: fc.oneof(instant, fc.tuple(instant, fc.integer({ min: 0, max: 5000 })).map(([a, d]) => a + d)),
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
              : fc.oneof(instant, fc.tuple(fc.constantFrom(...generated.map((g) => g.offset)), fc.integer({ min: -1, max: 1 })).map(([o, d]) => o + d));
          return fc.tuple(
            fc.constant(generated),
            fc.array(fc.tuple(end, end, fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 2000 })), { minLength: 1, maxLength: 8 }),
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
                expect(store.uptime(monitorId, from, to, { excludeMaintenance: exclude })).toEqual(bruteForce(kept, monitorId, from, to, exclude));
              }
              expect(store.uptime(monitorId, from, to)).toEqual(bruteForce(kept, monitorId, from, to, true));

              const lat = kept
                .filter((r) => r.monitorId === monitorId && r.ts >= from && r.ts < to && r.latencyMs !== null)
                .map((r) => r.latencyMs!)
                .sort((x, y) => x - y);
              const stats = store.latency(monitorId, from, to);
              expect([stats.count, stats.min, stats.max]).toEqual([lat.length, lat[0] ?? null, lat[lat.length - 1] ?? null]);
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
              const buckets = new Map<number, { up: number; degraded: number; down: number; unknown: number; min: number | null; max: number | null; n: number; sum: number }>();
              for (const r of kept) {
                if (r.monitorId !== monitorId || r.ts < from || r.ts >= to) continue;
                const t = Math.floor(r.ts / series.bucketMs) * series.bucketMs;
                const e = buckets.get(t) ?? { up: 0, degraded: 0, down: 0, unknown: 0, min: null, max: null, n: 0, sum: 0 };
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
                expect([p.up, p.degraded, p.down, p.unknown, p.min, p.max]).toEqual([e.up, e.degraded, e.down, e.unknown, e.min, e.max]);
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
