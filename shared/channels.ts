import { z } from 'zod';
import { RecipientOutcome } from './alerts';
import { HostName, isIpv4, isIpv6, Port } from './probes/host';

/**
 * Alert channels (where alerts leave the machine) and alert rules (which alerts go where).
 * The core seals every field listed in CHANNEL_SECRETS before storing and masks it to the renderer;
 * the workspace file uses these same schemas.
 */

export const CHANNEL_KINDS = [
  'email',
  'webhook',
  'slack',
  'teams',
  'discord',
  'mattermost',
  'ntfy',
  'gotify',
  'sms',
] as const;
export const ChannelKind = z.enum(CHANNEL_KINDS);
export type ChannelKind = z.infer<typeof ChannelKind>;

/** Shown for a secret outside the core; sent back it means "keep the stored value". */
export const CHANNEL_SECRET_MASK = '••••••••';

/** 169.254.0.0/16 and fe80::/10, where cloud metadata lives: never a channel's target. */
export function isLinkLocalAddress(host: string): boolean {
  const h = host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
  if (isIpv4(h)) return h.startsWith('169.254.');
  if (isIpv6(h)) return /^fe[89ab][0-9a-f]?:/i.test(h) || /^::ffff:169\.254\./i.test(h);
  return false;
}

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

export const TimeZone = z
  .string()
  .trim()
  .min(1)
  .max(64)
  .refine(isTimeZone, { error: (i) => `Unknown time zone ${String(i.input)}: use an IANA name such as Europe/London` });

/** An http(s) URL that does not point at a link-local address; a masked value passes (the stored one is kept). */
export const ChannelUrl = z
  .string()
  .trim()
  .min(1, 'Enter a URL')
  .max(2000)
  .superRefine((s, ctx) => {
    if (s === CHANNEL_SECRET_MASK) return;
    let u: URL;
    try {
      u = new URL(s);
    } catch {
      ctx.addIssue({ code: 'custom', message: `Not a URL: "${s.slice(0, 60)}" (e.g. https://hooks.example.com/…)` });
      return;
    }
    if (u.protocol !== 'http:' && u.protocol !== 'https:')
      ctx.addIssue({ code: 'custom', message: `Only http and https URLs are allowed, not ${u.protocol}` });
    else if (isLinkLocalAddress(u.hostname))
      ctx.addIssue({
        code: 'custom',
        message: `${u.hostname} is a link-local address (cloud metadata); channels may not send there`,
      });
  });

const Email = z
  .string()
  .trim()
  .min(3)
  .max(254)
  .regex(/^[^\s@<>]+@[^\s@<>]+$/, 'Not an email address (name@example.com)');
const Phone = z
  .string()
  .trim()
  .regex(/^\+?[0-9 ()-]{5,20}$/, 'Not a phone number (+44 20 7946 0000)');
const Secret = z.string().max(4000);
const Hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Use HH:MM, e.g. 22:00');

export const EmailConfig = z.strictObject({
  host: HostName.refine((h) => !isLinkLocalAddress(h), 'A link-local address (cloud metadata) is not an SMTP server'),
  port: Port.default(587),
  /** starttls: plain connect then STARTTLS (required); tls: implicit TLS (465); none: loopback and test servers only. */
  security: z.enum(['starttls', 'tls', 'none']).default('starttls'),
  /** PEM certificates of an internal authority, added to the system roots. */
  ca: z.string().max(100_000).default(''),
  username: z.string().max(320).default(''),
  password: Secret.default(''),
  from: Email,
  to: z.array(Email).min(1, 'At least one recipient').max(50),
});

export const WebhookConfig = z.strictObject({
  url: ChannelUrl,
  /** HMAC-SHA256 key; the signature goes in X-Lookout-Signature: sha256=<hex> over `<timestamp>.<body>`. */
  signingSecret: Secret.default(''),
  /** Liquid template of the body; empty = the documented JSON payload. */
  template: z.string().max(20_000).default(''),
  contentType: z.string().max(100).default('application/json'),
});

