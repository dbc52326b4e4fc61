/**
 * kuma-protocol (issue 20): the protocol of the side-by-side run with Uptime Kuma, in one process.
 * Serve mode (the real core and its HTTP/WebSocket server) with 500 HTTP monitors every 20 s against
 * a loopback target in a child process; 60 s to settle, then a 240 s window measuring
 *   CPU ms per result (process.cpuUsage), RSS median (sampled each second), logical database growth
 *   per result ((page_count - freelist_count) x page_size), disk writes per result (/proc/self/io
 *   write_bytes) and results per second (must be 500 / 20: no probe lost, none doubled).
 * Idle RSS, the goal's figure, is serve mode as an operator starts it: `node <SERVE_NODE_FLAGS>
 *   dist/electron/serve.js` in a process of its own on an empty database in the bench's directory,
 *   VmRSS 10 s after it answered (idle-serve.ts). This process's own RSS after startCore +
 *   startServer on the same empty database (3 s, gc, 1 s) is printed beside it: it also carries the
 *   bench's code, the target's child-process plumbing and --expose-gc, which serve mode does not.
 * Reference, in the same run: a bare node:http client (`agent: false`, nothing stored) at the same
 * rate against the same target. ratio = Lookout's CPU per probe / the reference's.
 * KUMA_SETTLE_S / KUMA_WINDOW_S / KUMA_REF_S shorten the windows for a quick look (defaults 60 / 240 / 120).
 * Runs under serve mode's V8 flags (SERVE_NODE_FLAGS, as `npm run serve` starts it): the bench runs
 * itself again with them when started without; KUMA_SERVE_FLAGS=0 measures without them.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startCore } from '../../electron/core/app';
import { SERVE_NODE_FLAGS } from '../../electron/serve/node-flags';
import { startServer } from '../../electron/serve/server';
import { MonitorDraft } from '../../shared/monitor';
import { startChild } from './child-process';
import { idleServeRss } from './idle-serve';
import { connectionOf } from '../../electron/core/store/connection';

const MONITORS = 500;
const INTERVAL_S = 20;
const SETTLE_MS = Number(process.env.KUMA_SETTLE_S ?? 60) * 1000;
const WINDOW_MS = Number(process.env.KUMA_WINDOW_S ?? 240) * 1000;
const REF_MS = Number(process.env.KUMA_REF_S ?? 120) * 1000;
const RATE = MONITORS / INTERVAL_S;
const GOAL = { cpuRatio: 1.25, rssMB: 110, idleMB: 70, logicalB: 37, diskB: 2048 };
const IDLE_SETTLE_MS = 10_000;

const here = path.dirname(fileURLToPath(import.meta.url));
const MB = 1e6;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const cpuMs = (): number => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
const writeBytes = (): number => Number(/write_bytes:\s*(\d+)/.exec(readFileSync('/proc/self/io', 'utf8'))?.[1] ?? NaN);
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

function sampleRss(): { stop(): number[] } {
  const xs: number[] = [];
  const t = setInterval(() => xs.push(process.memoryUsage().rss), 1000);
  return {
    stop() {
      clearInterval(t);
      return xs;
    },
  };
}

/** The reference: the same rate as the monitors, each request a bare http.get on its own connection. */
async function reference(url: string): Promise<{ cpuPerReq: number; done: number; failed: number }> {
  let done = 0;
  let failed = 0;
  let counting = false;
  const one = (): void => {
    http
      .get(url, { agent: false }, (res) => {
        res.resume();
        res.on('end', () => void (counting && done++));
      })
      .on('error', () => void (counting && failed++));
  };
  const period = 1000 / RATE;
  const t0 = performance.now();
  let n = 0;
  // One request per slot on the wall clock, as the scheduler spreads monitors over the interval.
  const tick = setInterval(() => {
    const due = Math.floor((performance.now() - t0) / period);
    for (; n < due; n++) one();
  }, 5);
  await sleep(Math.min(10_000, REF_MS / 4));
  counting = true;
  const c0 = cpuMs();
  await sleep(REF_MS);
  const used = cpuMs() - c0;
  counting = false;
  clearInterval(tick);
  await sleep(500);
  return { cpuPerReq: used / Math.max(1, done), done, failed };
}

