import type { Service } from '../../../shared/api';
import { uptimeSentence, type SloReport, type UptimeSummary } from '../../../shared/dashboard';
import { ApiError } from '../../../shared/errors';
import type { Monitor } from '../../../shared/monitor';
import type { Clock } from '../clock';
import type { SettingsService } from '../settings/settings';
import type { Store, Uptime } from '../store';
import { createDashboardQuery } from '../store/dashboard';
import { burnRate, errorBudget, periodBounds } from './budget';
import { groupTarget, monitorTarget } from './targets';

const HOUR = 3_600_000;

export interface ConsoleDeps {
  store: Store;
  settings: SettingsService;
  clock: Clock;
  /** Exact planned-maintenance time from the windows; without it, results in maintenance × interval. */
  maintenanceMs?: (monitor: Monitor, from: number, to: number) => number;
}

interface Counts {
  up: number;
  degraded: number;
  down: number;
  unknown: number;
  /** Planned maintenance left out, ms (the longest of the monitors in scope). */
  maintenanceMs: number;
}

/** `dashboard.get` and `slo.get`: what the operator's console asks the core for. */
export function createConsoleService({ store, settings, clock, maintenanceMs }: ConsoleDeps): Pick<Service, 'dashboard.get' | 'slo.get'> {
  const dashboardQuery = createDashboardQuery(store.db, store.rollupMarks);
  // First hour with results in the period: where measuring began. Hour rollups are kept for years;
  // the hours not sealed yet (and a monitor added within them) only have raw results.
  const firstHourStmt = store.db.prepare<[number, number], number | null>('SELECT MIN(bucket) FROM rollups WHERE monitor_id = ? AND level = 1 AND bucket >= ?').pluck();
  const firstRawStmt = store.db.prepare<[number, number], number>('SELECT ts FROM results WHERE monitor_id = ? AND ts >= ? ORDER BY ts LIMIT 1').pluck();
  function observedFrom(monitors: readonly Monitor[], start: number): number {
    let first = Infinity;
    for (const m of monitors) {
      const raw = firstRawStmt.get(m.id, start);
      first = Math.min(first, firstHourStmt.get(m.id, start) ?? Infinity, raw === undefined ? Infinity : raw - (raw % HOUR));
    }
    return first;
  }

  // Reads must see results still queued in the writer; a failing flush is reported by the writer.
  function settle(): void {
    if (store.readOnly) return;
    try {
      store.results.flush();
    } catch {
      /* the writer reports and retries; answer from what is stored */
    }
  }

  function counts(monitors: readonly Monitor[], from: number, to: number): Counts {
    const c: Counts = { up: 0, degraded: 0, down: 0, unknown: 0, maintenanceMs: 0 };
    for (const m of monitors) {
      const u: Uptime = store.uptime(m.id, from, to, { excludeMaintenance: true });
      c.up += u.up;
      c.degraded += u.degraded;
      c.down += u.down;
      c.unknown += u.unknown;
      // Only time that was actually excluded counts: results flagged in maintenance when they were taken.
      const excluded = u.maintenance === 0 ? 0 : maintenanceMs ? maintenanceMs(m, from, to) : u.maintenance * m.intervalSec * 1000;
      c.maintenanceMs = Math.max(c.maintenanceMs, Math.min(to - from, excluded));
    }
    return c;
  }

  /** The dashboard estimates excluded time from results × interval; windows give it exactly. */
  function exactMaintenance<T extends Record<'d1' | 'd7' | 'd30', UptimeSummary>>(m: Monitor, now: number, u: T): T {
    const days = { d1: 1, d7: 7, d30: 30 } as const;
    const out = { ...u };
    for (const k of ['d1', 'd7', 'd30'] as const) {
      if (u[k].maintenanceMs > 0) out[k] = { ...u[k], maintenanceMs: Math.min(days[k] * 86_400_000, maintenanceMs!(m, now - days[k] * 86_400_000, now)) };
    }
    return out;
  }

  function summary(c: Counts): UptimeSummary {
    const charged = c.up + c.degraded + c.down;
    return {
      ratio: charged === 0 ? null : (c.up + c.degraded) / charged,
      down: c.down,
      total: c.up + c.degraded + c.down + c.unknown,
      maintenanceMs: c.maintenanceMs,
    };
  }

  return {
    'dashboard.get': ({ includeMaintenance }) => {
      settle();
      const now = clock.now();
      const s = settings.get();
      const monitors = store.monitors.list();
      const latest = new Map(store.results.latest().map((r) => [r.monitorId, r]));
      const answer = dashboardQuery(now, monitors, includeMaintenance);
      return {
        now,
        sparkFrom: answer.sparkFrom,
        sparkBucketMs: answer.sparkBucketMs,
        rows: monitors.map((m) => {
          const r = latest.get(m.id);
          const f = answer.figures.get(m.id)!;
          return {
            monitorId: m.id,
            latest: r
              ? { ts: r.ts, status: r.status, latencyMs: r.latencyMs, inMaintenance: r.inMaintenance, ...(r.message ? { message: r.message } : {}) }
              : null,
            uptime: maintenanceMs ? exactMaintenance(m, now, f.uptime) : f.uptime,
            spark: f.spark,
            sloTarget: monitorTarget(s, m),
          };
        }),
      };
    },
    'slo.get': ({ monitorId, group, period: asked }) => {
      settle();
      const now = clock.now();
      const s = settings.get();
      const period = asked ?? s.slo.period;
      const all = store.monitors.list();
      let scope: SloReport['scope'];
      let inScope: Monitor[];
      let target: number;
      if (monitorId !== undefined) {
        const m = all.find((x) => x.id === monitorId);
        if (!m) throw new ApiError('not_found', `Monitor ${monitorId} does not exist`);
        scope = { kind: 'monitor', monitorId, name: m.name, group: m.group };
        inScope = [m];
        target = monitorTarget(s, m);
      } else {
        inScope = all.filter((m) => m.group === group);
        if (inScope.length === 0) throw new ApiError('not_found', `No monitors in the service group “${group}”`);
        scope = { kind: 'group', group: group!, monitors: inScope.length };
        target = groupTarget(s, group!);
      }
      const { start, end } = periodBounds(now, period);
      const toDate = counts(inScope, start, Math.min(now, end));
      const uptime = summary(toDate);
      const charged = toDate.up + toDate.degraded + toDate.down;
      const budget = errorBudget({
        target,
        start,
        end,
        now,
        downShare: charged === 0 ? 0 : toDate.down / charged,
        maintenanceMs: toDate.maintenanceMs,
        observedFrom: observedFrom(inScope, start),
      });
      const rate = (hours: number) => {
        const c = counts(inScope, now - hours * HOUR, now);
        return burnRate(c.down, c.up + c.degraded + c.down, target);
      };
      return {
        scope,
        target,
        period,
        periodStart: start,
        periodEnd: end,
        uptime,
        budget,
        burnRate: { h1: rate(1), h6: rate(6) },
        sentence: uptimeSentence(uptime),
      };
    },
  };
}
