import type { LoadCheckSpec, LoadProgress } from '../../../shared/loadcheck';
import { startDriver, type Batch, type Driver, type DriverParams } from './driver';
import { createHistogram } from './recorder';
import { bodyParts, planStages, plannedTotal } from './stages';

export type RunOutcome = 'completed' | 'aborted' | 'stopped' | 'refused' | 'failed';

export interface RunEnd {
  outcome: RunOutcome;
  reason: string | null;
  summary: LoadProgress;
}

export interface RunHandle {
  /** Ends the run within a second (the worker is terminated); resolves with its end. */
  stop(): Promise<RunEnd>;
  ended: Promise<RunEnd>;
}

export interface RunDeps {
  runId: number;
  checkId: number;
  now(): number;
  onProgress(p: LoadProgress): void;
  /** How often progress is sent (default 500 ms). */
  progressMs?: number;
  /** Tests and benches substitute nothing here but the batch interval. */
  batchMs?: number;
}

const isError = (status: string) => !/^[23]\d\d$/.test(status);

/**
 * Runs one load check: drives autocannon through the stages, keeps the latencies in Lookout's own
 * histogram (coordinated-omission corrected), judges the abort conditions once a second, and ends
 * with an outcome (completed, aborted, stopped, refused, failed) and its last figures.
 */
export function runLoadCheck(spec: LoadCheckSpec, deps: RunDeps): RunHandle {
  const stages = planStages(spec);
  const startedAt = deps.now();
  const overall = createHistogram();
  const raw = createHistogram();
  const second = createHistogram();
  const errors: Record<string, number> = {};
  let sent = 0;
  let completed = 0;
  let errorCount = 0;
  let secAnswers = 0;
  let secErrors = 0;
  let secRefused = 0;
  let secNet = 0;
  let lastRate = 0;
  let errStreak = 0;
  let p95Streak = 0;
  let ending: { outcome: RunOutcome; reason: string | null } | undefined;

  const onBatch = (b: Batch) => {
    sent += b.sent;
    for (let i = 0; i < b.latencies.length; i++) {
      overall.recordCorrected(b.latencies[i]!, b.intervals[i]!);
      raw.record(b.latencies[i]!);
      second.record(b.latencies[i]!);
    }
    for (const [code, n] of Object.entries(b.codes)) {
      completed += n;
      secAnswers += n;
      if (isError(code)) {
        errors[code] = (errors[code] ?? 0) + n;
        errorCount += n;
        secErrors += n;
      }
    }
    for (const [code, n] of Object.entries(b.errors)) {
      errors[code] = (errors[code] ?? 0) + n;
      errorCount += n;
      secErrors += n;
      secNet += n;
      if (code === 'conn_refused') secRefused += n;
    }
  };

  const params: DriverParams = {
    url: spec.url,
    method: spec.method,
    headers: spec.headers,
    body: bodyParts(spec.body),
    stages,
    maxConnections: spec.maxConnections,
    timeoutMs: spec.timeoutMs,
    batchMs: deps.batchMs ?? 200,
  };
  const driver: Driver = startDriver(params, onBatch);
  const plannedRate = spec.rate;

  function progress(state: LoadProgress['state']): LoadProgress {
    const attempts =
      completed +
      Object.entries(errors)
        .filter(([c]) => !/^\d+$/.test(c))
        .reduce((n, [, v]) => n + v, 0);
    return {
      runId: deps.runId,
      checkId: deps.checkId,
      state,
      elapsedMs: deps.now() - startedAt,
      sent: Math.max(sent, attempts),
      completed,
      achievedRate: lastRate,
      plannedRate,
      latency: overall.percentiles(),
      uncorrected: raw.percentiles(),
      errors: { ...errors },
      errorRatePct: attempts === 0 ? 0 : Math.round((errorCount / attempts) * 10_000) / 100,
    };
  }

  function end(outcome: RunOutcome, reason: string | null): void {
    if (ending) return;
    ending = { outcome, reason };
    void driver.stop();
  }

  // Once a second: the abort conditions over that second, and a target that only refuses.
  const perSecond = setInterval(() => {
    const windowP95 = second.percentiles().p95;
    const attempts = secAnswers + secNet;
    lastRate = secAnswers;
    const errPct = attempts === 0 ? 0 : (secErrors / attempts) * 100;
    if (secRefused > 0 && secAnswers === 0) {
      end('refused', `${new URL(spec.url).host} refused connections`);
    }
    const a = spec.abort;
    errStreak = a.errorRatePct !== null && attempts > 0 && errPct > a.errorRatePct ? errStreak + 1 : 0;
    p95Streak = a.p95Ms !== null && windowP95 !== null && windowP95 > a.p95Ms ? p95Streak + 1 : 0;
    if (errStreak >= a.forSec)
      end('aborted', `Error rate ${errPct.toFixed(1)}% above ${a.errorRatePct}% for ${a.forSec} s`);
    else if (p95Streak >= a.forSec) end('aborted', `p95 ${windowP95} ms above ${a.p95Ms} ms for ${a.forSec} s`);
    second.reset();
    secAnswers = secErrors = secRefused = secNet = 0;
  }, 1000);
  const ticker = setInterval(() => deps.onProgress(progress('running')), deps.progressMs ?? 500);
  // Never longer than planned (plus the last answers' timeout): a stuck driver cannot hold a run open.
  const deadline = setTimeout(() => end('completed', null), (spec.durationSec + 2) * 1000 + spec.timeoutMs);

  const ended = driver.done.then(({ error }) => {
    clearInterval(perSecond);
    clearInterval(ticker);
    clearTimeout(deadline);
    const fin =
      ending ??
      (error ? { outcome: 'failed' as const, reason: error } : { outcome: 'completed' as const, reason: null });
    // Nothing answered at all and the connections were refused: say so, not "completed".
    const refusedOnly = completed === 0 && (errors.conn_refused ?? 0) > 0;
    const final =
      fin.outcome === 'completed' && refusedOnly
        ? { outcome: 'refused' as const, reason: `${new URL(spec.url).host} refused connections` }
        : fin;
    const summary = progress('ended');
    deps.onProgress(summary);
    return { ...final, summary };
  });

  return {
    ended,
    stop() {
      end('stopped', 'Stopped by the operator');
      return ended;
    },
  };
}

export { plannedTotal, planStages };
