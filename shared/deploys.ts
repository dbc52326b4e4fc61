import { z } from 'zod';

/**
 * Deploy markers (issue 23): a release of one service, recorded from the console, the CLI
 * (`lookout deploy`), the serve port's HTTP endpoint, or detected from a monitored response, and a
 * before / after comparison that gives it a verdict.
 */
export const DeploySource = z.enum(['ui', 'cli', 'http', 'detected']);
export type DeploySource = z.infer<typeof DeploySource>;

export const DEPLOY_WINDOW_DEFAULT_MIN = 30;

export const DeployInput = z
  .strictObject({
    /** The service group it deploys (its monitors are the ones affected)… */
    group: z.string().trim().min(1).max(60).optional(),
    /** …or the monitors themselves. */
    monitorIds: z.array(z.int().positive()).min(1).max(1000).optional(),
    version: z.string().trim().min(1, 'Name the version deployed').max(100),
    note: z.string().max(2000).default(''),
    /** When it went out; default now. */
    at: z.number().int().positive().optional(),
    /** Minutes compared on either side. */
    windowMin: z
      .int()
      .min(1)
      .max(24 * 60)
      .default(DEPLOY_WINDOW_DEFAULT_MIN),
    source: DeploySource.default('ui'),
  })
  .refine((d) => d.group !== undefined || d.monitorIds !== undefined, {
    message: 'Say which service was deployed: a group or its monitors',
    path: ['group'],
  });
export type DeployInput = z.input<typeof DeployInput>;

export const DeployVerdict = z.enum(['regression', 'no_change', 'improvement']);
export type DeployVerdict = z.infer<typeof DeployVerdict>;

/** One side of the comparison; null where nothing was measured. */
export const DeploySide = z.object({
  from: z.number(),
  to: z.number(),
  /** The worst affected monitor's latency percentiles (rollup histograms), page loads apart. */
  p50Ms: z.number().nullable(),
  p95Ms: z.number().nullable(),
  /** Failed probes ÷ probes, %. */
  errorRatePct: z.number().nullable(),
  /** p50 of the page monitors' loads. */
  pageLoadMs: z.number().nullable(),
  /** Incidents that started on this side. */
  incidents: z.int(),
  /** The SLO figures' accounting over this side (service group: down while any member is down). */
  uptimePct: z.number().nullable(),
  probes: z.int(),
});
export type DeploySide = z.infer<typeof DeploySide>;

export const DeployComparison = z.object({
  windowMin: z.int(),
  before: DeploySide,
  after: DeploySide,
  verdict: DeployVerdict,
  /** Why, in the operator's words ("p95 412 ms after vs 3 ms before"). */
  reasons: z.array(z.string()),
  /** False while the after window is still running. */
  complete: z.boolean(),
});
export type DeployComparison = z.infer<typeof DeployComparison>;

export const Deploy = z.object({
  id: z.int(),
  at: z.number(),
  group: z.string().nullable(),
  monitorIds: z.array(z.int()),
  version: z.string(),
  note: z.string(),
  source: DeploySource,
  windowMin: z.int(),
  /** Set once the after window has closed. */
  verdict: DeployVerdict.nullable(),
  comparison: DeployComparison.nullable(),
  evaluatedAt: z.number().nullable(),
});
export type Deploy = z.infer<typeof Deploy>;

export const DeploysQuery = z.strictObject({
  monitorId: z.int().positive().optional(),
  from: z.number().int().nonnegative().optional(),
  to: z.number().int().positive().optional(),
  limit: z.int().min(1).max(1000).default(100),
});

export const DeployCompareInput = z.strictObject({
  id: z.int().positive(),
  windowMin: z
    .int()
    .min(1)
    .max(24 * 60)
    .optional(),
});

/** Detect deploys from a monitor's answers (deploys/detect.ts). */
export const Detector = z
  .strictObject({
    monitorId: z.int().positive(),
    /** A response header carrying the version, e.g. x-app-version… */
    header: z
      .string()
      .trim()
      .min(1)
      .max(100)
      .regex(/^[A-Za-z0-9-]+$/, 'A header name is letters, digits and dashes')
      .optional(),
    /** …or a dotted path into a JSON body, e.g. build.version. */
    jsonField: z
      .string()
      .trim()
      .min(1)
      .max(200)
      .regex(/^[A-Za-z0-9_$]+(\.[A-Za-z0-9_$]+)*$/, 'A dotted path such as build.version')
      .optional(),
  })
  .refine((d) => (d.header === undefined) !== (d.jsonField === undefined), {
    message: 'Give a header or a JSON field (one of them)',
    path: ['header'],
  });
export type Detector = z.infer<typeof Detector>;

export const DetectorInput = z.union([
  Detector,
  z.strictObject({ monitorId: z.int().positive(), off: z.literal(true) }),
]);
