import { z } from 'zod';

export const IncidentNote = z.object({
  id: z.int(),
  at: z.number(),
  by: z.string().nullable(),
  text: z.string(),
});
export type IncidentNote = z.infer<typeof IncidentNote>;

/** A maximal run of `down` state for one monitor (ARCHITECTURE.md "Monitors, probes and status"). */
export const Incident = z.object({
  id: z.int(),
  monitorId: z.int(),
  /** When the monitor's state became down: the first failing probe of the confirming run. */
  startedAt: z.number(),
  /** When it left down (first good probe of the recovering run); null while open. */
  endedAt: z.number().nullable(),
  /** endedAt - startedAt, or up to now while open. */
  durationMs: z.number(),
  firstErrorCode: z.string().nullable(),
  firstError: z.string().nullable(),
  lastErrorCode: z.string().nullable(),
  lastError: z.string().nullable(),
  failedProbes: z.int(),
  acknowledgedBy: z.string().nullable(),
  acknowledgedAt: z.number().nullable(),
  /** The maintenance window the outage overlapped, if any. */
  maintenanceWindowId: z.int().nullable(),
  notes: z.array(IncidentNote),
});
export type Incident = z.infer<typeof Incident>;

export const IncidentPage = z.object({
  items: z.array(Incident),
  /** All incidents matching the query (open + closed), for paging. */
  total: z.int(),
});
export type IncidentPage = z.infer<typeof IncidentPage>;

export const IncidentEvent = z.object({
  action: z.enum(['opened', 'updated', 'closed']),
  incident: Incident,
});
export type IncidentEvent = z.infer<typeof IncidentEvent>;

/** A stretch in which the console could not see (asleep, offline, not running): not downtime. */
export const Gap = z.object({
  id: z.int(),
  start: z.number(),
  end: z.number(),
  reason: z.enum(['asleep', 'offline', 'stopped']),
});
export type Gap = z.infer<typeof Gap>;

export const IncidentsQuery = z
  .strictObject({
    limit: z.int().min(1).max(200).default(50),
    offset: z.int().min(0).default(0),
    monitorId: z.int().positive().optional(),
    /** Only incidents overlapping [from, to) (a chart's range); both or neither. */
    from: z.number().int().nonnegative().optional(),
    to: z.number().int().positive().optional(),
  })
  .refine((q) => (q.from === undefined) === (q.to === undefined), {
    message: 'Give both `from` and `to`, or neither',
    path: ['to'],
  })
  .refine((q) => q.from === undefined || q.to === undefined || q.to > q.from, {
    message: '`to` must be after `from`',
    path: ['to'],
  });
export const IncidentRef = z.strictObject({ id: z.int().positive() });
export const IncidentAck = z.strictObject({
  id: z.int().positive(),
  by: z.string().trim().min(1, 'Say who acknowledges').max(80),
});
export const IncidentNoteInput = z.strictObject({
  id: z.int().positive(),
  text: z.string().trim().min(1, 'Write a note').max(4000),
  by: z.string().trim().max(80).optional(),
});
export const GapsQuery = z
  .strictObject({ from: z.number().int().nonnegative(), to: z.number().int().positive() })
  .refine((q) => q.to > q.from, { message: '`to` must be after `from`', path: ['to'] });
