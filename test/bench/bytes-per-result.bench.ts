/**
 * Storage cost (issue 4): database bytes per stored raw result, and bytes per monitor-year of
 * rollups, measured with SQLite's dbstat on a database written through the real writer.
 * Workload: 100 monitors every 30 s for 3 days, 95% up (no message), the rest with an error code
 * and a short message, timing phases on answered results: what an HTTP monitor stores.
 * The reference is the bare row: the same results in a plain rowid table (no key) in the same run.
 *
 * Goal: <= 48 B per raw result (the results b-tree, all pages, divided by rows).
 * Prints readable lines, then LAST one JSON line for the bench runner.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { openStore } from '../../electron/core/store';
import { MonitorDraft } from '../../shared/monitor';

const GOAL = 48;
const MONITORS = 100;
const INTERVAL_MS = 30_000;
const DAYS = 3;
const DAY = 86_400_000;
const T0 = Date.UTC(2025, 0, 1);

const dir = mkdtempSync(join(tmpdir(), 'lookout-bench-bytes-'));
try {
  const path = join(dir, 'bytes.db');
  let now = T0;
  const store = openStore({ path, now: () => now, flushIntervalMs: 3_600_000 });
  const draft = MonitorDraft.parse({ name: 'm', kind: 'http', config: { url: 'https://example.com/' } });
  for (let i = 0; i < MONITORS; i++) store.monitors.create(draft);
  let seed = 3;
  const rand = () => (seed = (seed * 1_103_515_245 + 12_345) >>> 0) / 2 ** 32;
  const rounds = (DAYS * DAY) / INTERVAL_MS;
  for (let i = 0; i < rounds; i++) {
    now = T0 + i * INTERVAL_MS;
    for (let m = 1; m <= MONITORS; m++) {
      const roll = rand();
      const status = roll < 0.95 ? 'up' : roll < 0.97 ? 'degraded' : roll < 0.995 ? 'down' : 'unknown';
      const latencyMs = status === 'down' || status === 'unknown' ? null : 40 + Math.round(rand() * 400);
      store.results.enqueue({
        monitorId: m,
        ts: T0 + i * INTERVAL_MS + Math.round(rand() * 900),
        status,
        latencyMs,
        ...(latencyMs === null ? {} : { phases: { dns: 2, connect: 5, tls: 12, ttfb: latencyMs - 22, download: 3 } }),
        inMaintenance: false,
        ...(status === 'up'
          ? {}
          : {
              errorCode: status === 'degraded' ? 'slow' : 'timeout',
              message: status === 'degraded' ? 'Slower than 3 s' : 'No answer within 10 s',
            }),
      });
    }
  }
  store.close();

  const ro = new Database(path, { readonly: true });
  const bytesOf = (name: string) =>
    (ro.prepare('SELECT coalesce(sum(pgsize), 0) AS b FROM dbstat WHERE name = ?').get(name) as { b: number }).b;
  const count = (sql: string) => ro.prepare(sql).pluck().get() as number;
  const n = count('SELECT count(*) FROM results');
  const resultsBytes = bytesOf('results');
  const perResult = resultsBytes / n;
  const fileBytes = count('SELECT page_count * page_size FROM pragma_page_count, pragma_page_size');
  // Rollups: bytes per row by level, scaled to a monitor-year with the retention policy (hour and
  // day rows kept for good; minute rows, made from results as retention removes them, up to 90 days).
  const rollupBytes = bytesOf('rollups');
  const rows = [0, 1, 2].map((l) => count(`SELECT count(*) FROM rollups WHERE level = ${l}`));
  const rollupRows = rows[0]! + rows[1]! + rows[2]!;
  const perRollupRow = rollupBytes / rollupRows;
  const yearForever = (24 * 365 + 365) * perRollupRow;
  const yearMinutes = 1440 * 90 * perRollupRow;
  ro.close();

  // Reference: the same columns in a plain rowid table, no primary key (the smallest SQLite does).
  const ref = new Database(join(dir, 'ref.db'));
  ref.exec(
    `ATTACH '${path}' AS src; CREATE TABLE bare AS SELECT monitor_id, ts, status, latency, dns, connect, tls, ttfb, download, error_code, message, in_maintenance, details FROM src.results;`,
  );
  const refPer = (ref.prepare("SELECT sum(pgsize) FROM dbstat WHERE name = 'bare'").pluck().get() as number) / n;
  ref.close();

  console.log(
    `bytes-per-result: ${n.toLocaleString('en-US')} results (${MONITORS} monitors every ${INTERVAL_MS / 1000} s for ${DAYS} days), file ${(fileBytes / 2 ** 20).toFixed(1)} MB`,
  );
  console.log(
    `  results b-tree: ${perResult.toFixed(1)} B per result (plain rowid table of the same rows: ${refPer.toFixed(1)} B)`,
  );
  console.log(
    `  rollups: ${perRollupRow.toFixed(0)} B per row (minute ${rows[0]}, hour ${rows[1]}, day ${rows[2]} rows)`,
  );
  console.log(
    `  per monitor-year: hour + day rollups ${(yearForever / 2 ** 20).toFixed(2)} MB (kept for good) + at most 90 days of minute rollups ${(yearMinutes / 2 ** 20).toFixed(1)} MB`,
  );
  console.log(`  whole file per result incl. rollups: ${(fileBytes / n).toFixed(1)} B`);
  console.log(
    JSON.stringify({
      bench: 'bytes-per-result',
      value: Math.round(perResult * 10) / 10,
      unit: 'B/result',
      ref: Math.round(refPer * 10) / 10,
      ratio: Math.round((perResult / refPer) * 1000) / 1000,
      goal: `<= ${GOAL} B per raw result; rollups ${(yearForever / 2 ** 20).toFixed(2)} MB per monitor-year (+ ${(yearMinutes / 2 ** 20).toFixed(1)} MB of minutes kept 90 d)`,
      pass: perResult <= GOAL,
    }),
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
