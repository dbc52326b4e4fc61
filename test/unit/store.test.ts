import { copyFileSync, existsSync, writeFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ApiError } from '../../shared/errors';
import { openStore, type Store } from '../../electron/core/store';
import { APPLICATION_ID, SCHEMA_VERSION } from '../../electron/core/store/migrations';
import { chooseBucketMs } from '../../electron/core/store/series';
import { FakeClock } from '../support/fake-clock';
import { draft, result, sha256, tempDir } from './store-helpers';

let tmp: ReturnType<typeof tempDir>;
const open: Store[] = [];
function store(opts: Partial<Parameters<typeof openStore>[0]> = {}): Store {
  const s = openStore({ path: tmp.file('lookout.db'), ...opts });
  open.push(s);
  return s;
}
/** Rows in the file as another process would see them (no flush side effects). */
function countOnDisk(path = tmp.file('lookout.db')): number {
  const db = new Database(path, { readonly: true });
  try {
    return (db.prepare('SELECT count(*) AS n FROM results').get() as { n: number }).n;
  } finally {
    db.close();
  }
}
function expectApiError(fn: () => unknown, code: string, mention?: string): void {
  let caught: unknown;
  try {
    fn();
  } catch (err) {
    caught = err;
  }
  expect(caught).toBeInstanceOf(ApiError);
  expect((caught as ApiError).code).toBe(code);
  if (mention) expect((caught as ApiError).message).toContain(mention);
}

beforeEach(() => {
  tmp = tempDir();
});
afterEach(() => {
  for (const s of open.splice(0)) {
    try {
      s.close();
    } catch {
      // already closed by the test
    }
  }
  tmp.cleanup();
});

