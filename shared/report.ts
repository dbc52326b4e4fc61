import { z } from 'zod';
import { Accounting } from './accounting';
import { ZoneName } from './maintenance';

/**
 * The quarterly service report (issue 16 §4): one data object per service group and monitor, from
 * which the HTML, PDF and CSV are all written. Uptime figures come from the same accounting as the
 * console's (shared/accounting.ts).
 */

export const ReportQuery = z
  .strictObject({
    period: z.enum(['month', 'quarter', 'custom']),
    /** month / quarter: the calendar year and the month (1–12) or quarter (1–4), in `zone`. */
    year: z.int().min(2000).max(2200).optional(),
    index: z.int().min(1).max(12).optional(),
    /** custom: [from, to), ms. */
    from: z.number().int().nonnegative().optional(),
    to: z.number().int().positive().optional(),
    zone: ZoneName.default('UTC'),
    /** Only these service groups (default: all). */
    groups: z.array(z.string().trim().min(1).max(60)).max(200).optional(),
  })
  .superRefine((q, ctx) => {
    if (q.period === 'custom') {
      if (q.from === undefined)
        ctx.addIssue({ code: 'custom', path: ['from'], message: 'A custom range needs a start (`from`)' });
      if (q.to === undefined)
        ctx.addIssue({ code: 'custom', path: ['to'], message: 'A custom range needs an end (`to`)' });
      if (q.from !== undefined && q.to !== undefined && q.to <= q.from)
        ctx.addIssue({ code: 'custom', path: ['to'], message: 'The end must be after the start' });
      if (q.from !== undefined && q.to !== undefined && q.to - q.from > 400 * 86_400_000)
        ctx.addIssue({ code: 'custom', path: ['to'], message: 'A report covers at most 400 days' });
      return;
    }
    if (q.year === undefined)
      ctx.addIssue({ code: 'custom', path: ['year'], message: `A ${q.period} report needs a year` });
    if (q.index === undefined) ctx.addIssue({ code: 'custom', path: ['index'], message: `Choose the ${q.period}` });
    else if (q.period === 'quarter' && q.index > 4)
      ctx.addIssue({ code: 'custom', path: ['index'], message: 'A quarter is 1 to 4' });
  });
export type ReportQuery = z.input<typeof ReportQuery>;

export const ReportFormat = z.enum(['html', 'csv', 'pdf']);
export type ReportFormat = z.infer<typeof ReportFormat>;

/** Targets the report measures against (the platform's KPIs). */
export const REPORT_TARGETS = { pageLoadMs: 3000, slowMs: 3000, responseChange: -0.2 } as const;

export const ReportIncident = z.object({
  id: z.int(),
  monitorId: z.int(),
  startedAt: z.number(),
  endedAt: z.number().nullable(),
  /** Within the report's range. */
  durationMs: z.number(),
  firstError: z.string().nullable(),
  /** Start to acknowledgement, and start to end; null when it never happened. */
  ttaMs: z.number().nullable(),
  ttrMs: z.number().nullable(),
});
export type ReportIncident = z.infer<typeof ReportIncident>;

export const ReportDay = z.object({
  /** Local date in the report's zone, YYYY-MM-DD. */
  date: z.string(),
  start: z.number(),
  end: z.number(),
  uptime: Accounting,
});
export type ReportDay = z.infer<typeof ReportDay>;

const Budget = z.object({ allowedMs: z.number(), spentMs: z.number(), remaining: z.number() });

const Latency = z.object({
  count: z.int(),
  avg: z.number().nullable(),
  p50: z.number().nullable(),
  p95: z.number().nullable(),
  /** The previous period of the same length. */
  previousP50: z.number().nullable(),
  previousP95: z.number().nullable(),
  /** (now − before) / before; null without both. Target: REPORT_TARGETS.responseChange. */
  p50Change: z.number().nullable(),
  p95Change: z.number().nullable(),
  /** Share of answers over REPORT_TARGETS.slowMs (histogram estimate). */
  shareOverSlow: z.number().nullable(),
});