/** Slack, Teams, Discord and Mattermost incoming webhooks: the URL carries the credential. */
export const ChatConfig = z.strictObject({ url: ChannelUrl });

export const NtfyConfig = z.strictObject({
  server: ChannelUrl.default('https://ntfy.sh'),
  topic: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9_-]{1,64}$/, 'Topic: letters, digits, - and _ (up to 64)'),
  token: Secret.default(''),
});

export const GotifyConfig = z.strictObject({
  server: ChannelUrl,
  token: Secret.min(1, 'Enter the application token'),
  priority: z.int().min(0).max(10).default(8),
});

export const SmsConfig = z.strictObject({
  /** twilio: form POST To/From/Body with basic auth; template: a generic gateway, body rendered from `template`. */
  mode: z.enum(['twilio', 'template']).default('twilio'),
  url: ChannelUrl,
  accountSid: z.string().max(100).default(''),
  authToken: Secret.default(''),
  from: z.string().max(40).default(''),
  to: z.array(Phone).min(1, 'At least one phone number').max(20),
  /** Generic gateway body (Liquid: {{ to }}, {{ text }}, {{ from }}). */
  template: z.string().max(4000).default(''),
  contentType: z.string().max(100).default('application/json'),
});

export const QuietHours = z.strictObject({
  start: Hhmm,
  end: Hhmm,
  /** Down alerts are still sent inside quiet hours. */
  downBypasses: z.boolean().default(true),
});
export type QuietHours = z.infer<typeof QuietHours>;

const common = {
  name: z.string().trim().min(1, 'Name the channel').max(80),
  enabled: z.boolean().default(true),
  /** Zone of times in messages and of quiet hours. */
  zone: TimeZone.default('UTC'),
  quietHours: QuietHours.nullable().default(null),
};

export const ChannelDraft = z.discriminatedUnion('kind', [
  z.strictObject({ ...common, kind: z.literal('email'), config: EmailConfig }),
  z.strictObject({ ...common, kind: z.literal('webhook'), config: WebhookConfig }),
  z.strictObject({ ...common, kind: z.literal('slack'), config: ChatConfig }),
  z.strictObject({ ...common, kind: z.literal('teams'), config: ChatConfig }),
  z.strictObject({ ...common, kind: z.literal('discord'), config: ChatConfig }),
  z.strictObject({ ...common, kind: z.literal('mattermost'), config: ChatConfig }),
  z.strictObject({ ...common, kind: z.literal('ntfy'), config: NtfyConfig }),
  z.strictObject({ ...common, kind: z.literal('gotify'), config: GotifyConfig }),
  z.strictObject({ ...common, kind: z.literal('sms'), config: SmsConfig }),
]);
export type ChannelDraft = z.output<typeof ChannelDraft>;
export type ChannelDraftInput = z.input<typeof ChannelDraft>;

export const ChannelId = z.int().positive();

export const AlertChannel = z.intersection(
  ChannelDraft,
  z.object({ id: ChannelId, createdAt: z.number(), updatedAt: z.number() }),
);
export type AlertChannel = ChannelDraft & { id: number; createdAt: number; updatedAt: number };

/** Secret fields per kind: sealed at rest, masked outside the core. */
export const CHANNEL_SECRETS: Record<ChannelKind, readonly string[]> = {
  email: ['password'],
  webhook: ['url', 'signingSecret'],
  slack: ['url'],
  teams: ['url'],
  discord: ['url'],
  mattermost: ['url'],
  ntfy: ['token'],
  gotify: ['token'],
  sms: ['authToken'],
};

// — rules —

/** Every alert kind a channel can be sent; state ones come from the monitor pipeline (shared/alerts.ts). */
export const ROUTED_KINDS = [
  'down',
  'degraded',
  'recovered',
  'still_down',
  'flapping',
  'flapping_ended',
  'cert_expiring',
  'maintenance_started',
  'maintenance_ended',
  'error_rate',
  'latency',
  /** Regression after a deploy (issue 23). */
  'deploy_regression',
] as const;
export const RoutedKind = z.enum(ROUTED_KINDS);
export type RoutedKind = z.infer<typeof RoutedKind>;

