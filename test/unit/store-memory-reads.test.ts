/**
 * The store answers two of the dashboard's reads from memory: the newest result of every monitor
 * (results.latest(), kept by the writer's commits) and the parsed monitor list (monitors.list(),
 * dropped on every change). These properties hold each to what a fresh SQL read gives after
 * random sequences of queued, flushed, late, same-ms and rolled-back results, deletes, retention,
 * reloads and commits from another connection (the workspace CLI's case).
 */
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../../electron/core/store';
import { connectionOf } from '../../electron/core/store/connection';
import type { ProbeDetails, ProbeResult } from '../../shared/result';
import type { Status } from '../../shared/status';
import { draft, tempDir } from './store-helpers';

const HOUR = 3_600_000;
const T0 = Date.UTC(2025, 4, 20, 12, 0, 0);
const noTimers = { setTimeout: () => ({}) as never, clearTimeout: () => undefined };

let tmp: ReturnType<typeof tempDir>;
beforeEach(() => (tmp = tempDir()));
afterEach(() => tmp.cleanup());

function open(path: string, readOnly = false): Store {
  return openStore({ path, readOnly, now: () => T0 + 2 * HOUR, timers: noTimers, flushIntervalMs: HOUR });
}

/** The SQL answer, through the per-monitor statement that the cache does not touch. */
function sqlLatest(store: Store): ProbeResult[] {
  const ids = connectionOf(store).prepare<[], number>('SELECT id FROM monitors ORDER BY id').pluck().all();
  return store.results.latest(ids);
}

function sqlList(store: Store) {
  const ids = connectionOf(store).prepare<[], number>('SELECT id FROM monitors ORDER BY id').pluck().all();
  return ids.map((id) => store.monitors.get(id)!);
}

const status = fc.constantFrom<Status>('up', 'down', 'degraded', 'unknown');
const probe = fc.record({
  monitor: fc.nat({ max: 3 }),
  // A narrow range of times: same-ms duplicates and late results are common.
  offset: fc.integer({ min: 0, max: 40 }),
  status,
  latency: fc.option(fc.double({ min: 0, max: 5000, noNaN: true }), { nil: null }),
  message: fc.option(fc.constantFrom('HTTP 503', 'timeout'), { nil: undefined }),
  details: fc.option(
    fc.constantFrom<ProbeDetails>({ httpStatus: 200, bytes: 12 }, { httpStatus: 404 }, { records: ['a'] }),
    {
      nil: undefined,
    },
  ),
  ttfb: fc.option(fc.double({ min: 0, max: 900, noNaN: true }), { nil: undefined }),
});
type Probe = typeof probe extends fc.Arbitrary<infer P> ? P : never;

const step = fc.oneof(
  { weight: 8, arbitrary: probe.map((p) => ({ kind: 'enqueue' as const, p })) },
  { weight: 3, arbitrary: fc.constant({ kind: 'flush' as const }) },
  { weight: 4, arbitrary: fc.constant({ kind: 'check' as const }) },
  { weight: 1, arbitrary: fc.nat({ max: 3 }).map((i) => ({ kind: 'delete' as const, i })) },
  { weight: 1, arbitrary: fc.constant({ kind: 'create' as const }) },
  { weight: 1, arbitrary: fc.integer({ min: 0, max: 40 }).map((cut) => ({ kind: 'prune' as const, cut })) },
  { weight: 1, arbitrary: probe.map((p) => ({ kind: 'other' as const, p })) },
  { weight: 1, arbitrary: probe.map((p) => ({ kind: 'rolledBack' as const, p })) },
);

function resultOf(ids: number[], p: Probe, salt = 0): ProbeResult {
  return {
    monitorId: ids[p.monitor % ids.length]!,
    ts: T0 + p.offset * 1000 + salt + 0.25,
    status: p.status,
    latencyMs: p.latency,
    inMaintenance: p.offset % 7 === 0,
    ...(p.message ? { message: p.message } : {}),
    ...(p.details ? { details: p.details } : {}),
    ...(p.ttfb !== undefined ? { phases: { ttfb: p.ttfb } } : {}),
  };
}

