/**
 * vantage-ingest (issue 22): 500 monitors × 3 vantages × 24 h read from a Prometheus on loopback
 * into vantage_results, then the steady state: one query_range per interval for all 500 monitors.
 *
 * The Prometheus here is a loopback HTTP server speaking the query_range API (in its own process,
 * test/bench/vantage-prom.child.ts), not a real Prometheus: loading 24 h of 1,500 series into a
 * real one would take longer than the bench. The real one is read in test/e2e/vantage-prometheus.
 *
 * Goals: backfill <= 30 s with RSS growth <= 128 MiB; steady state <= 5% of one core at one read
 * every 30 s. Prints readable lines, then LAST one JSON line for the bench runner.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { MonitorDraft } from '../../shared/monitor';
import { createEventBus } from '../../electron/core/events';
import { createKeyFileBox } from '../../electron/core/secrets/key-file';
import { createSettingsService } from '../../electron/core/settings/settings';
import { openStore } from '../../electron/core/store';
import { createVantages } from '../../electron/core/vantage/service';
import { FakeClock } from '../support/fake-clock';
import { startChild } from './child-process';

const MONITORS = 500;
const INTERVAL_S = 30;
const STEADY_READS = 20;
const GOAL_BACKFILL_S = 30;
const GOAL_RSS_MIB = 128;
const GOAL_CORE = 0.05;
const MiB = 1024 * 1024;

const here = path.dirname(new URL(import.meta.url).pathname);
const prom = await startChild<{ url: string }>(path.join(here, 'vantage-prom.child.js'));
const dir = mkdtempSync(path.join(tmpdir(), 'lookout-bench-vantage-'));
try {
  const clock = new FakeClock(Date.UTC(2026, 10, 20, 12, 0, 0));
  const store = openStore({ path: path.join(dir, 'v.db'), now: () => clock.now() });
  const settings = createSettingsService(store.settings);
  settings.update({ prometheus: { baseUrl: prom.info.url, intervalSec: INTERVAL_S, timeoutSec: 60 } });
  for (let i = 0; i < MONITORS; i++) {
    store.monitors.create(
      MonitorDraft.parse({
        name: `m${i}`,
        kind: 'http',
        config: { url: `https://s${i}.example/` },
        vantage: { selector: `probe_success{job="blackbox",instance="https://s${i}.example/"}` },
      }),
    );
  }
  const v = createVantages({
    store,
    clock,
    bus: createEventBus(),
    settings,
    secrets: createKeyFileBox(path.join(dir, 'k.key')),
  });

  globalThis.gc?.();
  const rss0 = process.memoryUsage().rss;
  let peak = rss0;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  await v.ingest.readNow();
  const backfillS = (performance.now() - t0) / 1000;
  const c1 = process.cpuUsage(c0);
  const backfillCpuS = (c1.user + c1.system) / 1e6;
  const mem = process.memoryUsage();
  peak = Math.max(peak, process.memoryUsage().rss);
  clearInterval(sampler);
  const rows = v.results.count();
  const growth = (peak - rss0) / MiB;
  const src = (await v.handlers['vantage.status']({})).source;
  if (src.health !== 'ok') throw new Error(`backfill failed: ${src.message}`);
  console.log(
    `backfill: ${MONITORS} monitors × 3 vantages × 24 h = ${rows.toLocaleString('en')} rows in ${backfillS.toFixed(1)} s (${backfillCpuS.toFixed(1)} s CPU in this process); peak RSS +${growth.toFixed(1)} MiB (goal <= ${GOAL_BACKFILL_S} s, <= ${GOAL_RSS_MIB} MiB); after: heap ${(mem.heapUsed / MiB).toFixed(0)}/${(mem.heapTotal / MiB).toFixed(0)} MiB, external ${(mem.external / MiB).toFixed(0)} MiB`,
  );

  // Steady state: the clock moves one interval per read; CPU of this process per read over the interval.
  let cpu = 0;
  let wall = 0;
  for (let i = 0; i < STEADY_READS; i++) {
    await clock.advance(INTERVAL_S * 1000);
    const c = process.cpuUsage();
    const w = performance.now();
    await v.ingest.readNow();
    const d = process.cpuUsage(c);
    cpu += (d.user + d.system) / 1e6;
    wall += (performance.now() - w) / 1000;
  }
  const perRead = cpu / STEADY_READS;
  const share = perRead / INTERVAL_S;
  const up = v.ingest.remote(1).filter((x) => x.status !== 'unknown').length;
  console.log(
    `steady state: ${STEADY_READS} reads, ${(perRead * 1000).toFixed(1)} ms CPU and ${((wall / STEADY_READS) * 1000).toFixed(1)} ms wall per read of ${MONITORS * 3} series = ${(share * 100).toFixed(2)}% of one core at one read per ${INTERVAL_S} s (goal <= ${GOAL_CORE * 100}%); monitor 1 sees ${up} vantages`,
  );
  console.log(
    '(Prometheus here is a loopback server speaking the query_range API in its own process, not a real Prometheus; the machine is shared, so figures vary)',
  );
  await v.stop();
  store.close();
  const pass = backfillS <= GOAL_BACKFILL_S && growth <= GOAL_RSS_MIB && share <= GOAL_CORE && up === 3;
  console.log(
    JSON.stringify({
      bench: 'vantage-ingest',
      value: Math.round(backfillS * 10) / 10,
      unit: 's for 24 h backfill',
      ref: GOAL_BACKFILL_S,
      ratio: Math.round((backfillS / GOAL_BACKFILL_S) * 100) / 100,
      goal: `backfill <= ${GOAL_BACKFILL_S} s (RSS +${growth.toFixed(0)} MiB, goal <= ${GOAL_RSS_MIB}); steady ${(share * 100).toFixed(2)}% of a core (goal <= ${GOAL_CORE * 100}%)`,
      pass,
    }),
  );
} finally {
  await prom.stop();
  rmSync(dir, { recursive: true, force: true });
}
