import { z } from 'zod';

/**
 * Remote vantage points: what a monitor reads from an existing Prometheus that runs
 * blackbox_exporter in several regions (electron/core/vantage/). Only zod here: the selector's
 * grammar is checked by shared/promql-selector.ts so the form and the core say the same thing.
 */
import { parseSelector } from './promql-selector';
import { Phases } from './result';

const LabelName = z
  .string()
  .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'A Prometheus label name: letters, digits and _, not starting with a digit');

export const VantageConfig = z.strictObject({
  /** A PromQL series selector such as probe_success{job="blackbox", instance="https://…"}. */
  selector: z
    .string()
    .trim()
    .min(1, 'Give a PromQL selector, e.g. probe_success{job="blackbox", instance="https://stream.example/"}')
    .max(2000)
    .superRefine((s, ctx) => {
      const r = parseSelector(s);
      if (!r.ok) ctx.addIssue({ code: 'custom', message: r.message });
    }),
  /** The label whose value names the vantage (the region). */
  regionLabel: LabelName.default('region'),
  /** Vantages (this console included) that must see it down for "down everywhere"; null = a majority. */
  quorum: z.int().min(1).max(50).nullable().default(null),
});
export type VantageConfig = z.output<typeof VantageConfig>;
export type VantageConfigInput = z.input<typeof VantageConfig>;

/** Settings → Prometheus source. The secret (bearer token or basic password) is sealed apart (vantage.setSecret). */
export const PrometheusSettings = z
  .object({
    /** Empty = no Prometheus source: vantage options on monitors are kept but not read. */
    baseUrl: z
      .string()
      .trim()
      .max(500)
      .refine(
        (u) => u === '' || /^https?:\/\/[^\s]+$/.test(u),
        'Use the Prometheus base URL, e.g. http://prometheus.internal:9090',
      )
      .default(''),
    auth: z.enum(['none', 'bearer', 'basic']).default('none'),
    username: z.string().max(200).default(''),
    /** Extra CA certificate(s), PEM, for a Prometheus behind a private CA. */
    caPem: z.string().max(64_000).default(''),
    timeoutSec: z.int().min(1).max(120).default(10),
    /** How often the source is read (one query_range for every monitor). */
    intervalSec: z.int().min(5).max(3600).default(30),
    /** A sample older than this at a step is stale: the vantage is `unknown`, not its last value. */
    staleAfterSec: z.int().min(5).max(3600).default(90),
  })
  .prefault({});
export type PrometheusSettings = z.output<typeof PrometheusSettings>;

export const VantageStatusName = z.enum(['up', 'down', 'unknown']);

/** One vantage's newest word on one monitor. */
export const VantageLatest = z.object({
  vantage: z.string(),
  status: VantageStatusName,
  ts: z.number().nullable(),
  latencyMs: z.number().nullable(),
  /** blackbox's probe_http_duration_seconds{phase} at that step, as this console's own phases; absent for non-HTTP modules. */
  phases: Phases.optional(),
});
export type VantageLatest = z.infer<typeof VantageLatest>;

export const MonitorVantages = z.object({
  monitorId: z.int(),
  vantages: z.array(VantageLatest),
  /** Cross-vantage verdict: "down everywhere", "down in eu-west only", or null when all agree up. */
  summary: z.string().nullable(),
  verdict: z.enum(['up', 'regional', 'down', 'unknown']),
  /** Why this monitor's selector is not read (does not parse, matches nothing, matches too many). */
  problem: z.object({ code: z.string(), message: z.string() }).nullable(),
});
export type MonitorVantages = z.infer<typeof MonitorVantages>;

export const SourceStatus = z.object({
  configured: z.boolean(),
  /** ok = last read succeeded; partial = Prometheus answered with warnings; error = unreachable or refused. */
  health: z.enum(['off', 'ok', 'partial', 'error']),
  lastReadAt: z.number().nullable(),
  message: z.string().nullable(),
  hasSecret: z.boolean(),
});
export type SourceStatus = z.infer<typeof SourceStatus>;

export const VantageStatus = z.object({ source: SourceStatus, monitors: z.array(MonitorVantages) });
export type VantageStatus = z.infer<typeof VantageStatus>;

export const VantageSeriesQuery = z
  .strictObject({
    monitorId: z.int().positive(),
    from: z.number().int().nonnegative(),
    to: z.number().int().positive(),
    maxPoints: z.int().min(1).max(2000).default(300),
  })
  .refine((q) => q.to > q.from, { message: '`to` must be after `from`', path: ['to'] });

/** Counts per bucket; `degraded` only on this console's line (a regional verdict stored as degraded). */
export const VantageSeriesPoint = z.object({
  t: z.number(),
  up: z.int(),
  degraded: z.int(),
  down: z.int(),
  avg: z.number().nullable(),
});
export const VantageSeries = z.object({
  monitorId: z.int(),
  bucketMs: z.number(),
  lines: z.array(z.object({ vantage: z.string(), points: z.array(VantageSeriesPoint) })),
});
export type VantageSeries = z.infer<typeof VantageSeries>;

export const VantageSecretInput = z.strictObject({ secret: z.string().max(4096) });
