import { z } from 'zod';
import { Accounting } from './accounting';
import { ZoneName } from './maintenance';
import { MonitorId } from './monitor';
import { Status } from './status';

/**
 * The operator's console: one dashboard answer for every monitor, and SLO reports per monitor or
 * service group. Uptime is time-based (shared/accounting.ts): confirmed down time over measured
 * time, planned maintenance and the console's own gaps excluded and reported.
 */

/** Sparkline points in the 24 h strip. */
export const SPARK_POINTS = 60;

/**
 * One character per sparkline bucket, oldest first, the worst status seen in it:
 * `x` down, `d` degraded, `?` unknown, `u` up, `.` no results. A string, not an array of objects:
 * 1,000 monitors x 60 points stays a few tens of kB on the wire.
 */
export const SPARK_CODES = { down: 'x', degraded: 'd', unknown: '?', up: 'u', none: '.' } as const;
export type SparkStatus = keyof typeof SPARK_CODES;

/** Uptime over a range, time-based (see shared/accounting.ts and the README's "Uptime accounting"). */
export const UptimeSummary = Accounting;
export type UptimeSummary = z.infer<typeof UptimeSummary>;

export const DashboardRow = z.object({
  monitorId: MonitorId,
  latest: z
    .object({
      ts: z.number(),
      status: Status,
      latencyMs: z.number().nullable(),
      message: z.string().optional(),
      inMaintenance: z.boolean(),
    })
    .nullable(),
  uptime: z.object({ d1: UptimeSummary, d7: UptimeSummary, d30: UptimeSummary }),
  /** SPARK_POINTS characters, see SPARK_CODES. */
  spark: z.string(),
  /** The monitor's SLO target (its own, else its group's), e.g. 0.99. */
  sloTarget: z.number(),
});
export type DashboardRow = z.infer<typeof DashboardRow>;

export const Dashboard = z.object({
  now: z.number(),
  /** Start of the first sparkline bucket and the bucket size. */
  sparkFrom: z.number(),
  sparkBucketMs: z.number(),
  rows: z.array(DashboardRow),
});
export type Dashboard = z.infer<typeof Dashboard>;

export const DashboardQuery = z.strictObject({
  /** Count results taken inside maintenance windows against uptime (default: excluded). */
  includeMaintenance: z.boolean().default(false),
});

export const SloPeriod = z.enum(['month', 'quarter']);
export type SloPeriod = z.infer<typeof SloPeriod>;

/** Targets the UI offers; any value in (0.5, 1) is accepted. */
export const SLO_TARGET_CHOICES = [0.99, 0.995, 0.999, 0.9995, 0.9999] as const;
export const SloTarget = z.number().min(0.5, 'At least 50%').max(0.99999, 'At most 99.999%');

export const SloQuery = z
  .strictObject({
    monitorId: MonitorId.optional(),
    group: z.string().trim().min(1).max(60).optional(),
    /** Default: the period in settings (`slo.period`). */
    period: SloPeriod.optional(),
    /** IANA zone the calendar month / quarter is cut in; default UTC. */
    zone: ZoneName.optional(),
  })
  .refine((q) => (q.monitorId === undefined) !== (q.group === undefined), {
    message: 'Give either a monitorId or a group',
    path: ['monitorId'],
  });

export const SloReport = z.object({
  scope: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('monitor'), monitorId: MonitorId, name: z.string(), group: z.string() }),
    z.object({ kind: z.literal('group'), group: z.string(), monitors: z.int() }),
  ]),
  target: z.number(),
  period: SloPeriod,
  periodStart: z.number(),
  periodEnd: z.number(),
  /** Period to date. */
  uptime: UptimeSummary,
  budget: z.object({
    /** Allowed downtime for the whole period at this target, ms. */
    allowedMs: z.number(),
    /** Downtime charged so far (the period's accounted downMs), ms. */
    spentMs: z.number(),
    /** 1 = untouched, 0 = exhausted, negative = overspent. */
    remaining: z.number(),
    remainingMs: z.number(),
  }),
  /** Error rate over the window / the rate the target allows; 1 = spending exactly on budget. null = no data. */
  burnRate: z.object({ h1: z.number().nullable(), h6: z.number().nullable() }),
  /** e.g. "uptime 99.95% excluding 2 h 10 min of planned maintenance". */
  sentence: z.string(),
});
export type SloReport = z.infer<typeof SloReport>;

/**
 * How many decimals every uptime figure shows (dashboard row, SLO card, monitor page, report, CSV has 4):
 * one rule, so one monitor's uptime reads the same everywhere.
 */
export const UPTIME_DECIMALS = 2;

