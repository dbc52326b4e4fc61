import type { Accounting } from '../../../shared/accounting';
import type { DeployComparison, DeploySide, DeployVerdict } from '../../../shared/deploys';
import type { Monitor } from '../../../shared/monitor';
import type { LatencyStats } from '../store';

/** What a comparison reads: the rollups' latency histogram and counts, and the SLO accounting. */
export interface CompareSource {
  latency(monitorId: number, from: number, to: number): LatencyStats;
  /** Probes that failed (down) and all probes with a status, from the rollups. */
  counts(monitorId: number, from: number, to: number): { failed: number; total: number };
  /** The same ledger as the SLO cards (slo/ledger.ts): a group is down while any member is down. */
  account(monitors: readonly Monitor[], from: number, to: number, now: number): Accounting;
  /** Incidents of these monitors that started in [from, to). */
  incidentsStarted(monitorIds: readonly number[], from: number, to: number, now: number): number;
}

/**
 * What counts as a change: latency must move by both a share and an absolute amount (a 1 ms
 * target going to 2 ms is noise; histogram buckets are ~1.5× wide), errors by percentage points.
 */
export const CHANGE = { latencyShare: 0.2, latencyMs: 50, pageLoadMs: 100, errorPoints: 1, uptimePoints: 0.1 } as const;

function side(src: CompareSource, monitors: readonly Monitor[], from: number, to: number, now: number): DeploySide {
  let p50: number | null = null;
  let p95: number | null = null;
  let page: number | null = null;
  let failed = 0;
  let total = 0;
  const worst = (a: number | null, b: number | null) => (b === null ? a : a === null ? b : Math.max(a, b));
  for (const m of monitors) {
    const l = src.latency(m.id, from, to);
    if (m.kind === 'page') page = worst(page, l.p50);
    else {
      p50 = worst(p50, l.p50);
      p95 = worst(p95, l.p95);
    }
    const c = src.counts(m.id, from, to);
    failed += c.failed;
    total += c.total;
  }
  const acc = monitors.length > 0 ? src.account(monitors, from, Math.min(to, now), now) : null;
  return {
    from,
    to,
    p50Ms: p50,
    p95Ms: p95,
    errorRatePct: total === 0 ? null : Math.round((failed / total) * 10_000) / 100,
    pageLoadMs: page,
    incidents: src.incidentsStarted(
      monitors.map((m) => m.id),
      from,
      to,
      now,
    ),
    uptimePct: acc?.ratio === null || acc === null ? null : Math.round(acc.ratio * 1_000_000) / 10_000,
    probes: total,
  };
}

/** +1 worse, −1 better, 0 no change, with the sentence saying so. */
type Move = { dir: -1 | 0 | 1; text: string };

function latencyMove(name: string, before: number | null, after: number | null, minMs: number): Move {
  if (before === null || after === null) return { dir: 0, text: '' };
  const d = after - before;
  const changed = Math.abs(d) >= minMs && Math.abs(d) >= CHANGE.latencyShare * Math.max(before, 1);
  return {
    dir: changed ? (d > 0 ? 1 : -1) : 0,
    text: `${name} ${Math.round(after)} ms after vs ${Math.round(before)} ms before`,
  };
}
function pointsMove(
  name: string,
  before: number | null,
  after: number | null,
  points: number,
  worseWhenUp: boolean,
): Move {
  if (before === null || after === null) return { dir: 0, text: '' };
  const d = after - before;
  const dir = Math.abs(d) >= points ? (d > 0 === worseWhenUp ? 1 : -1) : 0;
  return { dir, text: `${name} ${after}% after vs ${before}% before` };
}

export function verdictOf(before: DeploySide, after: DeploySide): { verdict: DeployVerdict; reasons: string[] } {
  const moves: Move[] = [
    latencyMove('p95', before.p95Ms, after.p95Ms, CHANGE.latencyMs),
    latencyMove('p50', before.p50Ms, after.p50Ms, CHANGE.latencyMs),
    latencyMove('page load', before.pageLoadMs, after.pageLoadMs, CHANGE.pageLoadMs),
    pointsMove('error rate', before.errorRatePct, after.errorRatePct, CHANGE.errorPoints, true),
    pointsMove('uptime', before.uptimePct, after.uptimePct, CHANGE.uptimePoints, false),
    {
      dir: after.incidents > before.incidents ? 1 : after.incidents < before.incidents ? -1 : 0,
      text: `${after.incidents} incident(s) after vs ${before.incidents} before`,
    },
  ];
  const worse = moves.filter((m) => m.dir === 1).map((m) => m.text);
  const better = moves.filter((m) => m.dir === -1).map((m) => m.text);
  if (worse.length > 0) return { verdict: 'regression', reasons: worse };
  if (better.length > 0) return { verdict: 'improvement', reasons: better };
  return { verdict: 'no_change', reasons: [] };
}

/** The before / after comparison of a deploy at `at`, `windowMin` either side. */
export function compareDeploy(
  src: CompareSource,
  monitors: readonly Monitor[],
  at: number,
  windowMin: number,
  now: number,
): DeployComparison {
  const w = windowMin * 60_000;
  const before = side(src, monitors, at - w, at, now);
  const after = side(src, monitors, at, at + w, now);
  return { windowMin, before, after, ...verdictOf(before, after), complete: now >= at + w };
}
