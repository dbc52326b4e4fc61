/**
 * Uptime query benchmark: uptime of one monitor over unaligned 1-day, 30-day and 90-day ranges,
 * answered from rollups + raw edges (the store) against a brute-force count over raw results (what
 * the rollups replace). The data goes in through the real writer, so rollups are the ones it keeps.
 * Prints readable lines, then LAST one JSON line for the bench runner.
 *
 * Goal (set here, not in the brief): 90-day uptime in <= 1 ms median, and >= 100x faster than the
 * raw count over the same range.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { openStore } from '../../electron/core/store';
import { MonitorDraft } from '../../shared/monitor';

const MONITORS = 20;
const INTERVAL_MS = 60_000;
const DAYS = 90;
const DAY = 86_400_000;
const T0 = Date.UTC(2025, 0, 1);
const GOAL_MS = 1;

function medianMs(fn: () => unknown, minRuns = 20, budgetMs = 1500): number {
  fn();
  const times: number[] = [];
  const start = performance.now();
  while (times.length < minRuns || (performance.now() - start < budgetMs && times.length < 10_000)) {
    const t = performance.now();
    fn();
    times.push(performance.now() - t);
    if (times.length >= minRuns && performance.now() - start > budgetMs) break;
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

const dir = mkdtempSync(join(tmpdir(), 'lookout-bench-uptime-'));
try {
  const path = join(dir, 'uptime.db');
  const store = openStore({ path, flushIntervalMs: 60_000 });
  const draft = MonitorDraft.parse({ name: 'm', kind: 'http', config: { url: 'https://example.com/' } });
  for (let i = 0; i < MONITORS; i++) store.monitors.create(draft);
  let seed = 7;
  const rand = () => ((seed = (seed * 1_103_515_245 + 12_345) >>> 0) / 2 ** 32);
  const rounds = (DAYS * DAY) / INTERVAL_MS;
  const fillStart = performance.now();
  for (let i = 0; i < rounds; i++) {
    for (let m = 1; m <= MONITORS; m++) {
      const roll = rand();
      const status = roll < 0.97 ? 'up' : roll < 0.98 ? 'degraded' : roll < 0.995 ? 'down' : 'unknown';
      store.results.enqueue({ monitorId: m, ts: T0 + i * INTERVAL_MS + m * 13, status, latencyMs: status === 'down' ? null : 50 + Math.round(rand() * 300), inMaintenance: i % 1440 < 30 });
    }
  }
  store.results.flush();
  const total = rounds * MONITORS;
  console.log(`uptime-query: ${total.toLocaleString('en-US')} results (${MONITORS} monitors every ${INTERVAL_MS / 1000} s for ${DAYS} days), written in ${((performance.now() - fillStart) / 1000).toFixed(1)} s`);

  const raw = new Database(path, { readonly: true });
  const brute = raw.prepare(
    `SELECT SUM(status = 0 AND NOT in_maintenance) AS up, SUM(status = 1 AND NOT in_maintenance) AS degraded,
            SUM(status = 2 AND NOT in_maintenance) AS down, count(*) AS total
     FROM results WHERE monitor_id = ? AND ts >= ? AND ts < ?`,
  );
  const end = T0 + DAYS * DAY - 1_234_567; // unaligned on every level
  let value = 0;
  let speedup90 = 0;
  for (const days of [1, 30, 89]) {
    const from = end - days * DAY - 98_765;
    const fast = store.uptime(7, from, end);
    const slow = brute.get(7, from, end) as { up: number; degraded: number; down: number; total: number };
    if (fast.up !== slow.up || fast.degraded !== slow.degraded || fast.down !== slow.down || fast.total !== slow.total) {
      throw new Error(`uptime disagrees with raw count over ${days} days`);
    }
    const tFast = medianMs(() => store.uptime(7, from, end));
    const tSlow = medianMs(() => brute.get(7, from, end), 5, 1500);
    console.log(`  ${String(days).padStart(2)} days: rollups ${tFast.toFixed(3)} ms, raw count ${tSlow.toFixed(3)} ms (${(tSlow / tFast).toFixed(0)}x)`);
    if (days === 89) {
      value = tFast;
      speedup90 = tSlow / tFast;
    }
  }
  raw.close();
  store.close();
  const pass = value <= GOAL_MS && speedup90 >= 100;
  console.log(
    JSON.stringify({
      bench: 'uptime-query',
      value: Math.round(value * 1000) / 1000,
      unit: 'ms',
      ref: GOAL_MS,
      ratio: Math.round((value / GOAL_MS) * 1000) / 1000,
      goal: '89-day uptime <= 1 ms median, >= 100x faster than a raw count',
      pass,
    }),
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
