import type { LoadProgress, LoadRun, LoadVerdict, Thresholds, ThresholdLine } from '../../../shared/loadcheck';
import type { RunOutcome } from './runner';

/**
 * The go / no-go card: each threshold set on the check against the run's figures (k6's thresholds
 * are the model). A run that did not complete is never a go: aborted, refused or failed is no-go,
 * stopped by the operator is "stopped" (nothing to judge).
 */
export function goNoGo(
  t: Thresholds,
  s: LoadProgress,
  outcome: RunOutcome,
  planned: number,
): { verdict: LoadVerdict; card: ThresholdLine[] } {
  const card: ThresholdLine[] = [];
  const max = (metric: string, threshold: number | null, actual: number | null) => {
    if (threshold !== null) card.push({ metric, threshold, actual, pass: actual !== null && actual <= threshold });
  };
  max('p95 ms', t.p95Ms, s.latency.p95);
  max('p99 ms', t.p99Ms, s.latency.p99);
  max('error rate %', t.errorRatePct, s.errorRatePct);
  if (t.minRatePct !== null) {
    const delivered = planned === 0 ? 0 : Math.round((s.completed / planned) * 1000) / 10;
    card.push({
      metric: 'requests answered % of planned',
      threshold: t.minRatePct,
      actual: delivered,
      pass: delivered >= t.minRatePct,
    });
  }
  const verdict: LoadVerdict =
    outcome === 'stopped' ? 'stopped' : outcome !== 'completed' || card.some((l) => !l.pass) ? 'no_go' : 'go';
  return { verdict, card };
}

/** What the card compares with: the previous run of the same check. */
export function previousOf(run: Omit<LoadRun, 'previous'> | undefined): LoadRun['previous'] {
  if (!run || !run.summary) return null;
  return {
    id: run.id,
    verdict: run.verdict,
    latency: run.summary.latency,
    errorRatePct: run.summary.errorRatePct,
    achievedRate: run.summary.achievedRate,
  };
}
