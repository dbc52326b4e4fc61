import type { Monitor } from '../../../shared/monitor';
import type { ProbeOutcome } from '../../../shared/result';
import type { ConnectivityGuard } from './guard';

export const CONSOLE_OFFLINE = 'console_offline';

/**
 * Wraps a probe so a failure only counts once the console has shown it can reach the world: if
 * the guard says the console itself is offline, the result is `unknown` (no incident, no alert,
 * no uptime charged). Loopback targets do not depend on the console's network and skip the check.
 */
export function guardedProbe(
  probe: (m: Monitor, signal: AbortSignal) => Promise<ProbeOutcome>,
  guard: Pick<ConnectivityGuard, 'online'>,
): (m: Monitor, signal: AbortSignal) => Promise<ProbeOutcome> {
  const judge = async (outcome: ProbeOutcome): Promise<ProbeOutcome> => {
    if (await guard.online()) return outcome;
    return {
      status: 'unknown',
      latencyMs: null,
      errorCode: CONSOLE_OFFLINE,
      message: `The console itself is offline (its reference targets did not answer); the probe said: ${outcome.message ?? outcome.errorCode ?? 'down'}`,
      ...(outcome.details ? { details: outcome.details } : {}),
    };
  };
  // Once per probe: a plain `then` that hands most outcomes straight on costs one promise, where an
  // async wrapper costs several. A probe that throws instead of rejecting still ends up a rejection.
  return (m, signal) => {
    let pending: Promise<ProbeOutcome>;
    try {
      pending = probe(m, signal);
    } catch (err) {
      return Promise.reject(err instanceof Error ? err : new Error(String(err)));
    }
    return pending.then((outcome) => (outcome.status !== 'down' || isLoopback(m) ? outcome : judge(outcome)));
  };
}

/** Per monitor object (an edit makes a new one): parsing its URL on every failing probe adds up. */
const loopback = new WeakMap<Monitor, boolean>();

export function isLoopback(m: Monitor): boolean {
  let known = loopback.get(m);
  if (known === undefined) loopback.set(m, (known = targetIsLoopback(m)));
  return known;
}

function targetIsLoopback(m: Monitor): boolean {
  const host = targetHost(m);
  if (host === undefined) return false;
  const h = host.toLowerCase().replace(/^\[|\]$/g, '');
  return h === 'localhost' || h.endsWith('.localhost') || h === '::1' || /^127\.\d+\.\d+\.\d+$/.test(h);
}

function targetHost(m: Monitor): string | undefined {
  const config = m.config as { url?: unknown; host?: unknown; steps?: { url?: unknown }[] };
  // A scripted submission is judged by its first step's host.
  const url =
    typeof config.url === 'string' ? config.url : Array.isArray(config.steps) ? config.steps[0]?.url : undefined;
  if (typeof url === 'string') {
    try {
      return new URL(url).hostname;
    } catch {
      return undefined;
    }
  }
  return typeof config.host === 'string' ? config.host : undefined;
}