describe('opening and migrations', () => {
  it('creates the file, stamps user_version and application_id, uses WAL', () => {
    store().close();
    const db = new Database(tmp.file('lookout.db'), { readonly: true });
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    expect(db.pragma('application_id', { simple: true })).toBe(APPLICATION_ID);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    const tables = (
      db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name").all() as { name: string }[]
    ).map((r) => r.name);
    expect(tables).toEqual(expect.arrayContaining(['monitors', 'results', 'rollups', 'settings', 'sqlite_sequence']));
    db.close();
  });

  it('reopening keeps monitors, results (flushed and merely enqueued) and settings', () => {
    const a = store({ now: () => 1_700_000_000_000 });
    const m1 = a.monitors.create(draft('API'));
    const m2 = a.monitors.create(draft('Stream', 'https://example.com/live.m3u8'));
    a.results.enqueue(result(m1.id, 1000));
    a.results.enqueue(
      result(m1.id, 2000, { status: 'down', latencyMs: null, errorCode: 'timeout', message: 'no answer in 10 s' }),
    );
    expect(a.results.flush()).toBe(2);
    a.results.enqueue(
      result(m2.id, 3000, { phases: { dns: 1.4, connect: 3, tls: 9, ttfb: 40, download: 2 }, latencyMs: 55.6 }),
    );
    a.settings.set('retentionDays', '30');
    a.close(); // flushes the queue

    const b = store();
    expect(b.monitors.list()).toEqual([m1, m2]);
    expect(b.monitors.get(m1.id)?.createdAt).toBe(1_700_000_000_000);
    expect(b.results.count()).toBe(3);
    expect(b.results.recent(m1.id, 10)).toEqual([
      {
        monitorId: m1.id,
        ts: 2000,
        status: 'down',
        latencyMs: null,
        errorCode: 'timeout',
        message: 'no answer in 10 s',
        inMaintenance: false,
      },
      { monitorId: m1.id, ts: 1000, status: 'up', latencyMs: 100, inMaintenance: false },
    ]);
    expect(b.results.latest()).toEqual([
      {
        monitorId: m1.id,
        ts: 2000,
        status: 'down',
        latencyMs: null,
        errorCode: 'timeout',
        message: 'no answer in 10 s',
        inMaintenance: false,
      },
      {
        monitorId: m2.id,
        ts: 3000,
        status: 'up',
        latencyMs: 56,
        phases: { dns: 1, connect: 3, tls: 9, ttfb: 40, download: 2 },
        inMaintenance: false,
      },
    ]);
    expect(b.results.latest([m2.id])).toHaveLength(1);
    expect(b.settings.get('retentionDays')).toBe('30');
    expect(b.settings.get('nope')).toBeUndefined();
  });

  it('a process that dies without close() keeps everything flushed before it died', () => {
    const a = store();
    const m = a.monitors.create(draft());
    for (let i = 0; i < 50; i++) a.results.enqueue(result(m.id, i * 1000));
    a.results.flush();
    // Simulate a crash: copy the files as they are on disk while the connection is still open.
    for (const ext of ['', '-wal', '-shm']) {
      if (existsSync(tmp.file('lookout.db') + ext))
        copyFileSync(tmp.file('lookout.db') + ext, tmp.file('crashed.db') + ext);
    }
    const b = store({ path: tmp.file('crashed.db') });
    expect(b.results.count()).toBe(50);
    expect(b.monitors.list()).toEqual([m]);
  });

  it('refuses a database from a newer Lookout and leaves it byte-for-byte untouched', () => {
    store().close();
    const path = tmp.file('lookout.db');
    const db = new Database(path);
    db.pragma('journal_mode = DELETE');
    db.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    db.close();
    const before = sha256(path);
    expectApiError(() => store(), 'conflict', path);
    expectApiError(() => store({ readOnly: true }), 'conflict', 'newer');
    expect(sha256(path)).toBe(before);
    expect(existsSync(path + '-wal')).toBe(false);
  });

  it('refuses a text file and leaves it untouched', () => {
    const path = tmp.file('notes.txt');
    writeFileSync(path, 'these are my notes, not a database\n'.repeat(20));
    const before = sha256(path);
    expectApiError(() => store({ path }), 'conflict', path);
    expectApiError(() => store({ path, readOnly: true }), 'conflict', path);
    expect(sha256(path)).toBe(before);
  });

  it('refuses a short file that is not SQLite', () => {
    const path = tmp.file('tiny.db');
    writeFileSync(path, 'x');
    const before = sha256(path);
    expectApiError(() => store({ path }), 'conflict', path);
    expect(sha256(path)).toBe(before);
  });

  it('refuses an SQLite database that is not Lookout’s and leaves it untouched', () => {
    const path = tmp.file('other.db');
    const db = new Database(path);
    db.exec("CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT); INSERT INTO customers (name) VALUES ('Ada');");
    db.close();
    const before = sha256(path);
    expectApiError(() => store({ path }), 'conflict', path);
    expectApiError(() => store({ path, readOnly: true }), 'conflict', path);
    expect(sha256(path)).toBe(before);
  });

  it('refuses a Lookout-stamped database that lacks its tables', () => {
    const path = tmp.file('damaged.db');
    const db = new Database(path);
    db.exec('CREATE TABLE monitors (id INTEGER PRIMARY KEY)');
    db.pragma(`application_id = ${APPLICATION_ID}`);
    db.pragma(`user_version = ${SCHEMA_VERSION}`);
    db.close();
    const before = sha256(path);
    expectApiError(() => store({ path }), 'conflict', 'missing');
    expect(sha256(path)).toBe(before);
  });

  it('initialises a blank SQLite file (what an interrupted first open leaves)', () => {
    const path = tmp.file('blank.db');
    const db = new Database(path);
    db.pragma('journal_mode = WAL');
    db.close();
    const s = store({ path });
    expect(s.monitors.list()).toEqual([]);
  });

  it('review mode of a missing file is a clear not_found, and creates nothing', () => {
    expectApiError(() => store({ path: tmp.file('missing.db'), readOnly: true }), 'not_found', 'missing.db');
    expect(existsSync(tmp.file('missing.db'))).toBe(false);
  });
});

describe('read-only (review) mode', () => {
  it('reads work and every write throws read_only', () => {
    const a = store();
    const m = a.monitors.create(draft());
    a.results.enqueue(result(m.id, 60_000));
    a.settings.set('k', 'v');
    a.close();
    const before = sha256(tmp.file('lookout.db'));

    const ro = store({ readOnly: true });
    expect(ro.readOnly).toBe(true);
    expect(ro.monitors.list()).toHaveLength(1);
    expect(ro.results.recent(m.id, 5)).toHaveLength(1);
    expect(ro.results.latest()).toHaveLength(1);
    expect(ro.results.count()).toBe(1);
    expect(ro.settings.get('k')).toBe('v');
    expect(ro.series(m.id, 0, 120_000, 10).points).toHaveLength(1);
    expect(ro.uptime(m.id, 0, 120_000).up).toBe(1);
    expect(ro.results.flush()).toBe(0);

    expectApiError(() => ro.monitors.create(draft()), 'read_only');
    expectApiError(() => ro.monitors.update(m.id, draft('x')), 'read_only');
    expectApiError(() => ro.monitors.delete(m.id), 'read_only');
    expectApiError(() => ro.results.enqueue(result(m.id, 1)), 'read_only');
    expectApiError(() => ro.settings.set('k', 'w'), 'read_only');
    ro.close();
    expect(sha256(tmp.file('lookout.db'))).toBe(before);
  });
});