// V8 takes heap flags only at start: the measured process is a child started with them.
const missing = SERVE_NODE_FLAGS.filter((f) => !process.execArgv.includes(f));
if (missing.length > 0 && process.env.KUMA_SERVE_FLAGS !== '0') {
  const r = spawnSync(process.execPath, [...process.execArgv, ...missing, fileURLToPath(import.meta.url)], {
    stdio: 'inherit',
  });
  process.exit(r.status ?? 1);
}
const flags = process.execArgv.filter((f) => SERVE_NODE_FLAGS.includes(f));

const target = await startChild<{ url: string }>(path.join(here, 'kuma-target.child.js'));
const dir = mkdtempSync(path.join(tmpdir(), 'lookout-bench-kuma-'));
try {
  const dbPath = path.join(dir, 'kuma.db');
  // First, while nothing else runs here: serve mode idle in its own process, with this run's V8 flags.
  const idleServe = await idleServeRss({
    serveJs: path.join(here, '..', 'electron', 'serve.js'),
    flags,
    dbPath: path.join(dir, 'idle.db'),
    settleMs: IDLE_SETTLE_MS,
  });
  const core = await startCore({ dbPath, mode: 'serve', version: 'bench', log: (l) => console.error(`lookout: ${l}`) });
  const served = await startServer({
    dispatch: core.dispatch,
    bus: core.bus,
    rendererDir: path.join(here, '..', 'renderer'),
    port: 0,
  });
  await sleep(3000);
  globalThis.gc?.();
  await sleep(1000);
  const benchIdleRss = process.memoryUsage().rss;

  const draft = { kind: 'http', intervalSec: INTERVAL_S, config: { url: target.info.url } };
  for (let i = 0; i < MONITORS; i++) {
    const r = await core.dispatch('monitors.create', MonitorDraft.parse({ ...draft, name: `Service ${i + 1}` }));
    if (!r.ok) throw new Error(`monitors.create failed: ${JSON.stringify(r.error)}`);
  }
  console.log(
    `kuma-protocol: ${MONITORS} HTTP monitors every ${INTERVAL_S} s, serve mode on ${served.url.replace(/token=.*/, 'token=…')}, target in a child process`,
  );
  console.log(
    `  settle ${SETTLE_MS / 1000} s, window ${WINDOW_MS / 1000} s, reference ${REF_MS / 1000} s; V8 flags: ${flags.join(' ') || 'none'}`,
  );
  console.log(
    `  idle RSS: serve process ${(idleServe.rss / MB).toFixed(1)} MB (anon ${(idleServe.anon / MB).toFixed(1)}, file-backed ${(idleServe.file / MB).toFixed(1)}; goal ${GOAL.idleMB}), this bench process ${(benchIdleRss / MB).toFixed(1)} MB`,
  );
  await sleep(SETTLE_MS);

  const db = connectionOf(core.store);
  const logical = (): number => {
    const [pc, fl, ps] = ['page_count', 'freelist_count', 'page_size'].map(
      (p) => db.pragma(p, { simple: true }) as number,
    );
    return (pc! - fl!) * ps!;
  };
  core.store.results.flush();
  const w0 = Date.now();
  const bytes0 = logical();
  const io0 = writeBytes();
  const c0 = cpuMs();
  const hr0 = process.hrtime.bigint();
  const rss = sampleRss();
  await sleep(WINDOW_MS);
  const used = cpuMs() - c0;
  const w1 = Date.now();
  const rssSamples = rss.stop();
  const mem = process.memoryUsage();
  // For reading a --cpu-prof profile of this run: the window in the profile's clock (µs).
  if (process.env.KUMA_MARKS)
    console.error(`window µs ${(hr0 / 1000n).toString()}..${(process.hrtime.bigint() / 1000n).toString()}`);
  core.store.results.flush();
  const io1 = writeBytes();
  const bytes1 = logical();
  // Results that started inside the window (a result's ts is its probe's start).
  const perMonitor = db
    .prepare(
      'SELECT monitor_id AS id, count(*) AS n, min(ts) AS first FROM results WHERE ts >= ? AND ts < ? GROUP BY monitor_id',
    )
    .all(w0, w1) as { id: number; n: number }[];
  const statuses = db
    .prepare('SELECT status, error_code AS code, count(*) AS n FROM results WHERE ts >= ? AND ts < ? GROUP BY 1, 2')
    .all(w0, w1);
  // Two results of one monitor closer than half its interval would be a double probe.
  const doubles = db
    .prepare(
      'SELECT count(*) FROM (SELECT ts - lag(ts) OVER (PARTITION BY monitor_id ORDER BY ts) AS gap FROM results WHERE ts >= ? AND ts < ?) WHERE gap < ?',
    )
    .pluck()
    .get(w0, w1, (INTERVAL_S * 1000) / 2) as number;
  const results = perMonitor.reduce((s, r) => s + r.n, 0);
  await served.close();
  await core.close();

  globalThis.gc?.();
  const ref = await reference(target.info.url);

  const cpuPer = used / results;
  const ratio = cpuPer / ref.cpuPerReq;
  const rssMedian = median(rssSamples);
  const logicalPer = (bytes1 - bytes0) / results;
  // A young database: the monitors' first rows share a few pages, so a flush rewrites fewer pages
  // than in a console that has run a while. The steady state is the disk-writes bench's figure.
  const diskPer = (io1 - io0) / results;
  const rate = results / ((w1 - w0) / 1000);
  const rateOk = Math.abs(rate - RATE) / RATE <= 0.02 && doubles === 0 && perMonitor.length === MONITORS;
  console.log(
    `  Lookout: ${results} results in ${((w1 - w0) / 1000).toFixed(0)} s = ${rate.toFixed(2)}/s (goal ${RATE}/s), ${perMonitor.length} monitors, ${doubles} double probes, ${JSON.stringify(statuses)}`,
  );
  console.log(
    `  Lookout: CPU ${cpuPer.toFixed(3)} ms per result, RSS median ${(rssMedian / MB).toFixed(1)} MB (max ${(Math.max(...rssSamples) / MB).toFixed(1)}), logical DB growth ${logicalPer.toFixed(1)} B per result, disk writes ${diskPer.toFixed(0)} B per result`,
  );
  console.log(
    `  Lookout memory at the window's end: heap ${(mem.heapUsed / MB).toFixed(1)} of ${(mem.heapTotal / MB).toFixed(1)} MB, external ${(mem.external / MB).toFixed(1)} MB, rss ${(mem.rss / MB).toFixed(1)} MB`,
  );
  console.log(
    `  reference (http.get, agent: false): ${ref.done} requests (${ref.failed} failed), CPU ${ref.cpuPerReq.toFixed(3)} ms per request`,
  );
  const checks = {
    cpu: ratio <= GOAL.cpuRatio,
    rss: rssMedian / MB <= GOAL.rssMB,
    idle: idleServe.rss / MB <= GOAL.idleMB,
    logical: logicalPer <= GOAL.logicalB,
    disk: diskPer <= GOAL.diskB,
    rate: rateOk,
  };
  console.log(
    `  goals: ${Object.entries(checks)
      .map(([k, ok]) => `${k} ${ok ? 'ok' : 'MISSED'}`)
      .join(', ')} (machine shared: figures are ratios against the same run's reference)`,
  );
  console.log(
    JSON.stringify({
      bench: 'kuma-protocol',
      value: Math.round(cpuPer * 1000) / 1000,
      unit: 'CPU ms per result',
      ref: Math.round(ref.cpuPerReq * 1000) / 1000,
      ratio: Math.round(ratio * 100) / 100,
      goal:
        `cpu <= ${GOAL.cpuRatio}x bare node:http; rss <= ${GOAL.rssMB} MB (got ${(rssMedian / MB).toFixed(0)}), idle <= ${GOAL.idleMB} MB (got ${(idleServe.rss / MB).toFixed(0)} serve process, ${(benchIdleRss / MB).toFixed(0)} bench process); ` +
        `logical <= ${GOAL.logicalB} B/result (got ${logicalPer.toFixed(1)}); disk <= ${GOAL.diskB} B/result (got ${diskPer.toFixed(0)}); ${rate.toFixed(2)} results/s = ${RATE}`,
      pass: Object.values(checks).every(Boolean),
    }),
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
  await target.stop();
}
