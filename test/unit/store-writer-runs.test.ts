import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ProbeResult } from '../../shared/result';
import { STATUSES, statusCode } from '../../shared/status';
import { openStore } from '../../electron/core/store';
import { connectionOf } from '../../electron/core/store/connection';
import { SEAL_GRACE_MS } from '../../electron/core/store/sealing';
import { draft, tempDir } from './store-helpers';

const HOUR = 3_600_000;
const BASE = Date.UTC(2025, 0, 1);

/**
 * The writer inserts a monitor's plain results up to sixteen to a statement where none can already
 * be stored (with `up` outside maintenance as literals in the statement), and one at a time
 * otherwise (results.ts, runInsert). Whatever the mix (duplicates in
 * a batch, a late result, rows stored by an earlier batch or session, results with details), the
 * table and its sealed hours must be what writing each result alone, first arrival kept, gives.
 */
describe('the result writer, run by run or row by row, stores the same', () => {
  it('raw rows and sealed hours equal a first-arrival-wins model', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            monitor: fc.integer({ min: 1, max: 2 }),
            // Mostly in time order (so runs form); some late, some repeating a time already queued or stored.
            back: fc.oneof(
              { weight: 18, arbitrary: fc.constant(0) },
              { weight: 2, arbitrary: fc.integer({ min: 1, max: 60 }) },
            ),
            repeat: fc.oneof(
              { weight: 19, arbitrary: fc.constant(false) },
              { weight: 1, arbitrary: fc.constant(true) },
            ),
            // Mostly up (the literal run statement), some of every status.
            status: fc.oneof(
              { weight: 3, arbitrary: fc.constant('up' as const) },
              { weight: 1, arbitrary: fc.constantFrom(...STATUSES) },
            ),
            maintenance: fc.oneof(
              { weight: 9, arbitrary: fc.constant(false) },
              { weight: 1, arbitrary: fc.constant(true) },
            ),
            latency: fc.option(fc.integer({ min: 0, max: 5000 }), { nil: null }),
            detailed: fc.oneof(
              { weight: 9, arbitrary: fc.constant(false) },
              { weight: 1, arbitrary: fc.constant(true) },
            ),
          }),
          { minLength: 1, maxLength: 460 },
        ),
        fc.integer({ min: 1, max: 60 }),
        fc.option(fc.integer({ min: 0, max: 459 }), { nil: undefined }),
        (generated, batch, reopenAt) => {
          const tmp = tempDir();
          let now = BASE;
          const open = () =>
            openStore({ path: tmp.file('w.db'), now: () => now, flushMaxBatch: batch, flushIntervalMs: 60_000 });
          let store = open();
          try {
            store.monitors.create(draft('a'));
            store.monitors.create(draft('b'));
            const kept = new Map<string, ProbeResult>();
            const lastTs = new Map<number, number>();
            generated.forEach((g, i) => {
              if (i === reopenAt) {
                store.close();
                store = open();
              }
              const r: ProbeResult = {
                monitorId: g.monitor,
                ts: g.repeat ? (lastTs.get(g.monitor) ?? BASE) : BASE + Math.max(0, i - g.back) * 15_000,
                status: g.status,
                latencyMs: g.latency,
                inMaintenance: g.maintenance,
              };
              if (g.detailed) r.details = { httpStatus: 200, bytes: 10 };
              lastTs.set(g.monitor, r.ts);
              now = Math.max(now, r.ts);
              store.results.enqueue(r);
              const key = `${r.monitorId}:${r.ts}`;
              if (!kept.has(key)) kept.set(key, r);
            });
            // Past the hours' end and grace: one more result makes the writer seal them.
            now = BASE + 2 * HOUR + SEAL_GRACE_MS + 1;
            const last: ProbeResult = { monitorId: 1, ts: now, status: 'up', latencyMs: 1, inMaintenance: false };
            store.results.enqueue(last);
            kept.set(`1:${now}`, last);
            store.results.flush();

            const db = connectionOf(store);
            const rows = db
              .prepare('SELECT monitor_id, ts, status, latency, in_maintenance FROM results ORDER BY monitor_id, ts')
              .all();
            const model = [...kept.values()]
              .sort((a, b) => a.monitorId - b.monitorId || a.ts - b.ts)
              .map((r) => ({
                monitor_id: r.monitorId,
                ts: r.ts,
                status: statusCode(r.status),
                latency: r.latencyMs,
                in_maintenance: r.inMaintenance ? 1 : 0,
              }));
            expect(rows).toEqual(model);
            const hours = db
              .prepare(
                'SELECT monitor_id, bucket, up + degraded + down + unknown AS n, up, m_up + m_degraded + m_down + m_unknown AS m, lat_n FROM rollups WHERE level = 1 ORDER BY monitor_id, bucket',
              )
              .all();
            const expected = new Map<
              string,
              { monitor_id: number; bucket: number; n: number; up: number; m: number; lat_n: number }
            >();
            for (const r of kept.values()) {
              const bucket = Math.floor(r.ts / HOUR) * HOUR;
              if (bucket + HOUR > BASE + 2 * HOUR) continue;
              const key = `${r.monitorId}:${bucket}`;
              const e = expected.get(key) ?? { monitor_id: r.monitorId, bucket, n: 0, up: 0, m: 0, lat_n: 0 };
              e.n++;
              if (r.status === 'up') e.up++;
              if (r.inMaintenance) e.m++;
              if (r.latencyMs !== null) e.lat_n++;
              expected.set(key, e);
            }
            expect(hours).toEqual(
              [...expected.values()].sort((a, b) => a.monitor_id - b.monitor_id || a.bucket - b.bucket),
            );
          } finally {
            store.close();
            tmp.cleanup();
          }
        },
      ),
      { numRuns: 80 },
    );
  });

  it('eight results, one of them already stored by an earlier batch: seven are added and the hour counts eight', () => {
    const tmp = tempDir();
    let now = BASE;
    const store = openStore({ path: tmp.file('w.db'), now: () => now, flushMaxBatch: 100, flushIntervalMs: 60_000 });
    try {
      const m = store.monitors.create(draft('a'));
      const at = (k: number): ProbeResult => ({
        monitorId: m.id,
        ts: BASE + k * 60_000,
        status: 'up',
        latencyMs: k,
        inMaintenance: false,
      });
      store.results.enqueue(at(5));
      store.results.flush();
      for (let k = 1; k <= 8; k++) store.results.enqueue({ ...at(k), latencyMs: 100 + k });
      now = BASE + HOUR + SEAL_GRACE_MS + 1;
      store.results.enqueue({ ...at(0), ts: now });
      store.results.flush();
      const db = connectionOf(store);
      // The stored row kept its first value; the other seven went in.
      expect(
        db
          .prepare('SELECT latency FROM results WHERE ts < ? ORDER BY ts')
          .pluck()
          .all(BASE + HOUR),
      ).toEqual([101, 102, 103, 104, 5, 106, 107, 108]);
      expect(db.prepare('SELECT up, lat_n, lat_sum FROM rollups WHERE level = 1 AND bucket = ?').get(BASE)).toEqual({
        up: 8,
        lat_n: 8,
        lat_sum: 101 + 102 + 103 + 104 + 5 + 106 + 107 + 108,
      });
    } finally {
      store.close();
      tmp.cleanup();
    }
  });
});