/** Empty lists mean "every monitor". */
export const RuleScope = z.strictObject({
  groups: z.array(z.string().trim().min(1).max(60)).max(50).default([]),
  monitorIds: z.array(z.int().positive()).max(10_000).default([]),
});
export type RuleScope = z.infer<typeof RuleScope>;

export const Route = z.strictObject({
  name: z.string().trim().min(1).max(80),
  scope: RuleScope.prefault({}),
  kinds: z.array(RoutedKind).min(1, 'Choose at least one kind of alert').default(['down', 'recovered', 'still_down']),
  channelIds: z.array(ChannelId).min(1, 'Choose at least one channel').max(20),
  /** Not acknowledged within `afterMinutes` → the next tier's channels are told; acknowledging stops it. */
  escalation: z
    .array(z.strictObject({ afterMinutes: z.int().min(1).max(1440), channelIds: z.array(ChannelId).min(1).max(20) }))
    .max(5)
    .default([]),
});
export type Route = z.infer<typeof Route>;

export const RateRule = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('error_rate'),
    name: z.string().trim().min(1).max(80),
    scope: RuleScope.prefault({}),
    /** More than this % of probes failed … */
    percent: z.number().gt(0).max(100),
    /** … over the last `windowMinutes`. */
    windowMinutes: z.int().min(1).max(1440),
    /** Too few probes say nothing. */
    minProbes: z.int().min(1).max(100_000).default(5),
    /** Each monitor on its own, or each service group's probes together. */
    per: z.enum(['monitor', 'group']).default('monitor'),
  }),
  z.strictObject({
    kind: z.literal('latency'),
    name: z.string().trim().min(1).max(80),
    scope: RuleScope.prefault({}),
    /** p95 latency above this … */
    p95Ms: z.int().min(1).max(600_000).default(3000),
    /** … for this many minutes in a row. */
    forMinutes: z.int().min(1).max(1440),
  }),
]);
export type RateRule = z.infer<typeof RateRule>;

export const AlertRules = z.strictObject({
  routes: z.array(Route).max(200).default([]),
  rates: z.array(RateRule).max(200).default([]),
  /** Storm control: more than `downs` monitors down within a minute → one grouped message per channel. */
  storm: z.strictObject({ downs: z.int().min(1).max(10_000).default(3) }).prefault({}),
  /** Bounded retries with backoff; a channel failing `bannerAfter` times in a row raises one banner. */
  delivery: z
    .strictObject({
      attempts: z.int().min(1).max(20).default(6),
      backoffMs: z.int().min(100).max(600_000).default(2000),
      timeoutMs: z.int().min(500).max(120_000).default(15_000),
      bannerAfter: z.int().min(1).max(20).default(3),
    })
    .prefault({}),
});
export type AlertRules = z.output<typeof AlertRules>;
export type AlertRulesInput = z.input<typeof AlertRules>;

// — outbox and log —

export const DeliveryStatus = z.enum(['pending', 'sending', 'delivered', 'failed', 'suppressed']);
export type DeliveryStatus = z.infer<typeof DeliveryStatus>;

/** One attempt to hand one message to one channel. */
export const DeliveryAttempt = z.object({
  at: z.number(),
  ok: z.boolean(),
  ms: z.number(),
  /** The server's answer ("250 2.0.0 queued as 1A2B", "HTTP 200 ok") or the exact error. */
  answer: z.string(),
  code: z.string().nullable(),
});
export type DeliveryAttempt = z.infer<typeof DeliveryAttempt>;

