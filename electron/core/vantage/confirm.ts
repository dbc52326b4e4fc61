import type { ProbeOutcome } from '../../../shared/result';
import type { Status } from '../../../shared/status';

/**
 * Confirmation across vantages, pure: this console ("local") and each remote region each say up,
 * down or unknown; a quorum of the vantages that could see decides.
 *   down from ≥ quorum  → down everywhere (an incident)
 *   down from fewer     → regional: degraded, naming where
 *   nobody down         → up
 * Unknown vantages (Prometheus unreachable, a stale exporter, the console offline) are not
 * counted either way: an unknown is never a down.
 */
export const LOCAL = 'local';

export interface VantageView {
  vantage: string;
  status: 'up' | 'down' | 'unknown';
}

export type Verdict =
  | { verdict: 'up'; downIn: []; summary: null }
  | { verdict: 'regional'; downIn: string[]; summary: string }
  | { verdict: 'down'; downIn: string[]; summary: string }
  | { verdict: 'unknown'; downIn: []; summary: string | null };

/** Default quorum: a majority of the vantages that can see. */
export function quorumOf(known: number, configured: number | null): number {
  const q = configured ?? Math.floor(known / 2) + 1;
  return Math.max(1, Math.min(q, known));
}

export function confirm(views: readonly VantageView[], configuredQuorum: number | null): Verdict {
  const known = views.filter((v) => v.status !== 'unknown');
  const downIn = known.filter((v) => v.status === 'down').map((v) => v.vantage);
  if (known.length === 0)
    return { verdict: 'unknown', downIn: [], summary: views.length ? 'no vantage can see it' : null };
  if (downIn.length === 0) return { verdict: 'up', downIn: [], summary: null };
  if (downIn.length >= quorumOf(known.length, configuredQuorum)) {
    return {
      verdict: 'down',
      downIn,
      summary: downIn.length === known.length ? 'down everywhere' : `down in ${names(downIn)}`,
    };
  }
  return { verdict: 'regional', downIn, summary: `down in ${names(downIn)} only` };
}

function names(list: readonly string[]): string {
  const shown = list.map((n) => (n === LOCAL ? 'this console' : n));
  return shown.length <= 1 ? (shown[0] ?? '') : `${shown.slice(0, -1).join(', ')} and ${shown.at(-1)}`;
}

/** How a local status counts as a vantage: degraded answered, so it is up here. */
export function localView(status: Status): VantageView {
  return { vantage: LOCAL, status: status === 'down' ? 'down' : status === 'unknown' ? 'unknown' : 'up' };
}

export const REGIONAL = 'regional';
export const DOWN_EVERYWHERE = 'down_everywhere';
/** Kept in a changed result's details: what this console itself saw, so its own vantage line stays true. */
export const LOCAL_STATUS_DETAIL = 'vantageLocal';

/** What this console itself saw for a stored result (before confirmation changed it). */
export function localStatusOf(r: Pick<ProbeOutcome, 'status' | 'details'>): Status {
  const v = r.details?.[LOCAL_STATUS_DETAIL];
  return v === 'up' || v === 'degraded' || v === 'down' || v === 'unknown' ? v : r.status;
}

/**
 * The local probe's outcome, seen with the remote vantages. With no remote vantage able to see,
 * the local outcome stands as it is (Prometheus being unreachable never hides a local failure).
 * The local console offline while remote vantages see it up stays `unknown`: nothing is charged.
 */
export function confirmOutcome(
  local: ProbeOutcome,
  remote: readonly VantageView[],
  configuredQuorum: number | null,
): ProbeOutcome {
  if (!remote.some((v) => v.status !== 'unknown')) return local;
  const v = confirm([localView(local.status), ...remote], configuredQuorum);
  if (v.verdict === 'down') {
    if (local.status === 'down')
      return { ...local, message: `${cap(v.summary)}: ${local.message ?? local.errorCode ?? 'down'}` };
    // This console cannot see it (offline) or sees it answer, but a quorum of regions sees it down.
    return {
      status: 'down',
      latencyMs: local.latencyMs,
      errorCode: DOWN_EVERYWHERE,
      message: `${cap(v.summary)} (${v.downIn.length} of the vantages that can see)`,
      details: { ...local.details, [LOCAL_STATUS_DETAIL]: local.status },
    };
  }
  if (v.verdict === 'regional') {
    if (local.status === 'unknown') return local;
    return {
      status: 'degraded',
      // Whole ms, as stored: the degraded stretch keeps the worst latency in an INTEGER column.
      latencyMs: local.latencyMs === null ? null : Math.round(local.latencyMs),
      errorCode: REGIONAL,
      message:
        local.status === 'down'
          ? `Down from this console only; the other vantages see it up (${local.message ?? local.errorCode ?? 'down'})`
          : `Regional: ${v.summary}`,
      ...(local.phases ? { phases: local.phases } : {}),
      details: { ...local.details, [LOCAL_STATUS_DETAIL]: local.status },
    };
  }
  return local;
}

function cap(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
