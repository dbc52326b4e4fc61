/**
 * probe-fairness: 800 healthy HTTP monitors at 10 s through the real scheduler and probes, while
 * 200 more monitors point at targets that accept and never answer (each probe hangs for its 10 s
 * timeout). Goal: the healthy monitors' p99 lateness against their slot ≤ 1 s, and no slot probed
 * twice. Reference, in the same run: the same 800 alone. Targets run in a child process.
 * BENCH_SECONDS sets each run's length (default 60).
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { systemClock } from '../../electron/core/clock';
import { runProbe } from '../../electron/core/probes/registry';
import { phaseOffsetMs } from '../../electron/core/scheduler/phase';
import { createScheduler } from '../../electron/core/scheduler/scheduler';
import type { Monitor } from '../../shared/monitor';
import { HttpConfig } from '../../shared/probes/http';
import { startChild } from './child-process';

const HEALTHY = 800;
const HANGING = 200;
const INTERVAL_MS = 10_000;
const RUN_MS = Number(process.env.BENCH_SECONDS ?? 60) * 1000;
const GOAL_P99_MS = 1000;

const here = path.dirname(fileURLToPath(import.meta.url));

function monitor(id: number, url: string): Monitor {
  return {
    id,
    name: `m${id}`,
    group: 'Web',
    intervalSec: INTERVAL_MS / 1000,
    retries: 2,
    paused: false,
    createdAt: 0,
    kind: 'http',
    config: HttpConfig.parse({ url }),
  };
}

interface Run {
  lateness: number[];
  doubles: number;
  statuses: Record<string, number>;
  hangingProbes: number;
}

async function run(monitors: Monitor[], healthyIds: Set<number>): Promise<Run> {
  const starts = new Map<number, number[]>();
  const statuses: Record<string, number> = {};
  let hangingProbes = 0;
  const scheduler = createScheduler({
    clock: systemClock,
    probe: (m, signal) => runProbe(m, { signal }),
    onResult: (m, outcome, startedAt) => {
      if (!healthyIds.has(m.id)) {
        hangingProbes++;
        return;
      }
      const key = outcome.errorCode ? `${outcome.status}/${outcome.errorCode}` : outcome.status;
      statuses[key] = (statuses[key] ?? 0) + 1;
      let list = starts.get(m.id);
      if (!list) starts.set(m.id, (list = []));
      list.push(startedAt);
    },
  });
  scheduler.sync(monitors);
  await new Promise((r) => setTimeout(r, RUN_MS));
  scheduler.stop();
  const lateness: number[] = [];
  let doubles = 0;
  for (const [id, times] of starts) {
    const offset = phaseOffsetMs(id, INTERVAL_MS);
    for (let i = 0; i < times.length; i++) {
      const late = (((times[i]! - offset) % INTERVAL_MS) + INTERVAL_MS) % INTERVAL_MS;
      // A timer that fired a few ms early reads as almost a whole interval late.
      lateness.push(late > INTERVAL_MS - 100 ? 0 : late);
      if (i > 0 && times[i]! - times[i - 1]! < INTERVAL_MS / 2) doubles++;
    }
  }
  return { lateness, doubles, statuses, hangingProbes };
}

const p99 = (xs: number[]): number =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * 0.99))] ?? 0;

const targets = await startChild<{ hanging: string[]; healthy: string[] }>(
  path.join(here, 'fairness-targets.child.js'),
);
try {
  const { hanging, healthy } = targets.info;
  const healthyMonitors = Array.from({ length: HEALTHY }, (_, i) =>
    monitor(i + 1, `${healthy[i % healthy.length]!}health/${i}`),
  );
  const hangingMonitors = Array.from({ length: HANGING }, (_, i) =>
    monitor(HEALTHY + 1 + i, `${hanging[i % hanging.length]!}api/${i}`),
  );
  const ids = new Set(healthyMonitors.map((m) => m.id));
  console.log(
    `${HEALTHY} healthy + ${HANGING} hanging HTTP monitors at ${INTERVAL_MS / 1000} s, ${RUN_MS / 1000} s per run, targets in a child process`,
  );

  const ref = await run(healthyMonitors, ids);
  const refP99 = p99(ref.lateness);
  console.log(
    `healthy alone:        ${ref.lateness.length} probes, p99 lateness ${refP99.toFixed(0)} ms, max ${Math.max(...ref.lateness).toFixed(0)} ms, doubles ${ref.doubles}, ${JSON.stringify(ref.statuses)}`,
  );

  const mixed = await run([...healthyMonitors, ...hangingMonitors], ids);
  const mixedP99 = p99(mixed.lateness);
  console.log(
    `with ${HANGING} hanging:     ${mixed.lateness.length} probes, p99 lateness ${mixedP99.toFixed(0)} ms, max ${Math.max(...mixed.lateness).toFixed(0)} ms, doubles ${mixed.doubles}, ` +
      `${JSON.stringify(mixed.statuses)}; hanging monitors finished ${mixed.hangingProbes} probes`,
  );
  const expected = Math.floor((HEALTHY * RUN_MS) / INTERVAL_MS);
  const cadence = mixed.lateness.length / expected;
  const pass = mixedP99 <= GOAL_P99_MS && mixed.doubles === 0 && ref.doubles === 0 && cadence >= 0.97;
  console.log(
    `goals: p99 ≤ ${GOAL_P99_MS} ms ${mixedP99 <= GOAL_P99_MS ? 'ok' : 'MISSED'}, 0 double probes ${mixed.doubles + ref.doubles === 0 ? 'ok' : 'MISSED'}, healthy probes ${(cadence * 100).toFixed(1)}% of slots`,
  );
  console.log(
    JSON.stringify({
      bench: 'probe-fairness',
      value: Math.round(mixedP99),
      unit: 'ms p99 lateness (healthy, with hanging)',
      ref: Math.round(refP99),
      ratio: refP99 > 0 ? Math.round((mixedP99 / refP99) * 100) / 100 : null,
      goal: `p99 <= ${GOAL_P99_MS} ms, 0 double probes (got ${mixed.doubles + ref.doubles})`,
      pass,
    }),
  );
} finally {
  await targets.stop();
}