export const ReportMonitor = z.object({
  monitorId: z.int(),
  name: z.string(),
  group: z.string(),
  kind: z.string(),
  target: z.number(),
  uptime: Accounting,
  meetsTarget: z.boolean().nullable(),
  budget: Budget,
  incidents: z.array(ReportIncident),
  mttaMs: z.number().nullable(),
  mttrMs: z.number().nullable(),
  maintenance: z.array(z.object({ start: z.number(), end: z.number(), minutes: z.number() })),
  latency: Latency,
  /** `page` monitors: load time against REPORT_TARGETS.pageLoadMs. */
  pageLoad: z
    .object({ avg: z.number().nullable(), p95: z.number().nullable(), meetsTarget: z.boolean().nullable() })
    .nullable(),
  days: z.array(ReportDay),
});
export type ReportMonitor = z.infer<typeof ReportMonitor>;

export const ReportGroup = z.object({
  group: z.string(),
  target: z.number(),
  /** Down while any of its monitors is down. */
  uptime: Accounting,
  meetsTarget: z.boolean().nullable(),
  budget: Budget,
  monitorIds: z.array(z.int()),
  incidents: z.int(),
  mttaMs: z.number().nullable(),
  mttrMs: z.number().nullable(),
  days: z.array(ReportDay),
});
export type ReportGroup = z.infer<typeof ReportGroup>;

/** The deployment-frequency KPI: deploys per service in the range, and those judged a regression. */
export const ReportDeploys = z.object({
  services: z.array(z.object({ group: z.string(), deploys: z.int(), regressions: z.int() })),
  regressions: z.array(
    z.object({ id: z.int(), at: z.number(), group: z.string().nullable(), version: z.string(), note: z.string() }),
  ),
});
export type ReportDeploys = z.infer<typeof ReportDeploys>;

export const ServiceReport = z.object({
  title: z.string(),
  generatedAt: z.number(),
  from: z.number(),
  /** The range end; cut at `generatedAt` when the period is not over yet (`toDate`). */
  to: z.number(),
  toDate: z.boolean(),
  zone: z.string(),
  /** When stored history begins (the first result of any monitor in scope). */
  historyFrom: z.number().nullable(),
  /** No result in the range: the report says so instead of printing zeros. */
  empty: z.boolean(),
  notes: z.array(z.string()),
  groups: z.array(ReportGroup),
  monitors: z.array(ReportMonitor),
  deploys: ReportDeploys,
});
export type ServiceReport = z.infer<typeof ServiceReport>;

export const ReportFile = z.object({
  filename: z.string(),
  mimeType: z.string(),
  /** utf8 text, or base64 for the PDF. */
  encoding: z.enum(['utf8', 'base64']),
  content: z.string(),
});
export type ReportFile = z.infer<typeof ReportFile>;

export const ReportProgress = z.object({ done: z.int(), total: z.int(), stage: z.string() });

export const ReportExportInput = z.strictObject({ query: ReportQuery, format: ReportFormat });

/** History out: one monitor's raw results as CSV, or everything in a range as JSON, written to a file. */
export const HistoryExportInput = z
  .strictObject({
    format: z.enum(['csv', 'json']),
    /** Required for CSV (one monitor's results). */
    monitorId: z.int().positive().optional(),
    from: z.number().int().nonnegative(),
    to: z.number().int().positive(),
    /** Where to write; default the `exports` folder beside the database. */
    path: z.string().trim().min(1).max(4096).optional(),
  })
  .refine((q) => q.to > q.from, { message: 'The end must be after the start', path: ['to'] })
  .refine((q) => q.format === 'json' || q.monitorId !== undefined, {
    message: 'Choose the monitor whose results to export',
    path: ['monitorId'],
  });

export const HistoryExportResult = z.object({ path: z.string(), rows: z.int(), bytes: z.int() });
