import { z } from 'zod';

/**
 * Notification drafts: templates per lifecycle step, the contexts they render from, and saved drafts.
 *
 * Template model: ONE template per lifecycle step, with one Liquid text per channel part
 * (`subject` + `body` for email, `sms`, `banner`, `chat`). A save versions all parts together, so a
 * draft remembers one version number and every channel of a notice tells the same story.
 */

export const MAINTENANCE_STEPS = ['announce', 'reminder', 'started', 'extended', 'completed', 'cancelled'] as const;
export const INCIDENT_STEPS = ['investigating', 'identified', 'monitoring', 'resolved'] as const;
export const TemplateStep = z.enum([...MAINTENANCE_STEPS, ...INCIDENT_STEPS]);
export type TemplateStep = z.infer<typeof TemplateStep>;

export type SourceKind = 'window' | 'incident';
export function stepKind(step: TemplateStep): SourceKind {
  return (MAINTENANCE_STEPS as readonly string[]).includes(step) ? 'window' : 'incident';
}

export const CHANNELS = ['email', 'sms', 'banner', 'chat'] as const;
export const Channel = z.enum(CHANNELS);
export type Channel = z.infer<typeof Channel>;

export const TEMPLATE_PARTS = ['subject', 'body', 'sms', 'banner', 'chat'] as const;
export const TemplatePart = z.enum(TEMPLATE_PARTS);
export type TemplatePart = z.infer<typeof TemplatePart>;

/** Which parts make up each channel. */
export const CHANNEL_PARTS: Record<Channel, readonly TemplatePart[]> = {
  email: ['subject', 'body'],
  sms: ['sms'],
  banner: ['banner'],
  chat: ['chat'],
};

const PartText = z.string().max(20_000, 'At most 20,000 characters');
export const TemplateParts = z.strictObject({
  subject: PartText,
  body: PartText,
  sms: PartText,
  banner: PartText,
  chat: PartText,
});
export type TemplateParts = z.infer<typeof TemplateParts>;

/** Rendered (or hand-edited) text of every part. */
export const DraftContent = TemplateParts;
export type DraftContent = TemplateParts;

export const Template = z.object({
  step: TemplateStep,
  kind: z.enum(['window', 'incident']),
  /** 0 = the shipped default, never saved; every save (or reset) adds 1. */
  version: z.int().nonnegative(),
  parts: TemplateParts,
  /** The parts equal the shipped default. */
  isDefault: z.boolean(),
  updatedAt: z.number().nullable(),
});
export type Template = z.infer<typeof Template>;

export const TemplateVersionInfo = z.object({
  version: z.int().nonnegative(),
  createdAt: z.number().nullable(),
  isDefault: z.boolean(),
});
export const TemplateDetail = Template.extend({ versions: z.array(TemplateVersionInfo) });
export type TemplateDetail = z.infer<typeof TemplateDetail>;

/** Where a draft's facts come from. Resolved by the caller's lookups (windows, incidents). */
export const DraftSource = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('window'),
    windowId: z.int().positive(),
    /** One occurrence of a recurring window (ms); absent = the next / only one. */
    occurrenceStart: z.number().optional(),
  }),
  z.strictObject({ kind: z.literal('incident'), incidentId: z.int().positive() }),
]);
export type DraftSource = z.infer<typeof DraftSource>;

export const WindowContext = z.object({
  title: z.string(),
  description: z.string(),
  /** ms since epoch. */
  start: z.number(),
  end: z.number(),
  durationMin: z.number(),
  /** IANA zone the window was planned in. */
  zone: z.string(),
  /** "every Saturday at 02:00" or "" for a one-off window. */
  recurrenceText: z.string(),
  services: z.array(z.string()),
  monitors: z.array(z.string()),
});
export type WindowContext = z.infer<typeof WindowContext>;

export const IncidentContext = z.object({
  /** Monitor name. */
  monitor: z.string(),
  services: z.array(z.string()),
  start: z.number(),
  /** So far, or in total once resolved. */
  durationMs: z.number(),
  firstError: z.string(),
  lastError: z.string(),
  /** Current uptime % of the monitor (e.g. over 24 h), or null when unknown. */
  uptime: z.number().nullable(),
  /** The monitor's state, e.g. down, degraded, up. */
  state: z.string(),
});
export type IncidentContext = z.infer<typeof IncidentContext>;

