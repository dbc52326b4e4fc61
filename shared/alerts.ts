import { z } from 'zod';

export const AlertKind = z.enum(['down', 'degraded', 'recovered', 'still_down', 'flapping', 'flapping_ended']);
export type AlertKind = z.infer<typeof AlertKind>;

/** One notification decided by the core; both shells only display it. */
export const Alert = z.object({
  id: z.string(),
  kind: AlertKind,
  monitorId: z.int(),
  monitorName: z.string(),
  /** The incident it is about (down / still down / recovered), for the "open incident" link. */
  incidentId: z.int().nullable(),
  at: z.number(),
  title: z.string(),
  body: z.string(),
  /** Play the alert sound (settings.alerts.sound). */
  sound: z.boolean(),
  /** Monitors confirmed down right now, for the tray / window title. */
  downCount: z.int(),
});
export type Alert = z.infer<typeof Alert>;

export const Snooze = z.object({ monitorId: z.int(), until: z.number().nullable() });
export type Snooze = z.infer<typeof Snooze>;

export const ConnectivityTarget = z.object({ target: z.string(), ok: z.boolean(), error: z.string().nullable() });

/** The console's own reachability, as the connectivity guard last saw it. */
export const ConnectivityStatus = z.object({
  enabled: z.boolean(),
  online: z.boolean(),
  checkedAt: z.number().nullable(),
  /** Since when the current verdict holds. */
  since: z.number().nullable(),
  targets: z.array(ConnectivityTarget),
});
export type ConnectivityStatus = z.infer<typeof ConnectivityStatus>;

export const PowerEvent = z.object({
  action: z.enum(['slept', 'woke']),
  at: z.number(),
  /** On wake: how long the console could not see. */
  gapMs: z.number().optional(),
});
export type PowerEvent = z.infer<typeof PowerEvent>;

/** minutes = 0 clears the snooze. */
export const SnoozeInput = z.strictObject({
  monitorId: z.int().positive(),
  minutes: z
    .int()
    .min(0)
    .max(7 * 24 * 60),
});

/**
 * What one recipient of a multi-recipient channel (SMS: one gateway request per number) got from
 * one message: delivered once, or the newest error while it is still owed. A retry sends only to
 * the recipients not delivered yet.
 */
export const RecipientOutcome = z.object({
  recipient: z.string(),
  ok: z.boolean(),
  at: z.number(),
  /** The gateway's answer ("HTTP 201 queued") or the error of the newest attempt. */
  answer: z.string(),
  code: z.string().nullable(),
});
export type RecipientOutcome = z.infer<typeof RecipientOutcome>;
