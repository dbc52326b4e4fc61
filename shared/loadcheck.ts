import { z } from 'zod';

/**
 * Load checks (issue 23): a bounded burst of requests at a monitored host before a live event.
 * The hard caps live here so neither the UI nor the Api can ask for more; the configured maximum
 * rate (≤ the hard ceiling) is enforced by the core, which also checks the target host and the
 * body template's variables.
 */
export const LOADCHECK_MAX_DURATION_SEC = 600;
/** The ceiling of the configured maximum rate (requests per second). */
export const LOADCHECK_RATE_CEILING = 10_000;
export const LOADCHECK_DEFAULT_MAX_RATE = 2_000;
export const LOADCHECK_MAX_CONNECTIONS = 1_000;
/** The variables a body template may use; the same built-ins as submission steps (probes/template-vars.ts). */
export const LOADCHECK_VARS = ['$uuid', '$now'] as const;

const VAR_USE = /\{\{\s*([^{}]*?)\s*\}\}/g;

/** Variables a template names that are not known; empty when it is fine. */
export function unknownTemplateVars(template: string): string[] {
  const known = new Set<string>(LOADCHECK_VARS);
  return [...template.matchAll(VAR_USE)].map((m) => m[1] ?? '').filter((n) => !known.has(n));
}

export const LoadCheckId = z.int().positive();
export const LoadRunId = z.int().positive();

export const AbortConditions = z.strictObject({
  /** Abort when more than this share of answers in a second are errors… */
  errorRatePct: z.number().min(0).max(100).nullable().default(null),
  /** …or when that second's p95 is above this… */
  p95Ms: z.number().positive().max(600_000).nullable().default(null),
  /** …for this many consecutive seconds. */
  forSec: z.int().min(1).max(60).default(5),
});
export type AbortConditions = z.infer<typeof AbortConditions>;

/** The go / no-go thresholds (k6's thresholds are the model): each one unset is not judged. */
export const Thresholds = z.strictObject({
  p95Ms: z.number().positive().max(600_000).nullable().default(null),
  p99Ms: z.number().positive().max(600_000).nullable().default(null),
  errorRatePct: z.number().min(0).max(100).nullable().default(null),
  /** Achieved rate at least this share of the planned rate at full load. */
  minRatePct: z.number().min(0).max(100).nullable().default(null),
});
export type Thresholds = z.infer<typeof Thresholds>;