describe('monitors', () => {
  it('create, update, delete; update of a missing monitor is not_found', () => {
    let clock = 5000;
    const s = store({ now: () => clock });
    const a = s.monitors.create(draft('A'));
    clock = 6000;
    const b = s.monitors.create({ ...draft('B'), group: 'Live streaming', intervalSec: 30, retries: 3, paused: true });
    expect(a).toMatchObject({
      id: 1,
      name: 'A',
      group: 'Web',
      intervalSec: 60,
      retries: 2,
      paused: false,
      kind: 'http',
      createdAt: 5000,
    });
    expect(b).toMatchObject({
      id: 2,
      group: 'Live streaming',
      intervalSec: 30,
      retries: 3,
      paused: true,
      createdAt: 6000,
    });
    expect(b.config).toEqual(draft('B').config);

    const renamed = s.monitors.update(a.id, { ...draft('A2', 'https://example.org/') });
    expect(renamed).toMatchObject({ id: a.id, name: 'A2', createdAt: 5000, config: { url: 'https://example.org/' } });
    expectApiError(() => s.monitors.update(999, draft()), 'not_found', '999');

    s.results.enqueue(result(a.id, 1000));
    s.results.enqueue(result(b.id, 1000));
    s.results.flush();
    s.results.enqueue(result(a.id, 2000)); // still queued when the monitor goes
    expect(s.monitors.delete(a.id)).toBe(true);
    expect(s.monitors.delete(a.id)).toBe(false);
    expect(s.monitors.get(a.id)).toBeUndefined();
    expect(s.results.count()).toBe(1);
    expect(s.uptime(a.id, 0, 86_400_000).total).toBe(0);
    expect(s.uptime(b.id, 0, 86_400_000).total).toBe(1);
    expect(s.monitors.list().map((m) => m.id)).toEqual([b.id]);
  });
});

