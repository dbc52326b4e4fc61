import { z } from 'zod';
import { Status } from './status';

/** Timing phases in ms; absent phases were not part of this probe (e.g. no TLS on http://). */
export const Phases = z.object({
  dns: z.number().optional(),
  connect: z.number().optional(),
  tls: z.number().optional(),
  ttfb: z.number().optional(),
  download: z.number().optional(),
});
export type Phases = z.infer<typeof Phases>;

/** Flat key -> scalar (or list of scalars) map; bounded so one result cannot bloat the database. */
export const ProbeDetails = z
  .record(
    z.string().max(64),
    z.union([
      z.number(),
      z.string().max(512),
      z.boolean(),
      z.null(),
      z.array(z.union([z.number(), z.string().max(256)])).max(32),
    ]),
  )
  .refine((d) => Object.keys(d).length <= 32, { message: 'At most 32 detail fields' });
export type ProbeDetails = z.infer<typeof ProbeDetails>;

/** What a probe returns: no monitor id, no timestamp (the scheduler adds those). */
export const ProbeOutcome = z.object({
  status: Status,
  latencyMs: z.number().nullable(),
  phases: Phases.optional(),
  /** Stable machine code for anything that is not `up`, e.g. `timeout`, `http_status`. */
  errorCode: z.string().optional(),
  /** One human line for anything that is not `up`. */
  message: z.string().optional(),
  /**
   * Kind-specific measurements kept with the result (a certificate's subject / issuer / not-after,
   * an HLS playlist's age and segment time, a submission's per-step times). Small and flat.
   */
  details: ProbeDetails.optional(),
});
export type ProbeOutcome = z.infer<typeof ProbeOutcome>;

export const ProbeResult = ProbeOutcome.extend({
  monitorId: z.int(),
  /** Start of the probe, ms since epoch. */
  ts: z.number(),
  inMaintenance: z.boolean(),
});
export type ProbeResult = z.infer<typeof ProbeResult>;

/** One chart bucket: counts by status and latency over the answered probes in it. */
export const SeriesPoint = z.object({
  t: z.number(),
  up: z.int(),
  degraded: z.int(),
  down: z.int(),
  unknown: z.int(),
  min: z.number().nullable(),
  avg: z.number().nullable(),
  max: z.number().nullable(),
  /** Only when asked for (`percentiles: true`): estimated from the bucket's latency histogram. */
  p50: z.number().nullable().optional(),
  p95: z.number().nullable().optional(),
  p99: z.number().nullable().optional(),
});
export type SeriesPoint = z.infer<typeof SeriesPoint>;

export const Series = z.object({
  monitorId: z.int(),
  from: z.number(),
  to: z.number(),
  bucketMs: z.number(),
  points: z.array(SeriesPoint),
});
export type Series = z.infer<typeof Series>;
