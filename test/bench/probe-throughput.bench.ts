/**
 * probe-throughput: 1,000 HTTP monitors on a 10 s cycle for 60 s, each probe on a fresh
 * connection (so timing phases are real), against the demo/test platform running in a separate
 * process. Measures the probing process: CPU (goal ≤ 30% of one core on average), p99 lateness of
 * a probe's start against its schedule (goal ≤ 250 ms) and peak RSS (goal ≤ 250 MiB).
 * Reference, in the same run: the same cycle with a bare `fetch` loop (keep-alive, no phases,
 * no caps), so the ratio says what the probe's safety costs.
 * BENCH_SECONDS shortens the measured run (default 60).
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { probeHttp } from '../../electron/core/probes/http/probe';
import { HttpConfig } from '../../shared/probes/http';
import type { ProbeOutcome } from '../../shared/result';
import { startChild } from './child-process';

const MONITORS = 1000;
const CYCLE_MS = 10_000;
const RUN_MS = Number(process.env.BENCH_SECONDS ?? 60) * 1000;
const REF_MS = Math.min(RUN_MS, 2 * CYCLE_MS);
const GOAL_CPU = 0.3;
const GOAL_P99_MS = 250;
const GOAL_RSS_MIB = 250;

const here = path.dirname(fileURLToPath(import.meta.url));
const MiB = 1024 * 1024;

interface CycleRun {
  cpu: number;
  lateness: number[];
  peakRss: number;
  statuses: Record<string, number>;
  probes: number;
}

/**
 * Runs `task(i)` for monitor i at its phase in every cycle (monitors spread evenly over the cycle,
 * as the scheduler does) for `durationMs`, then waits for the stragglers.
 */
async function runCycles(durationMs: number, task: (i: number) => Promise<string>): Promise<CycleRun> {
  const lateness: number[] = [];
  const statuses: Record<string, number> = {};
  const pending = new Set<Promise<void>>();
  let peakRss = process.memoryUsage().rss;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 250);
  const cpu0 = process.cpuUsage();
  const t0 = performance.now() + 50;
  const timers: ReturnType<typeof setTimeout>[] = [];
  for (let at = 0; at < durationMs; at += CYCLE_MS) {
    for (let i = 0; i < MONITORS; i++) {
      const due = t0 + at + (i * CYCLE_MS) / MONITORS;
      if (due - t0 >= durationMs) continue;
      timers.push(
        setTimeout(() => {
          lateness.push(performance.now() - due);
          const p = task(i)
            .then((s) => void (statuses[s] = (statuses[s] ?? 0) + 1))
            .finally(() => pending.delete(p));
          pending.add(p);
        }, due - performance.now()),
      );
    }
  }
  await new Promise((r) => setTimeout(r, t0 + durationMs - performance.now()));
  await Promise.all(pending);
  const wall = performance.now() - t0;
  const used = process.cpuUsage(cpu0);
  clearInterval(sampler);
  for (const t of timers) clearTimeout(t);
  return { cpu: (used.user + used.system) / 1000 / wall, lateness, peakRss, statuses, probes: lateness.length };
}

const p99 = (xs: number[]): number =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * 0.99))] ?? 0;
const pct = (x: number): string => `${(x * 100).toFixed(1)}%`;

const platform = await startChild<{ web: string; health: string; token: string }>(path.join(here, 'platform.child.js'));
try {
  const { web, health, token } = platform.info;
  // A realistic mix: pages with a keyword, JSON health with a JSON assertion, an API endpoint.
  const configs = Array.from({ length: MONITORS }, (_, i) =>
    HttpConfig.parse(
      i % 3 === 0
        ? { url: `${web}?m=${i}`, keyword: 'Demo platform' }
        : i % 3 === 1
          ? { url: `${health}?m=${i}`, jsonAssert: '$.queue.depth < 1000' }
          : { url: `${token}?m=${i}` },
    ),
  );
  const never = new AbortController().signal;

  globalThis.gc?.();
  const rssBefore = process.memoryUsage().rss;
  console.log(
    `${MONITORS} monitors, ${CYCLE_MS / 1000} s cycle, ${RUN_MS / 1000} s run, platform in pid-separate child`,
  );
  const probe = await runCycles(RUN_MS, (i) =>
    probeHttp(configs[i]!, { signal: never }).then((o: ProbeOutcome) =>
      o.errorCode ? `${o.status}/${o.errorCode}` : o.status,
    ),
  );
  const probeP99 = p99(probe.lateness);
  console.log(
    `probeHttp:  ${probe.probes} probes, CPU ${pct(probe.cpu)} of one core, p99 lateness ${probeP99.toFixed(1)} ms, ` +
      `peak RSS ${(probe.peakRss / MiB).toFixed(0)} MiB (start ${(rssBefore / MiB).toFixed(0)} MiB), results ${JSON.stringify(probe.statuses)}`,
  );

  const ref = await runCycles(REF_MS, async (i) => {
    const res = await fetch(configs[i]!.url);
    await res.arrayBuffer();
    return res.ok ? 'up' : `http_${res.status}`;
  });
  console.log(
    `bare fetch: ${ref.probes} requests over ${REF_MS / 1000} s, CPU ${pct(ref.cpu)} of one core, p99 lateness ${p99(ref.lateness).toFixed(1)} ms, results ${JSON.stringify(ref.statuses)}`,
  );

  const ratio = probe.cpu / ref.cpu;
  const rssMiB = probe.peakRss / MiB;
  const pass = probe.cpu <= GOAL_CPU && probeP99 <= GOAL_P99_MS && rssMiB <= GOAL_RSS_MIB;
  console.log(
    `goals: CPU ≤ ${pct(GOAL_CPU)} ${probe.cpu <= GOAL_CPU ? 'ok' : 'MISSED'}, p99 ≤ ${GOAL_P99_MS} ms ${probeP99 <= GOAL_P99_MS ? 'ok' : 'MISSED'}, RSS ≤ ${GOAL_RSS_MIB} MiB ${rssMiB <= GOAL_RSS_MIB ? 'ok' : 'MISSED'}`,
  );
  console.log(
    JSON.stringify({
      bench: 'probe-throughput',
      value: Math.round(probe.cpu * 1000) / 10,
      unit: '% of one core',
      ref: Math.round(ref.cpu * 1000) / 10,
      ratio: Math.round(ratio * 100) / 100,
      goal: `cpu <= 30%, p99 lateness <= 250 ms (got ${probeP99.toFixed(0)}), rss <= 250 MiB (got ${rssMiB.toFixed(0)})`,
      pass,
    }),
  );
} finally {
  await platform.stop();
}
