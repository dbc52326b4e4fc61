import { z } from 'zod';

/**
 * Uptime accounting: what every view (dashboard row, SLO cards, status strip, report, CSV) shows,
 * computed by one function in the core (electron/core/slo/accounting.ts). Time-based: durations in
 * ms, never shares of results.
 */
export const Accounting = z.object({
  /** Over measured time; null when nothing was measured in the range. */
  ratio: z.number().nullable(),
  /** The monitor's first result or the range start, whichever is later; null before any result. */
  observedFrom: z.number().nullable(),
  /** From observedFrom to the range end, less gaps, paused time and planned maintenance. */
  measuredMs: z.number(),
  /** Confirmed `down` state (the incidents' own bounds) within measured time. */
  downMs: z.number(),
  /** Confirmed `degraded` state within measured time: counted as up, reported apart. */
  degradedMs: z.number(),
  /** Planned maintenance excluded. */
  maintenanceMs: z.number(),
  /** Monitoring paused by the operator (the monitor, or "pause all"), outside maintenance: excluded. */
  pausedMs: z.number(),
  /** Console offline, asleep or not running, outside maintenance and pauses: excluded. */
  gapMs: z.number(),
});
export type Accounting = z.infer<typeof Accounting>;

export const EMPTY_ACCOUNTING: Accounting = {
  ratio: null,
  observedFrom: null,
  measuredMs: 0,
  downMs: 0,
  degradedMs: 0,
  maintenanceMs: 0,
  pausedMs: 0,
  gapMs: 0,
};

/** The policy in the words the "how this is computed" popover and the report use. */
export const ACCOUNTING_POLICY: readonly { term: string; text: string }[] = [
  {
    term: 'Downtime',
    text: 'Time in confirmed down state: from the first failing probe of the run that was confirmed to the first good probe (the incident’s own bounds). A failure that was never confirmed costs nothing; retries add no weight.',
  },
  {
    term: 'Measured time',
    text: 'From the monitor’s first result (or the start of the range, if later) to the end of the range, less planned maintenance, less the time the monitor (or all monitoring) was paused, and less the time the console was offline, asleep or not running. Each is reported, never silently dropped.',
  },
  { term: 'Uptime', text: '(measured time − downtime) ÷ measured time.' },
  {
    term: 'Degraded',
    text: 'Slower than the threshold, a soft check failed, a certificate expiring: counted as up, and reported as its own time.',
  },
  {
    term: 'Service group',
    text: 'Down while any of its monitors is down (the union of their downtime); excluded only while all of them are in maintenance or paused.',
  },
  {
    term: 'Error budget',
    text: '(1 − target) × the part of the calendar month or quarter from the first result (or the period start) to the period end; budget left = that − downtime so far.',
  },
  {
    term: 'Burn rate',
    text: 'Downtime share of the last 1 h or 6 h (less excluded time) ÷ (1 − target): 1× spends the budget exactly by the period end.',
  },
];

/** A maximal run of confirmed `degraded` state for one monitor, stored like an incident. */
export const DegradedStretch = z.object({
  id: z.int(),
  monitorId: z.int(),
  startedAt: z.number(),
  /** null while the monitor is still degraded. */
  endedAt: z.number().nullable(),
  durationMs: z.number(),
  reasonCode: z.string().nullable(),
  reason: z.string().nullable(),
  /** The slowest answer in the stretch, ms. */
  worstLatencyMs: z.number().nullable(),
  probes: z.int(),
});
export type DegradedStretch = z.infer<typeof DegradedStretch>;

export const DegradedQuery = z.strictObject({
  monitorId: z.int().positive().optional(),
  from: z.number().int().nonnegative(),
  to: z.number().int().positive(),
  limit: z.int().min(1).max(500).default(100),
});

/** Uptime of one monitor or one service group over any past range, from the one accounting function. */
export const UptimeQuery = z
  .strictObject({
    monitorId: z.int().positive().optional(),
    group: z.string().trim().min(1).max(60).optional(),
    from: z.number().int().nonnegative(),
    to: z.number().int().positive(),
  })
  .refine((q) => (q.monitorId === undefined) !== (q.group === undefined), {
    message: 'Give either a monitorId or a group',
    path: ['monitorId'],
  })
  .refine((q) => q.to > q.from, { message: '`to` must be after `from`', path: ['to'] });
