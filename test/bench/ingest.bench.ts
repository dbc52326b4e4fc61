/**
 * Ingest benchmark: probe results per second written through the real store writer (batched,
 * rollups maintained in the same transaction), against
 *   - a naive writer: one transaction per result, rollups upserted per result;
 *   - a bare batched INSERT into `results` with no rollups (the ceiling for this schema).
 * Each contender writes the same results into its own fresh database file (WAL, same pragmas).
 * Prints readable lines, then LAST one JSON line for the bench runner.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ProbeResult } from '../../shared/result';
import { statusCode } from '../../shared/status';
import { openDatabase, type Db } from '../../electron/core/store/db';
import { openStore } from '../../electron/core/store';
import { histBucket } from '../../electron/core/store/histogram';
import { HIST_COLS } from '../../electron/core/store/histogram';
import { MonitorDraft } from '../../shared/monitor';

const GOAL = 150_000;
/**
 * Headline workload: 100 monitors, each probed every 5 s (the scheduler's floor), replayed as fast
 * as the writer takes it. What batching can save depends on how many results of one monitor share
 * a batch (1,000 / monitors), so the same measurement is also printed for 20 and 1,000 monitors.
 * BENCH_MONITORS overrides the headline's monitor count.
 */
const MONITORS = Number(process.env.BENCH_MONITORS ?? 100);
const INTERVAL_MS = 5_000;
const RESULTS = 400_000;
const NAIVE_RESULTS = 40_000;
const SIDE_RESULTS = 200_000;
const T0 = Date.UTC(2025, 0, 1);

function workload(n: number, monitors: number): ProbeResult[] {
  const out: ProbeResult[] = new Array(n);
  let seed = 42;
  const rand = () => (seed = (seed * 1_103_515_245 + 12_345) >>> 0) / 2 ** 32;
  for (let i = 0; i < n; i++) {
    const monitorId = (i % monitors) + 1;
    const round = Math.floor(i / monitors);
    const roll = rand();
    const status = roll < 0.9 ? 'up' : roll < 0.95 ? 'degraded' : roll < 0.99 ? 'down' : 'unknown';
    const latencyMs =
      status === 'down' || status === 'unknown' ? null : Math.round(20 + rand() * (status === 'degraded' ? 5000 : 400));
    out[i] = {
      monitorId,
      ts: T0 + round * INTERVAL_MS + monitorId * 7,
      status,
      latencyMs,
      phases: latencyMs === null ? undefined : { dns: 1, connect: 3, tls: 8, ttfb: latencyMs - 15, download: 3 },
      ...(status === 'up' ? {} : { errorCode: 'http_status', message: 'HTTP 503 from upstream' }),
      inMaintenance: round % 500 < 20,
    };
  }
  return out;
}

/** The writer's clock follows the replayed results, as it does when they arrive live. */
let replayNow = T0;

function freshStore(dir: string, name: string, monitors: number) {
  // Default flushMaxBatch (1,000); the long interval leaves every flush to the size trigger.
  replayNow = T0;
  const store = openStore({ path: join(dir, name), flushIntervalMs: 60_000, now: () => replayNow });
  const draft = MonitorDraft.parse({ name: 'm', kind: 'http', config: { url: 'https://example.com/' } });
  for (let i = 0; i < monitors; i++) store.monitors.create(draft);
  return store;
}

/** Rows of `results` in the shape the real writer binds them (same columns, same conversions). */
function bind(r: ProbeResult): unknown[] {
  const p = r.phases;
  return [
    r.monitorId,
    r.ts,
    statusCode(r.status),
    r.latencyMs,
    p?.dns ?? null,
    p?.connect ?? null,
    p?.tls ?? null,
    p?.ttfb ?? null,
    p?.download ?? null,
    r.errorCode ?? null,
    r.status === 'up' ? null : (r.message ?? null),
    r.inMaintenance ? 1 : 0,
  ];
}
const INSERT =
  'INSERT OR IGNORE INTO results (monitor_id, ts, status, latency, dns, connect, tls, ttfb, download, error_code, message, in_maintenance) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)';

function timeIt(fn: () => void): number {
  const start = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - start) / 1e9;
}

function realWriter(dir: string, results: ProbeResult[], monitors: number): number {
  const store = freshStore(dir, 'real.db', monitors);
  const s = timeIt(() => {
    for (const r of results) {
      replayNow = r.ts;
      store.results.enqueue(r);
    }
    store.results.flush();
  });
  if (store.results.count() !== results.length) throw new Error('real writer lost results');
  store.close();
  return results.length / s;
}

function withDb(dir: string, name: string, monitors: number, fn: (db: Db) => number): number {
  freshStore(dir, name, monitors).close();
  const db = openDatabase(join(dir, name), false);
  try {
    return fn(db);
  } finally {
    db.close();
  }
}

