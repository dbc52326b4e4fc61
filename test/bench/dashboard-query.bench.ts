/**
 * dashboard.get for 1,000 monitors with 30 days of history: latest result, 24 h / 7 d / 30 d uptime
 * and the 60-point strip for every monitor in one call. Figures:
 *  - a live run: the store open for writing on a clock that moves a minute per call for 100 minutes
 *    from 13:37 (one result per monitor a minute written through the writer, as its timer would,
 *    the hours sealed by it at 14:02 and 15:02), a dashboard call each minute: the first call of
 *    each hour, the call after each seal, the worst call and the median, in the main thread's CPU
 *    time per call (the headline: the worst) and wall time (noisy on a shared machine).
 *  - the first call after opening the store (a fresh store each time: statements prepared, nothing
 *    read yet), reported apart: it is what a session pays once, before its first refresh.
 * Reference in the same run: the same warm median for 10 monitors.
 * Goal (issue 20): every call of the live run <= 30 ms (issue 7: median <= 100 ms).
 * Prints readable lines, then LAST one JSON line for the bench runner.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSettingsService } from '../../electron/core/settings/settings';
import { createDashboardHandlers } from '../../electron/core/slo/service';
import { openStore } from '../../electron/core/store';
import type { Clock } from '../../electron/core/clock';
import type { Status } from '../../shared/status';
import { writeSyntheticHistory } from './dashboard-history';
import { threadCpuMs } from './thread-cpu';

const GOAL_MS = 30;
const NOW = Date.UTC(2025, 4, 20, 13, 37, 21);
const MIN = 60_000;
const HOUR = 60 * MIN;
const LIVE_MINUTES = 100;

const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b);
const median = (xs: number[]) => sorted(xs)[Math.floor(xs.length / 2)]!;

function handlers(path: string, clock: Clock, readOnly: boolean) {
  const noTimers = { setTimeout: () => ({}) as never, clearTimeout: () => undefined };
  const store = openStore({ path, readOnly, now: clock.now, timers: noTimers, flushIntervalMs: HOUR });
  const service = createDashboardHandlers({ store, settings: createSettingsService(store.settings), clock });
  const call = () => {
    const c = threadCpuMs();
    const t = performance.now();
    const answer = service['dashboard.get']({ includeMaintenance: false });
    const ms = performance.now() - t;
    // The handler answers synchronously; a promise here would mean the figure timed nothing.
    if (answer instanceof Promise) throw new Error('dashboard.get answered with a promise');
    return { ms, cpu: threadCpuMs() - c, answer };
  };
  return { store, call };
}

function check(answer: { rows: { spark: string; uptime: { d30: { measuredMs: number } } }[] }, monitors: number) {
  if (answer.rows.length !== monitors) throw new Error(`expected ${monitors} rows, got ${answer.rows.length}`);
  if (!answer.rows.every((r) => r.spark.length === 60 && r.uptime.d30.measuredMs > 0))
    throw new Error('a row lacks its strip or uptime');
}

/**
 * First call after opening, a fresh store each time (median of 5): with the session's warm-up
 * (the timer the handlers set at start, run here before the call, as the event loop would) or
 * without it (the call itself reads the day).
 */
function firstAfterOpen(path: string, monitors: number, warmUp: boolean): number {
  const timers: (() => void)[] = [];
  const clock: Clock = {
    now: () => NOW,
    setTimeout: (fn) => (timers.push(fn), {}) as never,
    clearTimeout: () => undefined,
  };
  const times: number[] = [];
  for (let i = 0; i < 5; i++) {
    const h = handlers(path, clock, true);
    for (const fn of timers.splice(0)) if (warmUp) fn();
    const { ms, answer } = h.call();
    check(answer, monitors);
    times.push(ms);
    h.store.close();
  }
  return median(times);
}

/** Calls on a still clock after a first one: what a refresh pays between results (median). */
function warm(path: string, monitors: number, runs: number): number {
  const clock: Clock = { now: () => NOW, setTimeout: () => ({}) as never, clearTimeout: () => undefined };
  const h = handlers(path, clock, true);
  check(h.call().answer, monitors);
  const times = Array.from({ length: runs }, () => h.call().ms);
  h.store.close();
  return median(times);
}

interface Live {
  calls: { at: number; ms: number; cpu: number }[];
  firstOfHour: number[];
  afterSeal: number[];
}

