import type { Service } from '../../../shared/api';
import { SPARK_CODES, SPARK_POINTS, uptimeSentence, type SloReport } from '../../../shared/dashboard';
import { ApiError } from '../../../shared/errors';
import type { Monitor } from '../../../shared/monitor';
import type { Clock } from '../clock';
import type { SettingsService } from '../settings/settings';
import type { Store } from '../store';
import { DASHBOARD_RANGES, type RangeKey } from '../store/dashboard';
import { account, accountPrepared, downBuckets, groupTimeline, prepare } from './accounting';
import { burnRate, errorBudget, periodBounds } from './budget';
import { createLedger, type Ledger, type MaintenanceIntervals } from './ledger';
import { groupTarget, monitorTarget } from './targets';

const HOUR = 3_600_000;
const RANGES = Object.entries(DASHBOARD_RANGES) as [RangeKey, number][];
const DOWN = SPARK_CODES.down.charCodeAt(0);
const UP = SPARK_CODES.up.charCodeAt(0);

export interface DashboardDeps {
  store: Store;
  settings: SettingsService;
  clock: Clock;
  /** Planned maintenance of a monitor, merged; without it nothing is excluded as maintenance. */
  maintenanceIntervals?: MaintenanceIntervals;
}

/** The ledger every console view computes from (exposed for the report and exports). */
export function ledgerFor(store: Store, maintenanceIntervals?: MaintenanceIntervals): Ledger {
  return createLedger(store.tables.accounting, maintenanceIntervals);
}