describe('writer queue', () => {
  it('flushes by size: one transaction as soon as flushMaxBatch results are queued', () => {
    const s = store({ flushMaxBatch: 10, flushIntervalMs: 60_000 });
    const m = s.monitors.create(draft());
    for (let i = 0; i < 9; i++) s.results.enqueue(result(m.id, i));
    expect(countOnDisk()).toBe(0);
    s.results.enqueue(result(m.id, 9));
    expect(countOnDisk()).toBe(10);
    for (let i = 10; i < 25; i++) s.results.enqueue(result(m.id, i));
    expect(countOnDisk()).toBe(20);
    expect(s.results.flush()).toBe(5);
    expect(countOnDisk()).toBe(25);
    expect(s.results.flush()).toBe(0);
  });

  it('flushes by time', async () => {
    const clock = new FakeClock(0);
    const s = store({ flushMaxBatch: 1000, flushIntervalMs: 40, timers: clock });
    const m = s.monitors.create(draft());
    s.results.enqueue(result(m.id, 1));
    s.results.enqueue(result(m.id, 2));
    await clock.advance(39);
    expect(countOnDisk()).toBe(0);
    await clock.advance(1);
    expect(countOnDisk()).toBe(2);
  });

  it('holds steady results up to two minutes by default, but writes a status change within 250 ms', async () => {
    const clock = new FakeClock(0);
    const s = store({ timers: clock });
    const [a, b] = [s.monitors.create(draft()), s.monitors.create(draft())];
    // A monitor's first result is news: on disk a quarter of a second later.
    s.results.enqueue(result(a.id, 1));
    await clock.advance(249);
    expect(countOnDisk()).toBe(0);
    await clock.advance(1);
    expect(countOnDisk()).toBe(1);
    // Repeats of the same status wait (one page write per monitor then, not one per result).
    s.results.enqueue(result(a.id, 2));
    await clock.advance(60_000);
    s.results.enqueue(result(a.id, 3));
    await clock.advance(59_000);
    expect(countOnDisk()).toBe(1);
    // A change (another monitor's first result, or a down after ups) cuts the wait short for all queued.
    s.results.enqueue(result(a.id, 4, { status: 'down', latencyMs: null }));
    await clock.advance(250);
    expect(countOnDisk()).toBe(4);
    s.results.enqueue(result(a.id, 5, { status: 'down', latencyMs: null }));
    s.results.enqueue(result(b.id, 5));
    await clock.advance(250);
    expect(countOnDisk()).toBe(6);
    s.results.enqueue(result(a.id, 6, { status: 'down', latencyMs: null }));
    await clock.advance(119_999);
    expect(countOnDisk()).toBe(6);
    await clock.advance(1);
    expect(countOnDisk()).toBe(7);
  });

  it('a read sees results still held in memory (it writes them first)', () => {
    const s = store({ timers: new FakeClock(0) });
    const m = s.monitors.create(draft());
    for (let i = 0; i < 5; i++) s.results.enqueue(result(m.id, 60_000 + i * 1000));
    expect(countOnDisk()).toBe(0);
    expect(s.results.latest([m.id]).map((r) => r.ts)).toEqual([64_000]);
    expect(countOnDisk()).toBe(5);
  });

  it('two results of one monitor in the same ms keep the first and do not fail the batch', () => {
    const s = store();
    const m = s.monitors.create(draft());
    s.results.enqueue(result(m.id, 1000, { status: 'up' }));
    s.results.enqueue(result(m.id, 1000, { status: 'down', latencyMs: null }));
    s.results.enqueue(result(m.id, 1001));
    expect(s.results.flush()).toBe(2);
    expect(s.results.recent(m.id, 5).map((r) => r.status)).toEqual(['up', 'up']);
    expect(s.uptime(m.id, 0, 60_000)).toMatchObject({ up: 2, down: 0, total: 2 });
  });

  it('a batch of interleaved monitors, one of them out of time order, keeps the first of a same-ms pair', () => {
    const s = store({ flushIntervalMs: 60_000 });
    const [a, b] = [s.monitors.create(draft()), s.monitors.create(draft())];
    const down = { status: 'down', latencyMs: null } as const;
    for (const [m, ts, over] of [
      [b, 3000, {}],
      [a, 2000, {}],
      [b, 1000, {}],
      [a, 1000, {}],
      [b, 2000, down],
      [a, 1000, down],
      [b, 2000, {}],
    ] as const)
      s.results.enqueue(result(m.id, ts, over));
    expect(s.results.flush()).toBe(5);
    expect(s.results.recent(a.id, 9).map((r) => [r.ts, r.status])).toEqual([
      [2000, 'up'],
      [1000, 'up'],
    ]);
    expect(s.results.recent(b.id, 9).map((r) => [r.ts, r.status])).toEqual([
      [3000, 'up'],
      [2000, 'down'],
      [1000, 'up'],
    ]);
    expect(s.uptime(b.id, 0, 60_000)).toMatchObject({ up: 2, down: 1, total: 3 });
  });

  it('drops results for monitors that do not exist instead of failing the batch', () => {
    const s = store();
    const m = s.monitors.create(draft());
    s.results.enqueue(result(m.id, 1));
    s.results.enqueue(result(m.id + 100, 1));
    expect(s.results.flush()).toBe(1);
  });

  it('refuses malformed results at enqueue with invalid_input', () => {
    const s = store();
    const m = s.monitors.create(draft());
    expectApiError(() => s.results.enqueue(result(m.id, Number.NaN)), 'invalid_input');
    expectApiError(() => s.results.enqueue({ ...result(m.id, 1), status: 'sideways' as never }), 'invalid_input');
  });

  it('reports a write failure once per streak, keeps the batch and retries it', async () => {
    const errors: Error[] = [];
    const clock = new FakeClock(0);
    const s = store({ onWriteError: (e) => errors.push(e), flushIntervalMs: 20, flushMaxBatch: 2, timers: clock });
    const m = s.monitors.create(draft());
    // Another process makes every insert fail (stands in for a full disk or a damaged page).
    const other = new Database(tmp.file('lookout.db'));
    other.exec("CREATE TRIGGER fail BEFORE INSERT ON results BEGIN SELECT RAISE(ABORT, 'disk on fire'); END");
    s.results.enqueue(result(m.id, 1));
    s.results.enqueue(result(m.id, 2)); // size flush fails: reported, not thrown at the prober
    expect(errors.map((e) => e.message)).toEqual(['disk on fire']);
    expect(() => s.results.flush()).toThrow('disk on fire'); // an explicit flush does throw
    for (let i = 3; i < 10; i++) s.results.enqueue(result(m.id, i));
    await clock.advance(80); // timer retries keep failing
    expect(errors).toHaveLength(1);
    expect(countOnDisk()).toBe(0);

    other.exec('DROP TRIGGER fail');
    await clock.advance(20); // the timer's retry now succeeds
    expect(countOnDisk()).toBe(9);
    expect(s.uptime(m.id, 0, 60_000).up).toBe(9);

    other.exec("CREATE TRIGGER fail BEFORE INSERT ON results BEGIN SELECT RAISE(ABORT, 'again'); END");
    s.results.enqueue(result(m.id, 10));
    s.results.enqueue(result(m.id, 11));
    expect(errors.map((e) => e.message)).toEqual(['disk on fire', 'again']); // a new streak
    other.exec('DROP TRIGGER fail');
    other.close();
    s.close();
    expect(countOnDisk()).toBe(11);
  });
});

