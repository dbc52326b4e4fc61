import { z } from 'zod';

/** What alerts act on: a monitor's confirmed state, not its latest result (ARCHITECTURE.md). */
export const MonitorStateName = z.enum(['up', 'degraded', 'down', 'unknown', 'paused']);
export type MonitorStateName = z.infer<typeof MonitorStateName>;

export const MonitorState = z.object({
  monitorId: z.int(),
  state: MonitorStateName,
  /** When the monitor entered this state (ms since epoch); null before its first confirmed state. */
  since: z.number().nullable(),
  /** More than the configured number of state changes in the flapping window. */
  flapping: z.boolean(),
  /** Open incident, if the monitor is down. */
  incidentId: z.int().nullable(),
  /** In a maintenance window right now (alerts suppressed). */
  inMaintenance: z.boolean(),
  /** Consecutive failing results counted towards confirmation (0 when none pending). */
  pendingFailures: z.int(),
  /** Alerts for this monitor are snoozed until then (ms since epoch); null / absent = not snoozed. */
  snoozedUntil: z.number().nullable().optional(),
});
export type MonitorState = z.infer<typeof MonitorState>;