function naiveWriter(dir: string, results: ProbeResult[], monitors: number): number {
  return withDb(dir, 'naive.db', monitors, (db) => {
    const insert = db.prepare(INSERT);
    // What a writer without batching or deferral does: three rollup upserts (minute, hour, day) per result.
    const counts = ['up', 'degraded', 'down', 'unknown', 'm_up', 'm_degraded', 'm_down', 'm_unknown'];
    const upsert = db.prepare(
      `INSERT INTO rollups (monitor_id, level, bucket, ${counts.join(', ')}, lat_n, lat_sum, lat_min, lat_max, ${HIST_COLS.join(', ')})
       VALUES (@m, @level, @bucket, ${counts.map((_, i) => `@c${i}`).join(', ')}, @n, @sum, @lat, @lat, ${HIST_COLS.map((_, i) => `@h = ${i}`).join(', ')})
       ON CONFLICT (monitor_id, level, bucket) DO UPDATE SET ${[...counts, 'lat_n', 'lat_sum', ...HIST_COLS].map((c) => `${c} = ${c} + excluded.${c}`).join(', ')},
         lat_min = min(coalesce(lat_min, excluded.lat_min), coalesce(excluded.lat_min, lat_min)),
         lat_max = max(coalesce(lat_max, excluded.lat_max), coalesce(excluded.lat_max, lat_max))`,
    );
    const one = db.transaction((r: ProbeResult) => {
      if (insert.run(...bind(r)).changes === 0) return;
      const status = statusCode(r.status);
      const c = Object.fromEntries(
        counts.map((_, i) => [`c${i}`, i === status || (r.inMaintenance && i === status + 4) ? 1 : 0]),
      );
      const lat = r.latencyMs;
      for (const [level, ms] of [
        [0, 60_000],
        [1, 3_600_000],
        [2, 86_400_000],
      ] as const) {
        upsert.run({
          m: r.monitorId,
          level,
          bucket: r.ts - (r.ts % ms),
          ...c,
          n: lat === null ? 0 : 1,
          sum: lat ?? 0,
          lat,
          h: lat === null ? -1 : histBucket(lat),
        });
      }
    });
    return results.length / timeIt(() => results.forEach((r) => one(r)));
  });
}

function bareInsert(dir: string, results: ProbeResult[], monitors: number): number {
  return withDb(dir, 'bare.db', monitors, (db) => {
    const insert = db.prepare(INSERT);
    const batch = db.transaction((rs: ProbeResult[]) => {
      for (const r of rs) insert.run(...bind(r));
    });
    return (
      results.length /
      timeIt(() => {
        for (let i = 0; i < results.length; i += 1000) batch(results.slice(i, i + 1000));
      })
    );
  });
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

/** Each measurement gets its own directory, so no run reads another's pages from the OS cache. */
function inFreshDir<T>(fn: (dir: string) => T): T {
  const dir = mkdtempSync(join(tmpdir(), 'lookout-bench-'));
  try {
    return fn(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
const results = workload(RESULTS, MONITORS);
const naiveInput = results.slice(0, NAIVE_RESULTS);
const real: number[] = [];
const bare: number[] = [];
const naive: number[] = [];
for (let i = 0; i < 3; i++) {
  real.push(inFreshDir((dir) => realWriter(dir, results, MONITORS)));
  bare.push(inFreshDir((dir) => bareInsert(dir, results, MONITORS)));
  naive.push(inFreshDir((dir) => naiveWriter(dir, naiveInput, MONITORS)));
}
const value = Math.round(median(real));
const bareV = median(bare);
const naiveV = median(naive);
console.log(
  `ingest: ${fmt(RESULTS)} results, ${MONITORS} monitors every ${INTERVAL_MS / 1000} s, flush batches of 1,000; median of 3 (naive: first ${fmt(NAIVE_RESULTS)} results)`,
);
console.log(`  real writer (batched + rollups):   ${fmt(value)} results/s   runs ${real.map(fmt).join(', ')}`);
console.log(
  `  naive (txn + rollups per result):  ${fmt(naiveV)} results/s   -> real is ${(value / naiveV).toFixed(1)}x`,
);
console.log(
  `  bare batched INSERT, no rollups:   ${fmt(bareV)} results/s   -> real is ${(value / bareV).toFixed(2)} of it`,
);
for (const monitors of [20, 1000]) {
  const side = workload(SIDE_RESULTS, monitors);
  const r = inFreshDir((dir) => realWriter(dir, side, monitors));
  const b = inFreshDir((dir) => bareInsert(dir, side, monitors));
  console.log(
    `  sensitivity, ${monitors} monitors (1 run, ${fmt(SIDE_RESULTS)} results): real ${fmt(r)} results/s, bare ${fmt(b)} results/s (${(r / b).toFixed(2)})`,
  );
}
const pass = value >= GOAL && value >= 5 * naiveV && value >= 0.5 * bareV;
console.log(
  JSON.stringify({
    bench: 'ingest',
    value,
    unit: 'results/s',
    // The issue's ratio is the one against the bare-insert limit measured in this run.
    ref: Math.round(bareV),
    ratio: Math.round((value / bareV) * 1000) / 1000,
    goal: '>=150000 results/s, >=5x naive, >=0.5 of bare insert',
    pass,
  }),
);