describe('series', () => {
  it('picks a nice bucket so points never exceed maxPoints', () => {
    expect(chooseBucketMs(0, 60_000, 1000)).toBe(1000);
    expect(chooseBucketMs(0, 3_600_000, 60)).toBe(60_000);
    expect(chooseBucketMs(0, 3_600_000, 59)).toBe(300_000);
    expect(chooseBucketMs(30_000, 3_630_000, 60)).toBe(300_000); // unaligned: 61 one-minute buckets
    for (const [from, to, max] of [
      [0, 1, 1],
      [123, 987_654_321, 7],
      [1_700_000_000_123, 1_700_000_000_123 + 400 * 86_400_000, 1000],
      [0, 50 * 365 * 86_400_000, 3],
    ] as const) {
      const b = chooseBucketMs(from, to, max);
      expect(Math.floor((to - 1) / b) - Math.floor(from / b) + 1).toBeLessThanOrEqual(max);
    }
  });

  it('draws ranges over two days in buckets of an hour or more (sealed hours), shorter ones finer', () => {
    const D = 86_400_000;
    expect(chooseBucketMs(0, 2 * D, 1000)).toBe(300_000);
    expect(chooseBucketMs(0, 2 * D + 1, 1000)).toBe(3_600_000);
    expect(chooseBucketMs(12_345, 12_345 + 7 * D, 1000)).toBe(3_600_000);
    expect(chooseBucketMs(0, 90 * D, 1000)).toBe(3 * 3_600_000);
  });

  it('a week of results every 30 s: hour points from sealed hours plus the open hour, equal to the raw counts', () => {
    const H = 3_600_000;
    const t0 = 1_700_000_000_000 - (1_700_000_000_000 % H);
    let now = t0;
    const s = store({ now: () => now, flushIntervalMs: 3_600_000, flushMaxBatch: 50_000 });
    const m = s.monitors.create(draft());
    const end = t0 + 7 * 24 * H + 1234;
    let n = 0;
    for (let ts = t0 + 7; ts < end; ts += 30_000, n++) {
      now = ts;
      s.results.enqueue(result(m.id, ts, n % 97 === 0 ? { status: 'down', latencyMs: null } : { latencyMs: n % 300 }));
    }
    s.results.flush();
    expect(s.rollupMarks().hours).toBeGreaterThan(end - 2 * H);
    const from = t0 + 1_000_000;
    const series = s.series(m.id, from, end, 1000);
    expect(series.bucketMs).toBe(H);
    const db = new Database(tmp.file('lookout.db'), { readonly: true });
    const raw = db
      .prepare(
        'SELECT ts - ts % 3600000 AS t, sum(status = 0) AS up, sum(status = 2) AS down, max(latency) AS max FROM results WHERE monitor_id = ? AND ts >= ? AND ts < ? GROUP BY t ORDER BY t',
      )
      .all(m.id, from, end);
    db.close();
    expect(series.points.map((p) => ({ t: p.t, up: p.up, down: p.down, max: p.max }))).toEqual(raw);
  });

  it('buckets counts and latency correctly and respects maxPoints', () => {
    const s = store();
    const m = s.monitors.create(draft());
    const t0 = 1_700_000_000_000 - (1_700_000_000_000 % 3_600_000); // hour aligned
    const all = [];
    // one result every 7 s for 3 hours, statuses cycling, latency varying, some in maintenance
    for (let i = 0; i < (3 * 3600) / 7; i++) {
      const status = (['up', 'up', 'degraded', 'down', 'unknown'] as const)[i % 5]!;
      const r = result(m.id, t0 + i * 7000, {
        status,
        latencyMs: status === 'down' || status === 'unknown' ? null : 10 + (i % 50),
        inMaintenance: i % 11 === 0,
      });
      all.push(r);
      s.results.enqueue(r);
    }
    for (const [from, to, maxPoints] of [
      [t0, t0 + 3 * 3_600_000, 1000],
      [t0 + 12_345, t0 + 2 * 3_600_000 + 999, 100],
      [t0 - 3_600_000, t0 + 4 * 3_600_000, 10],
      [t0 + 1000, t0 + 100_000, 2000],
      [t0, t0 + 3 * 3_600_000, 1],
    ] as const) {
      const series = s.series(m.id, from, to, maxPoints);
      expect(series.points.length).toBeLessThanOrEqual(maxPoints);
      const b = series.bucketMs;
      const expected = new Map<
        number,
        { up: number; degraded: number; down: number; unknown: number; lat: number[] }
      >();
      for (const r of all) {
        if (r.ts < from || r.ts >= to) continue;
        const t = Math.floor(r.ts / b) * b;
        const e = expected.get(t) ?? { up: 0, degraded: 0, down: 0, unknown: 0, lat: [] };
        e[r.status]++;
        if (r.latencyMs !== null) e.lat.push(r.latencyMs);
        expected.set(t, e);
      }
      expect(series.points.map((p) => p.t)).toEqual([...expected.keys()]);
      for (const p of series.points) {
        const e = expected.get(p.t)!;
        expect({ up: p.up, degraded: p.degraded, down: p.down, unknown: p.unknown }).toEqual({
          up: e.up,
          degraded: e.degraded,
          down: e.down,
          unknown: e.unknown,
        });
        expect(p.min).toBe(e.lat.length ? Math.min(...e.lat) : null);
        expect(p.max).toBe(e.lat.length ? Math.max(...e.lat) : null);
        if (e.lat.length) expect(p.avg).toBeCloseTo(e.lat.reduce((x, y) => x + y, 0) / e.lat.length, 9);
        else expect(p.avg).toBeNull();
      }
    }
  });

  it('an empty range or unknown monitor gives no points', () => {
    const s = store();
    expect(s.series(42, 0, 1000, 10)).toEqual({ monitorId: 42, from: 0, to: 1000, bucketMs: 1000, points: [] });
    expect(s.uptime(42, 0, 1000)).toEqual({
      up: 0,
      degraded: 0,
      down: 0,
      unknown: 0,
      maintenance: 0,
      total: 0,
      ratio: null,
    });
    expect(s.latency(42, 0, 1000)).toEqual({
      count: 0,
      min: null,
      avg: null,
      max: null,
      p50: null,
      p95: null,
      p99: null,
    });
  });

  it('latency percentiles over a day of results are close to the exact ones', () => {
    const s = store();
    const m = s.monitors.create(draft());
    const t0 = Date.UTC(2025, 5, 1);
    const lat: number[] = [];
    for (let i = 0; i < 1440 * 2; i++) {
      // mostly 80-180 ms, with a slow tail every 20th probe
      const l = i % 20 === 0 ? 2000 + (i % 7) * 100 : 80 + (i % 101);
      lat.push(l);
      s.results.enqueue(result(m.id, t0 + i * 30_000, { latencyMs: l }));
    }
    lat.sort((a, b) => a - b);
    const stats = s.latency(m.id, t0 - 12_345, t0 + 2 * 86_400_000 + 45_678);
    expect(stats.count).toBe(2880);
    const exact = (q: number) => lat[Math.ceil(q * lat.length) - 1]!;
    for (const [q, est] of [
      [0.5, stats.p50],
      [0.95, stats.p95],
      [0.99, stats.p99],
    ] as const) {
      expect(Math.abs(est! - exact(q)) / exact(q)).toBeLessThan(0.25);
    }
  });
});
