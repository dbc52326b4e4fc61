/**
 * dashboard.get for 1,000 monitors with 30 days of history: latest result, 24 h / 7 d / 30 d uptime
 * and the 60-point strip for every monitor in one call. The query keeps what lies before the current
 * hour and re-reads only the current hour, so two figures: the first call of an hour (cold: a
 * fresh store each time) and the calls after it (warm, the headline, what a dashboard refreshing
 * every minute pays). Reference in the same run: the same for 10 monitors.
 * Goal (issue 7): <= 100 ms median for 1,000 monitors.
 * Prints readable lines, then LAST one JSON line for the bench runner.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSettingsService } from '../../electron/core/settings/settings';
import { createDashboardHandlers } from '../../electron/core/slo/service';
import { openStore } from '../../electron/core/store';
import type { Clock } from '../../electron/core/clock';
import { writeSyntheticHistory } from './dashboard-history';

const GOAL_MS = 100;
const NOW = Date.UTC(2025, 4, 20, 13, 37, 21);

function median(fn: () => unknown, runs: number): number {
  fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    fn();
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

function measure(dir: string, monitors: number): { warm: number; cold: number } {
  const path = join(dir, `dash-${monitors}.db`);
  const t0 = performance.now();
  writeSyntheticHistory(path, { monitors, days: 30, now: NOW });
  console.log(
    `dashboard-query: ${monitors} monitors x 30 days written in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
  );
  const clock: Clock = { now: () => NOW, setTimeout: () => ({}) as never, clearTimeout: () => undefined };
  const colds: number[] = [];
  for (let i = 0; i < 5; i++) {
    const s = openStore({ path, readOnly: true });
    const svc = createDashboardHandlers({ store: s, settings: createSettingsService(s.settings), clock });
    const t = performance.now();
    svc['dashboard.get']({ includeMaintenance: false });
    colds.push(performance.now() - t);
    s.close();
  }
  colds.sort((a, b) => a - b);
  const cold = colds[2]!;
  const store = openStore({ path, readOnly: true });
  const service = createDashboardHandlers({ store, settings: createSettingsService(store.settings), clock });
  const answer = service['dashboard.get']({ includeMaintenance: false }) as {
    rows: { spark: string; uptime: { d30: { measuredMs: number } } }[];
  };
  if (answer.rows.length !== monitors) throw new Error(`expected ${monitors} rows, got ${answer.rows.length}`);
  if (!answer.rows.every((r) => r.spark.length === 60 && r.uptime.d30.measuredMs > 0))
    throw new Error('a row lacks its strip or uptime');
  const ms = median(() => service['dashboard.get']({ includeMaintenance: false }), monitors > 100 ? 15 : 50);
  console.log(
    `  dashboard.get, ${monitors} monitors: ${ms.toFixed(2)} ms median (first call of the hour: ${cold.toFixed(2)} ms)`,
  );
  store.close();
  return { warm: ms, cold };
}

const dir = mkdtempSync(join(tmpdir(), 'lookout-bench-dashboard-'));
try {
  const ref = measure(dir, 10).warm;
  const big = measure(dir, 1000);
  const value = big.warm;
  console.log(
    JSON.stringify({
      bench: 'dashboard-query',
      value: Math.round(value * 100) / 100,
      unit: 'ms',
      ref: Math.round(ref * 100) / 100,
      ratio: Math.round((value / ref) * 10) / 10,
      goal: `dashboard.get for 1,000 monitors x 30 days <= 100 ms median (first call of an hour: ${Math.round(big.cold)} ms)`,
      pass: value <= GOAL_MS,
    }),
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
