import type { ConnectivityStatus } from '../../../shared/alerts';
import type { Settings } from '../../../shared/settings';
import type { Clock, TimerHandle } from '../clock';
import { RESOLVER_TARGET, systemCheck, type ReferenceCheck } from './checks';

export interface GuardDeps {
  clock: Clock;
  settings: () => Settings['connectivity'];
  check?: ReferenceCheck;
  /** A verdict is reused this long, so a thousand failing monitors cause one check (default 5 s). */
  cacheMs?: number;
  timeoutMs?: number;
  /** While offline, re-check this often so the return is noticed without waiting for a probe (default 10 s). */
  recheckMs?: number;
  /** The system resolver counts as a target (default true; tests on loopback turn it off). */
  includeResolver?: boolean;
  /** Called when the verdict flips; `since` is when the previous verdict began. */
  onChange?: (status: ConnectivityStatus, previousSince: number | null) => void;
}

export interface ConnectivityGuard {
  /** Is the console itself online? Cached and shared by concurrent callers. */
  online(): Promise<boolean>;
  status(): ConnectivityStatus;
  /** Forget the cached verdict (after waking, it is stale). */
  invalidate(): void;
  stop(): void;
}

export function createConnectivityGuard(deps: GuardDeps): ConnectivityGuard {
  const { clock } = deps;
  const check = deps.check ?? systemCheck;
  const cacheMs = deps.cacheMs ?? 5000;
  const timeoutMs = deps.timeoutMs ?? 3000;
  const recheckMs = deps.recheckMs ?? 10_000;
  let status: ConnectivityStatus = {
    enabled: deps.settings().enabled,
    online: true,
    checkedAt: null,
    since: null,
    targets: [],
  };
  let inflight: Promise<boolean> | undefined;
  let recheck: TimerHandle | undefined;
  let stopped = false;

  function targets(): string[] {
    const s = deps.settings();
    return [...(deps.includeResolver === false ? [] : [RESOLVER_TARGET]), ...s.referenceHosts];
  }

  async function run(): Promise<boolean> {
    const s = deps.settings();
    const list = targets();
    const outcomes = await Promise.all(
      list.map((target) =>
        check(target, timeoutMs).then(
          () => ({ target, ok: true, error: null }),
          (err: unknown) => ({ target, ok: false, error: err instanceof Error ? err.message : String(err) }),
        ),
      ),
    );
    const ok = outcomes.filter((o) => o.ok).length;
    const online = list.length === 0 || ok >= Math.min(s.quorum, list.length);
    const now = clock.now();
    const previousSince = status.since;
    const changed = online !== status.online;
    status = {
      enabled: true,
      online,
      checkedAt: now,
      since: changed || status.since === null ? now : status.since,
      targets: outcomes,
    };
    if (changed) deps.onChange?.(status, previousSince);
    armRecheck();
    return online;
  }

  function armRecheck(): void {
    if (recheck !== undefined) clock.clearTimeout(recheck);
    recheck = undefined;
    if (stopped || status.online) return;
    recheck = clock.setTimeout(() => {
      recheck = undefined;
      void online();
    }, recheckMs);
  }

  function online(): Promise<boolean> {
    if (!deps.settings().enabled) {
      if (!status.online) {
        // Turned off while offline: treat as back online so nothing stays suppressed.
        const previousSince = status.since;
        status = { ...status, enabled: false, online: true, since: clock.now() };
        deps.onChange?.(status, previousSince);
      }
      return Promise.resolve(true);
    }
    if (status.checkedAt !== null && clock.now() - status.checkedAt < cacheMs) return Promise.resolve(status.online);
    inflight ??= run().finally(() => {
      inflight = undefined;
    });
    return inflight;
  }

  return {
    online,
    status: () => ({ ...status, enabled: deps.settings().enabled }),
    invalidate() {
      status = { ...status, checkedAt: null };
    },
    stop() {
      stopped = true;
      if (recheck !== undefined) clock.clearTimeout(recheck);
    },
  };
}
