import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ProbeResult } from '../../shared/result';
import { statusCode } from '../../shared/status';
import { encodeDetails } from '../../electron/core/store/result-details';
import { createResultQueue, type ResultRow } from '../../electron/core/store/result-queue';

/** What the results table stores for a result (migrations.ts): the model the queue must match. */
function stored(r: ProbeResult): ResultRow {
  const w = (v: number | null | undefined) =>
    v === null || v === undefined || !Number.isFinite(v) ? null : Math.round(v);
  return {
    monitor_id: r.monitorId,
    ts: Math.floor(r.ts),
    status: statusCode(r.status),
    latency: w(r.latencyMs),
    dns: w(r.phases?.dns),
    connect: w(r.phases?.connect),
    tls: w(r.phases?.tls),
    ttfb: w(r.phases?.ttfb),
    download: w(r.phases?.download),
    error_code: r.errorCode ?? null,
    message: r.status === 'up' ? null : (r.message ?? null),
    in_maintenance: r.inMaintenance ? 1 : 0,
    details: r.details === undefined ? null : encodeDetails(r.details),
  };
}

const result = fc
  .record({
    monitorId: fc.integer({ min: 1, max: 6 }),
    ts: fc.double({ min: 0, max: 50_000, noNaN: true }),
    status: fc.constantFrom('up', 'degraded', 'down', 'unknown' as const),
    latencyMs: fc.option(fc.double({ min: 0, max: 10_000, noNaN: true }), { nil: null }),
    inMaintenance: fc.boolean(),
    phases: fc.option(fc.record({ dns: fc.double({ min: 0, max: 100, noNaN: true }), ttfb: fc.nat(500) }), {
      nil: undefined,
    }),
    errorCode: fc.option(fc.constantFrom('timeout', 'http_status'), { nil: undefined }),
    message: fc.option(fc.string({ maxLength: 8 }), { nil: undefined }),
    details: fc.option(fc.record({ httpStatus: fc.constantFrom(200, 404), bytes: fc.nat(99) }), { nil: undefined }),
  })
  .map((r) => {
    const out: ProbeResult = {
      monitorId: r.monitorId,
      ts: r.ts,
      status: r.status,
      latencyMs: r.latencyMs,
      inMaintenance: r.inMaintenance,
    };
    if (r.phases) out.phases = r.phases;
    if (r.errorCode) out.errorCode = r.errorCode;
    if (r.message !== undefined) out.message = r.message;
    if (r.details) out.details = r.details;
    return out;
  });

const op = fc.oneof(
  { weight: 8, arbitrary: result.map((r) => ({ push: r }) as const) },
  { weight: 1, arbitrary: fc.constant({ dropOldest: true } as const) },
  { weight: 1, arbitrary: fc.nat(40).map((n) => ({ shift: n }) as const) },
  { weight: 1, arbitrary: fc.integer({ min: 1, max: 6 }).map((id) => ({ dropMonitor: id }) as const) },
);

describe('the result queue (columns) holds what the table would store', () => {
  it('after any pushes, drops and shifts, its rows and key order match a plain array of results', () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 3000, size: 'max' }), fc.nat(3000), (ops, n) => {
        const q = createResultQueue();
        let model: ProbeResult[] = [];
        for (const o of ops) {
          if ('push' in o) {
            q.push(o.push);
            model.push(o.push);
          } else if ('dropOldest' in o) {
            q.dropOldest();
            model.shift();
          } else if ('shift' in o) {
            q.shift(o.shift);
            model = model.slice(o.shift);
          } else {
            q.dropMonitor(o.dropMonitor);
            model = model.filter((r) => r.monitorId !== o.dropMonitor);
          }
        }
        expect(q.length).toBe(model.length);
        const order = q.keyOrder(n);
        // Key order of the first n: by monitor, then time, ties in arrival order (a stable sort).
        const first = model.slice(0, n).map((r, arrival) => ({ row: stored(r), arrival }));
        const expected = [...first].sort(
          (a, b) => a.row.monitor_id - b.row.monitor_id || a.row.ts - b.row.ts || a.arrival - b.arrival,
        );
        expect(Array.from(order, (i) => q.rowAt(i))).toEqual(expected.map((e) => e.row));
        for (const i of order) {
          const row = q.rowAt(i);
          expect(q.monitorAt(i)).toBe(row.monitor_id);
          expect(q.tsAt(i)).toBe(row.ts);
          expect(q.latencyAt(i)).toBe(row.latency);
          expect(q.plainAt(i)).toBe(
            row.dns === null &&
              row.connect === null &&
              row.tls === null &&
              row.ttfb === null &&
              row.download === null &&
              row.error_code === null &&
              row.message === null &&
              row.details === null,
          );
        }
      }),
      { numRuns: 40 },
    );
  });
});
