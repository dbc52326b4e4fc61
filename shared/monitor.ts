import { z } from 'zod';
import { KINDS, ProbeSpec, type Kind } from './kinds';
import { VantageConfig } from './vantage';

/**
 * Monitors are `kind` + a JSON `config` validated by that kind's schema. The kinds are listed
 * once, in shared/kinds.ts; the union, the draft schema and the stored type follow.
 */
export const PROBE_KINDS = Object.fromEntries(Object.entries(KINDS).map(([k, def]) => [k, def.config])) as {
  [K in Kind]: (typeof KINDS)[K]['config'];
};
export type ProbeKind = Kind;

export const SERVICE_GROUPS = ['Live streaming', 'Task submissions', 'Web', 'Infrastructure'] as const;

export { ProbeSpec };

export const MonitorFields = z.strictObject({
  name: z.string().trim().min(1, 'Give the monitor a name').max(120),
  group: z.string().trim().min(1).max(60).default('Web'),
  /** Seconds between probes; the scheduler never runs a monitor more often than every 5 s. */
  intervalSec: z.int().min(5, 'At least 5 seconds').max(86_400).default(60),
  /** Consecutive failures before the state changes (confirmation). */
  retries: z.int().min(1).max(10).default(2),
  paused: z.boolean().default(false),
  /** This monitor's SLO target (e.g. 0.999); null = its service group's target from settings. */
  sloTarget: z.number().min(0.5, 'At least 50%').max(0.99999, 'At most 99.999%').nullable().optional(),
  /** Remote vantage points read from the Prometheus source (shared/vantage.ts); null / absent = this console only. */
  vantage: VantageConfig.nullable().optional(),
});

/** What the operator submits to create or replace a monitor. */
export const MonitorDraft = z.intersection(MonitorFields, ProbeSpec);
export type MonitorDraft = z.output<typeof MonitorDraft>;
export type MonitorDraftInput = z.input<typeof MonitorDraft>;

export const Monitor = z.intersection(
  MonitorFields.extend({ id: z.int().positive(), createdAt: z.number() }),
  ProbeSpec,
);
export type Monitor = z.output<typeof Monitor>;

export const MonitorId = z.int().positive();