export const LoadCheckDraft = z
  .strictObject({
    name: z.string().trim().min(1, 'Name the load check').max(120),
    /** Its host must be one an existing monitor probes. */
    url: z.url({ protocol: /^https?$/, error: 'The target is an http:// or https:// URL of a monitored host' }),
    method: z.enum(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE']).default('GET'),
    headers: z.record(z.string().min(1).max(200), z.string().max(4000)).default({}),
    /** `{{$uuid}}` and `{{$now}}` are filled per request. */
    body: z
      .string()
      .max(64 * 1024)
      .nullable()
      .default(null),
    /** Arrival rate at full load, requests per second. */
    rate: z.int().min(1).max(LOADCHECK_RATE_CEILING, `At most ${LOADCHECK_RATE_CEILING} requests per second`),
    /** Seconds from a low rate up to `rate`. */
    rampSec: z.int().min(0).max(LOADCHECK_MAX_DURATION_SEC).default(0),
    durationSec: z
      .int()
      .min(1)
      .max(LOADCHECK_MAX_DURATION_SEC, `A load check lasts at most ${LOADCHECK_MAX_DURATION_SEC / 60} minutes`),
    maxConnections: z.int().min(1).max(LOADCHECK_MAX_CONNECTIONS).default(50),
    timeoutMs: z.int().min(100).max(60_000).default(10_000),
    abort: AbortConditions.default({ errorRatePct: null, p95Ms: null, forSec: 5 }),
    thresholds: Thresholds.default({ p95Ms: null, p99Ms: null, errorRatePct: null, minRatePct: null }),
    /** Remind the operator to run this check this many hours before each occurrence of a peak event. */
    reminder: z
      .strictObject({ peakId: z.int().positive(), hoursBefore: z.int().min(1).max(168) })
      .nullable()
      .default(null),
  })
  .superRefine((d, ctx) => {
    if (d.rampSec > d.durationSec)
      ctx.addIssue({ code: 'custom', path: ['rampSec'], message: 'The ramp cannot be longer than the check' });
    const unknown = d.body === null ? [] : unknownTemplateVars(d.body);
    if (unknown.length > 0)
      ctx.addIssue({
        code: 'custom',
        path: ['body'],
        message: `{{${unknown[0]}}} is not a variable here: use ${LOADCHECK_VARS.map((v) => `{{${v}}}`).join(' or ')}`,
      });
  });
export type LoadCheckDraft = z.input<typeof LoadCheckDraft>;
export type LoadCheckSpec = z.output<typeof LoadCheckDraft>;

export const LoadCheck = z.object({
  id: LoadCheckId,
  spec: z.custom<LoadCheckSpec>(),
  createdAt: z.number(),
  updatedAt: z.number(),
});
export type LoadCheck = z.infer<typeof LoadCheck>;

export const LoadLimits = z.object({ maxRate: z.int(), maxDurationSec: z.int(), rateCeiling: z.int() });
export type LoadLimits = z.infer<typeof LoadLimits>;
export const LoadLimitsInput = z.strictObject({ maxRate: z.int().min(1).max(LOADCHECK_RATE_CEILING) });

/** What the operator confirms: start with its token (or echo the total with `confirm`). */
export const LoadPlan = z.object({
  checkId: LoadCheckId,
  token: z.string(),
  target: z.string(),
  host: z.string(),
  totalRequests: z.int(),
  durationSec: z.int(),
  rate: z.int(),
  /** Monitors probing this host: their charts show the run. */
  monitorIds: z.array(z.int()),
  expiresAt: z.number(),
  /** The sentence the confirmation shows. */
  confirmation: z.string(),
});
export type LoadPlan = z.infer<typeof LoadPlan>;

export const LoadStartInput = z.union([
  z.strictObject({ checkId: LoadCheckId, token: z.string().min(1) }),
  /** Without a plan: the caller must echo the total number of requests the check will send. */
  z.strictObject({ checkId: LoadCheckId, confirm: z.int().positive() }),
]);

export const Percentiles = z.object({
  p50: z.number().nullable(),
  p95: z.number().nullable(),
  p99: z.number().nullable(),
});
export type Percentiles = z.infer<typeof Percentiles>;

export const LoadProgress = z.object({
  runId: LoadRunId,
  checkId: LoadCheckId,
  state: z.enum(['running', 'ended']),
  elapsedMs: z.number(),
  sent: z.int(),
  completed: z.int(),
  /** Answers per second over the last second. */
  achievedRate: z.number(),
  plannedRate: z.number(),
  /** Corrected for coordinated omission (what thresholds and aborts judge). */
  latency: Percentiles,
  /** As measured, without the correction. */
  uncorrected: Percentiles.optional(),
  /** HTTP status codes and network error codes (conn_refused, timeout, conn_reset, …) with counts. */
  errors: z.record(z.string(), z.int()),
  errorRatePct: z.number(),
});
export type LoadProgress = z.infer<typeof LoadProgress>;

export const LoadVerdict = z.enum(['go', 'no_go', 'stopped']);
export type LoadVerdict = z.infer<typeof LoadVerdict>;

export const ThresholdLine = z.object({
  metric: z.string(),
  threshold: z.number(),
  actual: z.number().nullable(),
  pass: z.boolean(),
});
export type ThresholdLine = z.infer<typeof ThresholdLine>;

export const LoadRun = z.object({
  id: LoadRunId,
  checkId: LoadCheckId,
  name: z.string(),
  host: z.string(),
  target: z.string(),
  startedAt: z.number(),
  endedAt: z.number().nullable(),
  /** completed: ran its duration; aborted: an abort condition held; stopped: the operator; refused: the target refused connections; failed: could not run. */
  outcome: z.enum(['running', 'completed', 'aborted', 'stopped', 'refused', 'failed']),
  reason: z.string().nullable(),
  verdict: LoadVerdict.nullable(),
  plannedRequests: z.int(),
  summary: LoadProgress.nullable(),
  card: z.array(ThresholdLine),
  /** The previous run of the same check, for the card's comparison. */
  previous: z
    .object({
      id: z.int(),
      verdict: LoadVerdict.nullable(),
      latency: Percentiles,
      errorRatePct: z.number(),
      achievedRate: z.number(),
    })
    .nullable(),
});
export type LoadRun = z.infer<typeof LoadRun>;

/** A peak event coming up whose check is due (or done): "run it N hours before". */
export const LoadReminder = z.object({
  checkId: z.int(),
  checkName: z.string(),
  peakId: z.int(),
  peakTitle: z.string(),
  peakStart: z.number(),
  /** peakStart − hoursBefore. */
  dueAt: z.number(),
  due: z.boolean(),
  /** A run of the check started since dueAt. */
  ranAt: z.number().nullable(),
});
export type LoadReminder = z.infer<typeof LoadReminder>;

/** A run's span on a monitor's chart: the check's own load is visible there. */
export const LoadSpan = z.object({ runId: z.int(), name: z.string(), from: z.number(), to: z.number() });
export type LoadSpan = z.infer<typeof LoadSpan>;
export const LoadSpansQuery = z.strictObject({
  monitorId: z.int().positive(),
  from: z.number().int().nonnegative(),
  to: z.number().int().positive(),
});