describe('results.latest() from memory', () => {
  it('equals the SQL answer after random enqueue / flush / late / duplicate / delete / prune / rollback / other-connection sequences', () => {
    let run = 0;
    fc.assert(
      fc.property(fc.array(step, { minLength: 1, maxLength: 40 }), (steps) => {
        const path = tmp.file(`latest-${run++}.db`);
        const store = open(path);
        const other = open(path);
        try {
          const ids = [1, 2, 3].map((i) => store.monitors.create(draft(`M${i}`)).id);
          store.results.latest(); // fills the memory before anything is written
          for (const s of steps) {
            if (s.kind === 'enqueue') store.results.enqueue(resultOf(ids, s.p));
            else if (s.kind === 'flush') store.results.flush();
            else if (s.kind === 'delete' && ids.length > 1) {
              store.monitors.delete(ids.splice(s.i % ids.length, 1)[0]!);
              other.monitors.reloadIds();
            } else if (s.kind === 'create') {
              ids.push(store.monitors.create(draft('New')).id);
              other.monitors.reloadIds();
            } else if (s.kind === 'prune') store.prune({ rawBefore: T0 + s.cut * 1000, minutesBefore: 0 }, 1000);
            else if (s.kind === 'other') {
              // Another connection's commit (the CLI's case): seen through data_version.
              other.results.enqueue(resultOf(ids, s.p, 500));
              other.results.flush();
            } else if (s.kind === 'rolledBack') {
              store.results.enqueue(resultOf(ids, s.p, 250));
              expect(() =>
                store.file.immediate(() => {
                  store.results.flush();
                  expect(store.results.latest()).toEqual(sqlLatest(store));
                  throw new Error('roll back');
                }),
              ).toThrow('roll back');
            } else if (s.kind === 'check') expect(store.results.latest()).toEqual(sqlLatest(store));
          }
          expect(store.results.latest()).toEqual(sqlLatest(store));
          // A reader opened afresh (its first read is SQL's) agrees too.
          const fresh = open(path, true);
          try {
            expect(fresh.results.latest()).toEqual(store.results.latest());
          } finally {
            fresh.close();
          }
        } finally {
          other.close();
          store.close();
        }
      }),
      { numRuns: 60 },
    );
  });

  it('gives results as stored: rounded, an up result without its message, the first of two in one ms', () => {
    const store = open(tmp.file('stored.db'));
    try {
      const id = store.monitors.create(draft()).id;
      store.results.latest();
      store.results.enqueue({
        monitorId: id,
        ts: T0 + 0.7,
        status: 'up',
        latencyMs: 80.6,
        inMaintenance: false,
        message: 'fine',
        phases: { ttfb: 10.4, dns: Number.NaN },
        details: { httpStatus: 200, bytes: 55 },
      });
      store.results.enqueue({ monitorId: id, ts: T0, status: 'down', latencyMs: null, inMaintenance: false });
      expect(store.results.latest()).toEqual([
        {
          monitorId: id,
          ts: T0,
          status: 'up',
          latencyMs: 81,
          inMaintenance: false,
          phases: { ttfb: 10 },
          details: { httpStatus: 200, bytes: 55 },
        },
      ]);
      expect(store.results.latest()).toEqual(sqlLatest(store));
      // Shared with every caller: a new array each time, results that cannot be changed.
      const mine = store.results.latest();
      mine.pop();
      expect(store.results.latest()).toHaveLength(1);
      expect(() => {
        (store.results.latest()[0]!.details as { bytes: number }).bytes = 1;
      }).toThrow(TypeError);
    } finally {
      store.close();
    }
  });
});

describe('monitors.list() from memory', () => {
  it('equals a fresh read after random create / update / pause / delete / reload / rollback / other-connection sequences', () => {
    let run = 0;
    const op = fc.oneof(
      fc.constant({ kind: 'create' as const }),
      fc.record({ kind: fc.constant('update' as const), i: fc.nat(), name: fc.string({ maxLength: 5 }) }),
      fc.record({ kind: fc.constant('pause' as const), i: fc.nat(), paused: fc.boolean() }),
      fc.record({ kind: fc.constant('delete' as const), i: fc.nat() }),
      fc.constant({ kind: 'reload' as const }),
      fc.constant({ kind: 'rolledBack' as const }),
      fc.constant({ kind: 'other' as const }),
      fc.constant({ kind: 'check' as const }),
    );
    fc.assert(
      fc.property(fc.array(op, { minLength: 1, maxLength: 30 }), (ops) => {
        const path = tmp.file(`list-${run++}.db`);
        const store = open(path);
        const other = open(path);
        try {
          store.monitors.create(draft('First'));
          store.monitors.list();
          for (const o of ops) {
            const all = store.monitors.list();
            const pick = 'i' in o && all.length > 0 ? all[o.i % all.length] : undefined;
            if (o.kind === 'create') store.monitors.create(draft(`M${all.length}`, `https://m${all.length}.test/`));
            else if (o.kind === 'update' && pick)
              store.monitors.update(pick.id, {
                ...draft(`${pick.name}${o.name}`, `https://u${o.name.length}.test/`),
              });
            else if (o.kind === 'pause' && pick)
              store.monitors.update(pick.id, { ...draft(pick.name), paused: o.paused });
            else if (o.kind === 'delete' && pick) store.monitors.delete(pick.id);
            else if (o.kind === 'reload') store.monitors.reloadIds();
            else if (o.kind === 'rolledBack')
              expect(() =>
                store.file.immediate(() => {
                  store.monitors.create(draft('Gone'));
                  expect(store.monitors.list()).toEqual(sqlList(store));
                  throw new Error('roll back');
                }),
              ).toThrow('roll back');
            else if (o.kind === 'other') other.monitors.create(draft('From the CLI'));
            expect(store.monitors.list()).toEqual(sqlList(store));
          }
        } finally {
          other.close();
          store.close();
        }
      }),
      { numRuns: 60 },
    );
  });

  it('hands out a new array of frozen monitors: a caller cannot change what the next caller sees', () => {
    const store = open(tmp.file('frozen.db'));
    try {
      store.monitors.create(draft());
      const a = store.monitors.list();
      a.pop();
      expect(store.monitors.list()).toHaveLength(1);
      const m = store.monitors.list()[0]!;
      expect(() => {
        (m as { name: string }).name = 'changed';
      }).toThrow(TypeError);
      expect(() => {
        (m.config as { url: string }).url = 'https://elsewhere.test/';
      }).toThrow(TypeError);
      expect(store.monitors.list()[0]).toEqual(store.monitors.get(m.id));
    } finally {
      store.close();
    }
  });
});