export const SourceContext = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('window'), window: WindowContext }),
  z.object({ kind: z.literal('incident'), incident: IncidentContext }),
]);
export type SourceContext = z.infer<typeof SourceContext>;

/** Template problems carry where (part, line, column) and what (the variable or filter name). */
export const TemplateIssue = z.object({
  part: TemplatePart,
  kind: z.enum(['unknown_variable', 'unknown_filter', 'syntax', 'render']),
  line: z.int(),
  column: z.int(),
  name: z.string(),
  message: z.string(),
});
export type TemplateIssue = z.infer<typeof TemplateIssue>;

export const ChannelLimits = z.object({
  email: z.object({ subjectLength: z.int(), subjectMax: z.int(), subjectTooLong: z.boolean(), bodyLength: z.int() }),
  sms: z.object({
    encoding: z.enum(['GSM-7', 'UCS-2']),
    segments: z.int(),
    /** Septets (GSM-7, extension characters count 2) or UTF-16 code units (UCS-2). */
    units: z.int(),
    /** 160 / 153 for GSM-7, 70 / 67 for UCS-2. */
    perSegment: z.int(),
    /** The distinct characters that force UCS-2. */
    ucs2Chars: z.array(z.string()),
  }),
  banner: z.object({ length: z.int(), max: z.int(), tooLong: z.boolean() }),
  chat: z.object({ length: z.int() }),
});
export type ChannelLimits = z.infer<typeof ChannelLimits>;

export const AudienceZones = z.array(z.string().min(1).max(64)).max(8);

export const PreviewInput = z.strictObject({
  step: TemplateStep,
  /** Absent: sample facts (editing a template with no window or incident at hand). */
  source: DraftSource.optional(),
  /** Unsaved template text; parts not given come from the current template. */
  parts: TemplateParts.partial().optional(),
  /** Render only this channel's parts (live typing); all parts when absent. */
  channel: Channel.optional(),
  /** Defaults to the audience zones in settings. */
  audienceZones: AudienceZones.optional(),
});

export const PreviewResult = z.object({
  /** Parts that rendered; a part with an error is absent, so the UI keeps its last good text. */
  rendered: TemplateParts.partial(),
  limits: ChannelLimits,
  issues: z.array(TemplateIssue),
});
export type PreviewResult = z.infer<typeof PreviewResult>;

export const Draft = z.object({
  id: z.int().positive(),
  source: DraftSource,
  step: TemplateStep,
  templateVersion: z.int().nonnegative(),
  context: SourceContext,
  audienceZones: z.array(z.string()),
  content: DraftContent,
  /** Changed by hand since it was rendered. */
  edited: z.boolean(),
  /** The window moved (or the incident changed) since rendering; re-render to refresh. */
  outdated: z.boolean(),
  /** The window or incident no longer exists; the snapshot is all there is. */
  sourceMissing: z.boolean(),
  limits: ChannelLimits,
  createdAt: z.number(),
  updatedAt: z.number(),
});
export type Draft = z.infer<typeof Draft>;

export const ExportFormat = z.enum(['eml', 'txt', 'md']);
export type ExportFormat = z.infer<typeof ExportFormat>;

export const ExportedFile = z.object({ filename: z.string(), mimeType: z.string(), content: z.string() });
export type ExportedFile = z.infer<typeof ExportedFile>;

export const VariableDoc = z.object({
  path: z.string(),
  type: z.enum(['text', 'time', 'number', 'list', 'duration']),
  description: z.string(),
  example: z.string(),
  kinds: z.array(z.enum(['window', 'incident'])),
});
export type VariableDoc = z.infer<typeof VariableDoc>;

export const FilterDoc = z.object({
  name: z.string(),
  usage: z.string(),
  description: z.string(),
  example: z.string(),
});
export type FilterDoc = z.infer<typeof FilterDoc>;

export const VariablesReference = z.object({ variables: z.array(VariableDoc), filters: z.array(FilterDoc) });
export type VariablesReference = z.infer<typeof VariablesReference>;