/** The live run: a minute of results for every monitor, then a dashboard call, for LIVE_MINUTES. */
function live(path: string, ids: number[]): Live {
  let t = NOW;
  const clock: Clock = { now: () => t, setTimeout: () => ({}) as never, clearTimeout: () => undefined };
  const h = handlers(path, clock, false);
  check(h.call().answer, ids.length);
  const out: Live = { calls: [], firstOfHour: [], afterSeal: [] };
  let sealed = h.store.rollupMarks().hours;
  for (let minute = 1; minute <= LIVE_MINUTES; minute++) {
    const from = t;
    t = NOW + minute * MIN;
    // One probe per monitor in the minute, spread over it; one monitor in 50 failing for a while.
    ids.forEach((id, i) => {
      const ts = from + Math.floor(((i + 0.5) / ids.length) * MIN);
      const failing = i % 50 === 0 && minute % 30 < 4;
      const status: Status = failing ? 'down' : i % 97 === minute % 97 ? 'degraded' : 'up';
      h.store.results.enqueue({
        monitorId: id,
        ts,
        status,
        latencyMs: status === 'down' ? null : status === 'degraded' ? 3500 : 80,
        inMaintenance: false,
        ...(status === 'down' ? { errorCode: 'http_status', message: 'HTTP 503' } : {}),
      });
    });
    h.store.results.flush(); // the writer's own timer (seals hours as they close)
    const { ms, cpu, answer } = h.call();
    check(answer, ids.length);
    out.calls.push({ at: t, ms, cpu });
    if (Math.floor(t / HOUR) !== Math.floor((t - MIN) / HOUR)) out.firstOfHour.push(cpu);
    const marks = h.store.rollupMarks().hours;
    if (marks !== sealed) out.afterSeal.push(cpu);
    sealed = marks;
  }
  h.store.close();
  return out;
}

const dir = mkdtempSync(join(tmpdir(), 'lookout-bench-dashboard-'));
try {
  const small = join(dir, 'dash-10.db');
  writeSyntheticHistory(small, { monitors: 10, days: 30, now: NOW });
  const ref = warm(small, 10, 50);
  console.log(`dashboard-query: 10 monitors x 30 days: ${ref.toFixed(2)} ms median`);

  const big = join(dir, 'dash-1000.db');
  const t0 = performance.now();
  const ids = writeSyntheticHistory(big, { monitors: 1000, days: 30, now: NOW });
  console.log(`dashboard-query: 1000 monitors x 30 days written in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  const opened = firstAfterOpen(big, 1000, true);
  const unwarmed = firstAfterOpen(big, 1000, false);
  const still = warm(big, 1000, 15);
  const run = live(big, ids);
  const ms = run.calls.map((c) => c.ms);
  const cpu = run.calls.map((c) => c.cpu);
  // On a shared machine a call's wall time includes waiting for a core; its CPU time on the main
  // thread (synchronous SQLite) is what the call costs, and the headline. The process's CPU, which
  // this once was, also counted whatever ran beside the call: a WAL checkpoint on the checkpointer's
  // worker right after the writer's flush made a 27 ms call (wall) a 53 ms one. GC still lands where
  // it lands: collecting the writer's garbage can fall on any call, a call's own on a later one.
  const worst = run.calls.reduce((a, b) => (b.cpu > a.cpu ? b : a));
  const worstWall = Math.max(...ms);
  const at = (x: number) => new Date(x).toISOString().slice(11, 16);
  const list = (xs: number[]) => xs.map((x) => x.toFixed(1)).join(', ');
  const p90 = (xs: number[]) => sorted(xs)[Math.floor(xs.length * 0.9)]!.toFixed(2);
  console.log(`  1000 monitors, still clock: ${still.toFixed(2)} ms median`);
  console.log(
    `  live run, ${run.calls.length} calls a minute apart from ${at(NOW)}: CPU per call median ${median(cpu).toFixed(2)} ms, p90 ${p90(cpu)}, worst ${worst.cpu.toFixed(2)} ms (at ${at(worst.at)}); wall median ${median(ms).toFixed(2)} ms, p90 ${p90(ms)}, worst ${worstWall.toFixed(2)} ms`,
  );
  console.log(
    `  CPU of the first call of an hour: ${list(run.firstOfHour)} ms; of the first call after a seal: ${list(run.afterSeal)} ms`,
  );
  console.log(
    `  first call after opening the store: ${opened.toFixed(2)} ms median after the session's warm-up, ${unwarmed.toFixed(2)} ms without it (wall)`,
  );
  console.log('  (machine shared with other engineers: wall times are noisy; the ratio is against the same run)');
  console.log(
    JSON.stringify({
      bench: 'dashboard-query',
      value: Math.round(worst.cpu * 100) / 100,
      unit: 'ms main-thread CPU (worst call of the live run, 1,000 monitors)',
      ref: Math.round(ref * 100) / 100,
      ratio: Math.round((worst.cpu / ref) * 10) / 10,
      goal:
        `every dashboard.get for 1,000 monitors x 30 days <= ${GOAL_MS} ms (CPU median ${median(cpu).toFixed(1)}, ` +
        `first of an hour ${Math.round(Math.max(...run.firstOfHour))}, after a seal ${Math.round(Math.max(...run.afterSeal))}; ` +
        `wall worst ${Math.round(worstWall)}, median ${median(ms).toFixed(1)}; first after opening ${Math.round(opened)}, ${Math.round(unwarmed)} without the warm-up)`,
      pass: worst.cpu <= GOAL_MS,
    }),
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