/** The dashboard's rows, SLO reports, uptime and degraded stretches: one accounting (accounting.ts) behind each. */
export function createDashboardHandlers({
  store,
  settings,
  clock,
  maintenanceIntervals,
}: DashboardDeps): Pick<Service, 'dashboard.get' | 'slo.get' | 'uptime.get' | 'degraded.list'> {
  // The store's tables settle the writer before each read (store/tables.ts).
  const dashboardQuery = store.tables.dashboard;
  // The strip's day is read once per session (then an hour at a time): read it as the session
  // starts, off the first call's path (~100 ms at 1,000 monitors). A failure here only means the
  // first call reads it.
  clock.setTimeout(() => {
    try {
      dashboardQuery(clock.now(), store.monitors.list());
    } catch {
      /* the first dashboard.get reads it, and reports what fails */
    }
  }, 0);
  const source = store.tables.accounting;
  const ledger = createLedger(source, maintenanceIntervals);
  // "Include maintenance": the same accounting with nothing excluded as planned maintenance.
  const ledgerWithMaintenance = createLedger(source);
  const degraded = store.tables.degraded;

  function scopeOf(q: { monitorId?: number | undefined; group?: string | undefined }): Monitor[] {
    const all = store.monitors.list();
    if (q.monitorId !== undefined) {
      const m = all.find((x) => x.id === q.monitorId);
      if (!m) throw new ApiError('not_found', `Monitor ${q.monitorId} does not exist`);
      return [m];
    }
    const inScope = all.filter((m) => m.group === q.group);
    if (inScope.length === 0) throw new ApiError('not_found', `No monitors in the service group “${q.group}”`);
    return inScope;
  }

  function sloReport(
    inScope: Monitor[],
    scope: SloReport['scope'],
    target: number,
    period: SloReport['period'],
    zone: string | undefined,
  ): SloReport {
    const now = clock.now();
    const { start, end } = periodBounds(now, period, zone);
    const to = Math.min(now, end);
    const from = Math.min(start, now - 6 * HOUR);
    const tls = [...ledger.timelines(inScope, from, now, now).values()];
    const t = tls.length === 1 && scope.kind === 'monitor' ? tls[0]! : groupTimeline(tls);
    const gaps = ledger.gaps(from, now);
    const uptime = account(t, gaps, start, to);
    const rate = (hours: number) => burnRate(account(t, gaps, now - hours * HOUR, now), hours * HOUR, target);
    const sentence = uptimeSentence(uptime);
    return {
      scope,
      target,
      period,
      periodStart: start,
      periodEnd: end,
      uptime,
      budget: errorBudget({ target, start, end, first: t.first, downMs: uptime.downMs }),
      burnRate: { h1: rate(1), h6: rate(6) },
      sentence:
        scope.kind === 'group' && uptime.ratio !== null
          ? `${sentence}; down while any of its ${scope.monitors} monitors is down`
          : sentence,
    };
  }

  return {
    'dashboard.get': ({ includeMaintenance }) => {
      const now = clock.now();
      const s = settings.get();
      const monitors = store.monitors.list();
      const latest = new Map(store.results.latest().map((r) => [r.monitorId, r]));
      const answer = dashboardQuery(now, monitors);
      const since = now - DASHBOARD_RANGES.d30;
      const tls = (includeMaintenance ? ledgerWithMaintenance : ledger).timelines(
        monitors,
        Math.min(since, answer.sparkFrom),
        now,
        now,
      );
      const gaps = ledger.gaps(Math.min(since, answer.sparkFrom), now);
      const text = Buffer.alloc(SPARK_POINTS);
      return {
        now,
        sparkFrom: answer.sparkFrom,
        sparkBucketMs: answer.sparkBucketMs,
        rows: monitors.map((m) => {
          const r = latest.get(m.id);
          const t = tls.get(m.id)!;
          // One merge of the timeline for the three ranges (accountPrepared is what account runs).
          const p = prepare(t, gaps);
          const uptime = {} as Record<RangeKey, ReturnType<typeof account>>;
          for (const [k, span] of RANGES) uptime[k] = accountPrepared(p, now - span, now);
          // "Down" in the strip means charged down time, as in the figures; an unconfirmed failure costs nothing.
          const strip = answer.figures.get(m.id)!.spark;
          // Without confirmed down time nothing is charged down (most rows: skip the second merge).
          const down =
            t.down.length > 0 ? downBuckets(t, gaps, answer.sparkFrom, answer.sparkBucketMs, strip.length) : undefined;
          for (let i = 0; i < strip.length; i++) {
            const c = strip.charCodeAt(i);
            text[i] = down?.[i] ? DOWN : c === DOWN ? UP : c;
          }
          const spark = text.toString('latin1', 0, strip.length);
          return {
            monitorId: m.id,
            latest: r
              ? {
                  ts: r.ts,
                  status: r.status,
                  latencyMs: r.latencyMs,
                  inMaintenance: r.inMaintenance,
                  ...(r.message ? { message: r.message } : {}),
                }
              : null,
            uptime,
            spark,
            sloTarget: monitorTarget(s, m),
          };
        }),
      };
    },
    'uptime.get': (q) => {
      const now = clock.now();
      const inScope = scopeOf(q);
      return ledger.account(inScope, q.from, Math.min(q.to, now), now);
    },
    'degraded.list': ({ monitorId, from, to, limit }) => {
      if (monitorId !== undefined) scopeOf({ monitorId });
      return degraded.list({ monitorId, from, to, limit }, clock.now());
    },
    'slo.get': ({ monitorId, group, period: asked, zone }) => {
      const s = settings.get();
      const period = asked ?? s.slo.period;
      const all = store.monitors.list();
      if (monitorId !== undefined) {
        const m = all.find((x) => x.id === monitorId);
        if (!m) throw new ApiError('not_found', `Monitor ${monitorId} does not exist`);
        return sloReport(
          [m],
          { kind: 'monitor', monitorId, name: m.name, group: m.group },
          monitorTarget(s, m),
          period,
          zone,
        );
      }
      const inScope = all.filter((m) => m.group === group);
      if (inScope.length === 0) throw new ApiError('not_found', `No monitors in the service group “${group}”`);
      return sloReport(
        inScope,
        { kind: 'group', group: group!, monitors: inScope.length },
        groupTarget(s, group!),
        period,
        zone,
      );
    },
  };
}