/**
 * "98.99%": truncated to `decimals`, never rounded, so 98.996% never reads as 99.00% against a 99%
 * target and 99.996% never as 100%; "100%" only for exactly 100%. Truncated on the ratio's shortest
 * decimal form (what `String` prints), not on `ratio × 100 × 10^d` in floating point, where 0.57
 * becomes 56.99999… and would show one digit less than was measured.
 */
export function formatPercent(ratio: number | null, decimals = UPTIME_DECIMALS): string {
  if (ratio === null || !Number.isFinite(ratio)) return '—';
  if (ratio >= 1) return '100%';
  const k = decimals + 2;
  // Below 1e-6 `String` switches to exponent form; such a ratio is 0 at any decimals shown here.
  const text = ratio <= 0 || ratio < 1e-6 ? '0' : String(ratio);
  const [whole = '0', frac = ''] = text.split('.');
  const digits = `${whole}${frac.padEnd(k, '0').slice(0, k)}`.replace(/^0+/, '').padStart(decimals + 1, '0');
  return decimals === 0 ? `${digits}%` : `${digits.slice(0, -decimals)}.${digits.slice(-decimals)}%`;
}

/**
 * A share of the error budget, in every view (the SLO card's "left", the report's "used"), at one
 * decimal and truncated like uptime: a budget never reads as spent (100.0% used, 0.0% left) before
 * it is, nor as more left than there is. Over 100% it is as measured ("131.2%").
 */
export function formatBudgetShare(share: number): string {
  if (!Number.isFinite(share)) return '—';
  if (share < 1) return formatPercent(Math.max(0, share), 1);
  const whole = Math.floor(share);
  const [int = '0', frac = '0'] = formatPercent(share - whole, 1)
    .slice(0, -1)
    .split('.');
  return `${whole * 100 + Number(int)}.${frac}%`;
}

/** "Budget used" of a report row (console table, HTML and PDF report): '—' when nothing is allowed. */
export function formatBudgetUsed(b: { allowedMs: number; spentMs: number }): string {
  return b.allowedMs > 0 ? formatBudgetShare(b.spentMs / b.allowedMs) : '—';
}

/** An uptime figure, in every view: `formatPercent` at UPTIME_DECIMALS. */
export function formatUptime(ratio: number | null): string {
  return formatPercent(ratio, UPTIME_DECIMALS);
}

/**
 * The figure `formatPercent` shows, as a number of percent (98.99, 100): for a notice template that
 * prints it itself, so "Uptime now …%" in a notice reads as the dashboard does, never rounded up.
 */
export function truncatedPercent(ratio: number | null, decimals = UPTIME_DECIMALS): number | null {
  const shown = formatPercent(ratio, decimals);
  return shown === '—' ? null : Number(shown.slice(0, -1));
}

/** A target is an exact setting (0.99, 0.9995), shown as set: "99%", "99.95%". */
export function formatTarget(target: number): string {
  return `${Math.round(target * 100_000) / 1000}%`;
}

/** "2 h 10 min", "45 min", "3 d 4 h", "under a minute". */
export function formatDuration(ms: number): string {
  const min = Math.round(Math.abs(ms) / 60_000);
  if (min === 0) return ms === 0 ? '0 min' : 'under a minute';
  const d = Math.floor(min / 1440);
  const h = Math.floor((min % 1440) / 60);
  const m = min % 60;
  if (d > 0) return h > 0 ? `${d} d ${h} h` : `${d} d`;
  if (h > 0) return m > 0 ? `${h} h ${m} min` : `${h} h`;
  return `${m} min`;
}

/**
 * "uptime 99.95% over 29 d 22 h measured, excluding 2 h 10 min of planned maintenance, 3 h paused
 * and 40 min when the console was offline" (each exclusion only when there was some; paused time
 * whenever there was any, since the operator chose it).
 */
export function uptimeSentence(
  u: Pick<Accounting, 'ratio' | 'measuredMs' | 'maintenanceMs' | 'pausedMs' | 'gapMs'>,
): string {
  if (u.ratio === null) return 'no uptime measured yet';
  const excluded = [
    u.maintenanceMs >= 60_000 ? `${formatDuration(u.maintenanceMs)} of planned maintenance` : null,
    u.pausedMs > 0 ? `${formatDuration(u.pausedMs)} paused` : null,
    u.gapMs >= 60_000 ? `${formatDuration(u.gapMs)} when the console was offline` : null,
  ].filter((x) => x !== null);
  const base = `uptime ${formatUptime(u.ratio)} over ${formatDuration(u.measuredMs)} measured`;
  if (excluded.length === 0) return base;
  const last = excluded.pop()!;
  return `${base}, excluding ${excluded.length > 0 ? `${excluded.join(', ')} and ${last}` : last}`;
}
