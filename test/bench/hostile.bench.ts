/**
 * hostile: 200 hostile targets (test/support/hostile.ts, served from a separate process) probed
 * concurrently, twice. Goals: every probe ends within its timeout + 1 s, and the probing process's
 * RSS grows by at most 64 MiB over its idle baseline. Reference (same run): the same 200 probes
 * against a well-behaved target, so the growth figure can be read against ordinary probing.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { probeHttp } from '../../electron/core/probes/http/probe';
import { HttpConfig } from '../../shared/probes/http';
import type { HostileBehaviour } from '../support/hostile';
import { HOSTILE_BEHAVIOURS } from '../support/hostile';
import { startChild } from './child-process';

const TARGETS = Number(process.env.BENCH_TARGETS ?? 200);
const ROUNDS = 2;
const TIMEOUT_MS = 3000;
const MARGIN_MS = 1000;
const GOAL_GROWTH_MIB = 64;
const MiB = 1024 * 1024;
const here = path.dirname(fileURLToPath(import.meta.url));

interface Round {
  slowest: number;
  late: number;
  codes: Record<string, number>;
  peakRss: number;
}

async function round(urls: { url: string; keyword?: string; headers?: Record<string, string> }[]): Promise<Round> {
  let peakRss = process.memoryUsage().rss;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 20);
  const codes: Record<string, number> = {};
  const never = new AbortController().signal;
  const durations = await Promise.all(
    urls.map(async (u) => {
      const t0 = performance.now();
      const out = await probeHttp(HttpConfig.parse({ ...u, timeoutMs: TIMEOUT_MS }), { signal: never });
      const key = out.errorCode ?? out.status;
      codes[key] = (codes[key] ?? 0) + 1;
      return performance.now() - t0;
    }),
  );
  clearInterval(sampler);
  return {
    slowest: Math.max(...durations),
    late: durations.filter((d) => d > TIMEOUT_MS + MARGIN_MS).length,
    codes,
    peakRss,
  };
}

const server = await startChild<{ base: string; otherBase: string }>(path.join(here, 'hostile-server.child.js'));
try {
  const { base } = server.info;
  // Every behaviour in turn; half the probes assert a keyword so bodies are decoded and kept, the worst case for memory.
  const hostile = Array.from({ length: TARGETS }, (_, i) => {
    const b: HostileBehaviour = HOSTILE_BEHAVIOURS[i % HOSTILE_BEHAVIOURS.length]!;
    return { url: `${base}/${b}`, ...(i % 2 ? { keyword: 'ok' } : {}), headers: { Authorization: 'Bearer bench' } };
  });
  const benign = Array.from({ length: TARGETS }, () => ({ url: `${base}/capture`, keyword: 'captured' }));

  const cold = process.memoryUsage().rss;
  // Warm-up: every behaviour once (code loading, JIT), then the reference round of 200 benign probes
  // at the same concurrency (heap sized for 200 probes in flight). Growth is counted from there:
  // what hostile targets add to a console already probing this much.
  await round(HOSTILE_BEHAVIOURS.map((b) => ({ url: `${base}/${b}`, keyword: 'ok' })));
  globalThis.gc?.();
  const beforeRef = process.memoryUsage().rss;
  const ref = await round(benign);
  const refGrowth = (ref.peakRss - beforeRef) / MiB;
  globalThis.gc?.();
  const baseline = process.memoryUsage().rss;
  console.log(
    `reference: ${TARGETS} benign probes, slowest ${ref.slowest.toFixed(0)} ms, peak RSS +${refGrowth.toFixed(1)} MiB, ${JSON.stringify(ref.codes)}`,
  );
  console.log(
    `RSS cold ${(cold / MiB).toFixed(0)} MiB, baseline after warm-up and reference ${(baseline / MiB).toFixed(0)} MiB`,
  );
  let worstGrowth = 0;
  let late = 0;
  let slowest = 0;
  for (let r = 1; r <= ROUNDS; r++) {
    const res = await round(hostile);
    const growth = (res.peakRss - baseline) / MiB;
    worstGrowth = Math.max(worstGrowth, growth);
    late += res.late;
    slowest = Math.max(slowest, res.slowest);
    console.log(
      `round ${r}: ${TARGETS} hostile probes (${HOSTILE_BEHAVIOURS.length} behaviours), slowest ${res.slowest.toFixed(0)} ms (limit ${TIMEOUT_MS + MARGIN_MS}), ` +
        `over limit ${res.late}, peak RSS +${growth.toFixed(1)} MiB over baseline (+${((res.peakRss - cold) / MiB).toFixed(1)} MiB over cold start)`,
    );
    console.log(`  outcomes: ${JSON.stringify(res.codes)}`);
    globalThis.gc?.();
  }
  const pass = late === 0 && worstGrowth <= GOAL_GROWTH_MIB;
  console.log(
    JSON.stringify({
      bench: 'hostile',
      value: Math.round(worstGrowth * 10) / 10,
      unit: 'MiB RSS growth',
      ref: Math.round(refGrowth * 10) / 10,
      ratio: refGrowth > 0 ? Math.round((worstGrowth / refGrowth) * 100) / 100 : null,
      goal: `every probe ends within timeout + 1 s (slowest ${slowest.toFixed(0)} ms, ${late} over), RSS growth <= ${GOAL_GROWTH_MIB} MiB`,
      pass,
    }),
  );
} finally {
  await server.stop();
}