export const OutboxEntry = z.object({
  id: z.int(),
  channelId: z.int(),
  channelName: z.string(),
  /** `console`: the alert as this console showed it (channel 0), so the log has every alert. */
  channelKind: z.union([ChannelKind, z.literal('console')]),
  kind: z.string(),
  monitorId: z.int().nullable(),
  monitorName: z.string().nullable(),
  incidentId: z.int().nullable(),
  /** The incident as it is now: who acknowledged it, and whether it is still open. */
  acknowledgedBy: z.string().nullable(),
  incidentOpen: z.boolean(),
  title: z.string(),
  body: z.string(),
  status: DeliveryStatus,
  /** Why a message was not sent (quiet hours) or why it failed. */
  reason: z.string().nullable(),
  createdAt: z.number(),
  deliveredAt: z.number().nullable(),
  attempts: z.array(DeliveryAttempt),
  /** Per recipient, for channels that send to each one apart (SMS); absent where one send reaches all. */
  recipients: z.array(RecipientOutcome).optional(),
});
export type OutboxEntry = z.infer<typeof OutboxEntry>;

export const AlertLogQuery = z.strictObject({
  monitorId: z.int().positive().optional(),
  /** 0 = what this console showed itself. */
  channelId: z.int().nonnegative().optional(),
  failedOnly: z.boolean().default(false),
  limit: z.int().min(1).max(500).default(100),
  /** Entries older than this id (paging). */
  before: z.int().positive().optional(),
});
export type AlertLogQuery = z.infer<typeof AlertLogQuery>;

/** "Email to on-call failed 3 times: 535 authentication failed"; cleared (`failing: false`) by the next success. */
export const ChannelProblem = z.object({
  channelId: z.int(),
  channelName: z.string(),
  failing: z.boolean(),
  failures: z.int(),
  error: z.string().nullable(),
  at: z.number(),
});
export type ChannelProblem = z.infer<typeof ChannelProblem>;

export const ChannelTestResult = z.object({
  ok: z.boolean(),
  answer: z.string(),
  code: z.string().nullable(),
  ms: z.number(),
});
export type ChannelTestResult = z.infer<typeof ChannelTestResult>;

/** Test a saved channel (`id`), or the form's unsaved channel (`channel`; with `id`, masked secrets keep the stored ones). */
export const ChannelTestInput = z
  .strictObject({ id: ChannelId.optional(), channel: ChannelDraft.optional() })
  .refine((i) => i.id !== undefined || i.channel !== undefined, {
    message: 'Give the channel id or the channel to test',
    path: ['id'],
  });
export type ChannelTestInput = z.infer<typeof ChannelTestInput>;

export const ChannelsEvent = z.object({
  reason: z.enum(['created', 'updated', 'deleted', 'rules']),
  id: z.int().optional(),
});

// — a notice draft sent through a channel, on purpose —

export const NoticeTarget = z.strictObject({ id: z.int().positive(), channelId: ChannelId });

/** What exactly would be sent: shown for confirmation; `confirm` must come back with drafts.send. */
export const NoticePreview = z.object({
  draftId: z.int(),
  channelId: z.int(),
  channelName: z.string(),
  channelKind: ChannelKind,
  /** Email addresses, phone numbers, or the host a webhook / chat message goes to. */
  recipients: z.array(z.string()),
  subject: z.string(),
  text: z.string(),
  confirm: z.string(),
});
export type NoticePreview = z.infer<typeof NoticePreview>;

export const NoticeSendInput = NoticeTarget.extend({
  confirm: z.string().min(1, 'Confirm the recipients and the text first (drafts.sendPreview)'),
});

/** A sent copy, kept with the draft: what went where, and what the server said. */
export const NoticeSend = z.object({
  id: z.int(),
  draftId: z.int(),
  at: z.number(),
  channelId: z.int(),
  channelName: z.string(),
  channelKind: ChannelKind,
  recipients: z.array(z.string()),
  subject: z.string(),
  text: z.string(),
  ok: z.boolean(),
  answer: z.string(),
});
export type NoticeSend = z.infer<typeof NoticeSend>;
