import { z } from 'zod';
import { PrometheusSettings } from './vantage';

/**
 * The operator's preferences, one validated document. Every field has a default, so an old
 * database (or a fresh one) always yields a complete Settings; unknown keys are dropped on read.
 * Owned by: retention/backup (store), probing defaults and the connectivity guard (scheduler),
 * alerts, theme (renderer), contact details and audience zones (drafts).
 */
const HostPort = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9.\-:[\]]+:\d{1,5}$/, 'Use host:port, e.g. 1.1.1.1:443');

/** Intl knows the IANA database in Node, Electron and the browser alike. */
function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

export const Settings = z.object({
  /** Days of raw results kept; rollups are kept for years. */
  retentionDays: z.int().min(1, 'At least 1 day').max(3650).default(30),
  backup: z
    .object({
      /** Daily backup on/off. */
      enabled: z.boolean().default(true),
      /** Folder for scheduled backups; null = `backups` beside the database. */
      dir: z.string().trim().min(1).nullable().default(null),
      /** How many daily backups are kept; older ones are deleted. */
      keep: z.int().min(1).max(365).default(7),
      /** A second folder (a synced drive, a mounted share) each scheduled backup is also copied to; null = none. */
      secondDir: z
        .string()
        .trim()
        .min(1, 'Enter the second backup folder, or leave it empty for none.')
        .nullable()
        .default(null),
    })
    .prefault({}),
  probing: z
    .object({
      intervalSec: z.int().min(5).max(86_400).default(60),
      retries: z.int().min(1).max(10).default(2),
      recoveries: z.int().min(1).max(10).default(1),
      /** Faster interval while a failure is being confirmed. */
      retryIntervalSec: z.int().min(5).max(3600).default(10),
      /** Answered but slower than this = degraded. */
      slowMs: z.int().min(1).max(120_000).default(3000),
    })
    .prefault({}),
  connectivity: z
    .object({
      enabled: z.boolean().default(true),
      /** Reference targets besides the system resolver; the console is online when a quorum answers. */
      referenceHosts: z.array(HostPort).max(10).default(['1.1.1.1:443', '8.8.8.8:443']),
      quorum: z.int().min(1).max(11).default(1),
    })
    .prefault({}),
  flapping: z
    .object({
      /** More than `changes` state changes within `minutes` = flapping. */
      changes: z.int().min(2).max(100).default(4),
      minutes: z.int().min(1).max(1440).default(30),
    })
    .prefault({}),
  alerts: z
    .object({
      enabled: z.boolean().default(true),
      onDegraded: z.boolean().default(true),
      onRecovered: z.boolean().default(true),
      /** Re-notify while still down; 0 = never. */
      renotifyMinutes: z.int().min(0).max(1440).default(30),
      sound: z.boolean().default(false),
    })
    .prefault({}),
  theme: z.enum(['system', 'light', 'dark']).default('system'),
  /** Who acknowledges from this console: asked once, then used by every Acknowledge button and the `a` key. */
  operator: z
    .object({
      name: z.string().trim().max(80, 'The operator name is at most 80 characters.').default(''),
    })
    .prefault({}),
  /** Contact details offered to notice templates. */
  contact: z
    .object({
      team: z.string().max(120).default('Platform operations'),
      email: z.string().max(200).default(''),
      phone: z.string().max(60).default(''),
      statusPage: z.string().max(300).default(''),
    })
    .prefault({}),
  /** IANA zones notices also render times in. */
  audienceZones: z
    .array(
      z
        .string()
        .trim()
        .min(1)
        .max(64)
        .refine(isTimeZone, {
          error: (i) => `Unknown time zone ${String(i.input)}: use an IANA name such as Europe/London`,
        }),
    )
    .max(8)
    .default([]),
  /** Service-level objectives: targets per service group (a monitor may set its own) and the budget period. */
  slo: z
    .object({
      period: z.enum(['month', 'quarter']).default('month'),
      /** Target of groups not listed in `groups`. */
      defaultTarget: z.number().min(0.5).max(0.99999).default(0.99),
      /** What the platform promises: 99% for live streaming and task submissions. */
      groups: z
        .record(z.string().min(1).max(60), z.number().min(0.5, 'At least 50%').max(0.99999, 'At most 99.999%'))
        .default({ 'Live streaming': 0.99, 'Task submissions': 0.99 }),
    })
    .prefault({}),
  /** Prometheus source for remote vantage points (issue 22); its secret is sealed apart. */
  prometheus: PrometheusSettings,
  /** Lookout's own /metrics (OpenMetrics), off unless turned on; loopback only, behind the serve token. */
  metrics: z.object({ enabled: z.boolean().default(false) }).prefault({}),
});
export type Settings = z.output<typeof Settings>;
export type SettingsInput = z.input<typeof Settings>;

/**
 * A partial update: any subset of sections, each section itself partial. Sections are checked
 * only for their names here; the merged document is validated against `Settings` by the core,
 * so an error's path names the exact field (`backup.keep`).
 */
export const SettingsPatch = z.strictObject(
  Object.fromEntries(Object.keys(Settings.shape).map((k) => [k, z.unknown().optional()])) as {
    [K in keyof typeof Settings.shape]: z.ZodOptional<z.ZodUnknown>;
  },
);
export type SettingsPatch = z.output<typeof SettingsPatch>;
