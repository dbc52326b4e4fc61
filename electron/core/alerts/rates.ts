import type { RateRule } from '../../../shared/channels';
import type { Clock, TimerHandle } from '../clock';
import type { AlertMessage } from './message';
import { inScope } from './route';

/**
 * Rate rules, looked at once a minute from the rollups, even when no state change was confirmed:
 * more than X% of a monitor's probes failed over a window, or its p95 latency above a threshold
 * for N minutes in a row. Each fires once when it starts to hold and again only after it stopped.
 */
export interface RatesDeps {
  clock: Clock;
  rules(): RateRule[];
  monitors(): { id: number; name: string; group: string }[];
  /** Probe counts over [from, to). */
  counts(monitorId: number, from: number, to: number): { failed: number; total: number };
  p95(monitorId: number, from: number, to: number): number | null;
  /** In maintenance or snoozed: rate alerts are quiet too. */
  quiet(monitorId: number): boolean;
  emit(m: AlertMessage): void;
}

const MINUTE = 60_000;

export function createRateWatch(deps: RatesDeps): { tick(): void; stop(): void } {
  /** `${rule}:${monitor}` → consecutive slow minutes (latency) or 1 while the error rate holds. */
  const held = new Map<string, number>();
  const firing = new Set<string>();
  let timer: TimerHandle | undefined;

  function tick(): void {
    const now = deps.clock.now();
    const minuteEnd = now - (now % MINUTE);
    const rules = deps.rules();
    if (rules.length === 0) return;
    const monitors = deps.monitors();
    rules.forEach((rule, ri) => {
      if (rule.kind === 'error_rate' && rule.per === 'group') {
        const groups = new Map<string, { failed: number; total: number; quiet: boolean }>();
        for (const m of monitors) {
          if (!inScope(rule.scope, m.id, m.group)) continue;
          const c = deps.counts(m.id, now - rule.windowMinutes * MINUTE, now);
          const g = groups.get(m.group) ?? { failed: 0, total: 0, quiet: true };
          // A group is quiet only when every member is (maintenance of the whole group, say).
          groups.set(m.group, {
            failed: g.failed + c.failed,
            total: g.total + c.total,
            quiet: g.quiet && deps.quiet(m.id),
          });
        }
        for (const [group, c] of groups) {
          const key = `${ri}:g:${group}`;
          const pct = c.total === 0 ? 0 : (100 * c.failed) / c.total;
          if (!(c.total >= rule.minProbes && pct > rule.percent)) {
            firing.delete(key);
            continue;
          }
          if (firing.has(key) || c.quiet) continue;
          firing.add(key);
          deps.emit({
            kind: 'error_rate',
            monitorId: null,
            monitorName: null,
            group,
            incidentId: null,
            state: null,
            title: `${group}: high error rate`,
            body: `${rule.name}: ${pct.toFixed(1)}% of ${c.total} probes of the group failed in the last ${rule.windowMinutes} min (rule: more than ${rule.percent}%).`,
            firstError: null,
            at: now,
          });
        }
        return;
      }
      for (const m of monitors) {
        if (!inScope(rule.scope, m.id, m.group)) continue;
        const key = `${ri}:${m.id}`;
        let holds: boolean;
        let detail: string;
        if (rule.kind === 'error_rate') {
          const c = deps.counts(m.id, now - rule.windowMinutes * MINUTE, now);
          const pct = c.total === 0 ? 0 : (100 * c.failed) / c.total;
          holds = c.total >= rule.minProbes && pct > rule.percent;
          detail = `${pct.toFixed(1)}% of ${c.total} probes failed in the last ${rule.windowMinutes} min (rule: more than ${rule.percent}%)`;
        } else {
          const p = deps.p95(m.id, minuteEnd - MINUTE, minuteEnd);
          const n = p !== null && p > rule.p95Ms ? (held.get(key) ?? 0) + 1 : 0;
          held.set(key, n);
          holds = n >= rule.forMinutes;
          detail = `p95 latency ${p === null ? '—' : Math.round(p)} ms, above ${rule.p95Ms} ms for ${n} min (rule: ${rule.forMinutes} min)`;
        }
        if (!holds) {
          firing.delete(key);
          continue;
        }
        if (firing.has(key) || deps.quiet(m.id)) continue;
        firing.add(key);
        deps.emit({
          kind: rule.kind,
          monitorId: m.id,
          monitorName: m.name,
          group: m.group,
          incidentId: null,
          state: null,
          title:
            rule.kind === 'error_rate' ? `${m.name}: high error rate` : `${m.name}: slow (p95 over ${rule.p95Ms} ms)`,
          body: `${rule.name}: ${detail}.`,
          firstError: null,
          at: now,
        });
      }
    });
  }

  function loop(): void {
    tick();
    const now = deps.clock.now();
    timer = deps.clock.setTimeout(loop, MINUTE - (now % MINUTE) + 50);
  }
  timer = deps.clock.setTimeout(loop, MINUTE - (deps.clock.now() % MINUTE) + 50);
  return {
    tick,
    stop: () => {
      if (timer !== undefined) deps.clock.clearTimeout(timer);
    },
  };
}
