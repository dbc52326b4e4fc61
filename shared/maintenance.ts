import { z } from 'zod';

/**
 * Maintenance windows and peak events: what the operator plans, in the zone it is planned in.
 *
 * Times are declared as a local wall-clock date-time plus an IANA zone, never as a UTC instant,
 * so "every Sunday 02:00 Africa/Johannesburg" stays at 02:00 there whatever DST does elsewhere.
 * The structural checks live here (shared imports only zod); the core adds what needs the
 * recurrence engine (malformed RRULE, no occurrence at all) with the same field paths.
 */

/** How a local time that does not exist, or exists twice, on a DST day is placed. Shown in the UI. */
export const DST_RULE =
  'Times are kept at the declared wall-clock time in the window’s zone. On the day clocks go forward, a time that does not exist moves forward by the size of the jump (02:30 becomes 03:30); on the day clocks go back, a time that happens twice takes the first one (before the clocks change).';

/** `YYYY-MM-DDTHH:mm`, wall-clock time in the window's zone. */
export const LocalDateTime = z
  .string()
  .trim()
  .regex(
    /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T([01]\d|2[0-3]):[0-5]\d$/,
    'Use a date and time like 2026-03-08T02:30',
  )
  .refine(validCalendarDate, 'That date does not exist');
export const LocalDate = z
  .string()
  .trim()
  .regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, 'Use a date like 2026-12-31')
  .refine(validCalendarDate, 'That date does not exist');

/** Same test luxon's IANAZone.isValidZone makes, without importing luxon into shared/. */
export function isValidZoneName(zone: string): boolean {
  if (!zone || zone.length > 64) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone }).format();
    return true;
  } catch {
    return false;
  }
}

export const ZoneName = z.string().trim().min(1, 'Choose a time zone').refine(isValidZoneName, {
  message: 'Unknown time zone: use an IANA name such as Europe/London',
});

export const WEEKDAYS = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] as const;
export const Weekday = z.enum(WEEKDAYS);
export type Weekday = z.infer<typeof Weekday>;

/** The form's recurrence patterns; `custom` takes RRULE text (without DTSTART). */
export const RecurrencePattern = z.discriminatedUnion('freq', [
  z.strictObject({ freq: z.literal('daily'), interval: z.int().min(1).max(365).default(1) }),
  z.strictObject({
    freq: z.literal('weekly'),
    interval: z.int().min(1).max(52).default(1),
    days: z.array(Weekday).min(1, 'Pick at least one day').max(7),
  }),
  z.strictObject({
    freq: z.literal('monthly'),
    interval: z.int().min(1).max(12).default(1),
    /** 1..4 = first..fourth, -1 = last. */
    nth: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4), z.literal(-1)]),
    weekday: Weekday,
  }),
  z.strictObject({
    freq: z.literal('custom'),
    rrule: z
      .string()
      .trim()
      .min(1, 'Enter an RRULE such as FREQ=WEEKLY;BYDAY=SU')
      .max(500)
      .transform((s) => s.replace(/^RRULE:/i, ''))
      .refine((s) => /^FREQ=/i.test(s) || /;FREQ=/i.test(s), 'An RRULE needs FREQ=, e.g. FREQ=WEEKLY;BYDAY=SU')
      .refine(
        (s) => !/(^|;)(UNTIL|COUNT|DTSTART)=/i.test(s),
        'Set the end (until / count) with the fields below, not in the RRULE',
      ),
  }),
]);
export type RecurrencePattern = z.output<typeof RecurrencePattern>;

export const Recurrence = z
  .strictObject({
    pattern: RecurrencePattern,
    /** Last day (inclusive, in the window's zone) an occurrence may start on. */
    until: LocalDate.nullable().default(null),
    count: z.int().min(1, 'At least 1 occurrence').max(10_000).nullable().default(null),
    /** Local start times of occurrences that are skipped. */
    exdates: z.array(LocalDateTime).max(1000).default([]),
  })
  .refine((r) => r.until === null || r.count === null, {
    message: 'Give an end date or a count, not both',
    path: ['count'],
  });
export type Recurrence = z.output<typeof Recurrence>;
export type RecurrenceInput = z.input<typeof Recurrence>;

/** Fields shared by windows and peak events. */
const Scheduled = {
  title: z.string().trim().min(1, 'Give it a title').max(200),
  description: z.string().max(5000).default(''),
  start: LocalDateTime,
  zone: ZoneName,
  durationMin: z
    .int('Duration is a whole number of minutes')
    .min(1, 'Duration must be at least 1 minute')
    .max(14 * 24 * 60, 'At most 14 days'),
  recurrence: Recurrence.nullable().default(null),
};

function untilNotBeforeStart(d: { start: string; recurrence: Recurrence | null }, ctx: z.RefinementCtx): void {
  if (d.recurrence?.until && d.recurrence.until < d.start.slice(0, 10)) {
    ctx.addIssue({
      code: 'custom',
      message: 'The recurrence ends before the first occurrence starts',
      path: ['recurrence', 'until'],
    });
  }
}

export const WindowDraft = z
  .strictObject({
    ...Scheduled,
    monitorIds: z.array(z.int().positive()).max(10_000).default([]),
    groups: z.array(z.string().trim().min(1).max(60)).max(100).default([]),
  })
  .superRefine((d, ctx) => {
    if (d.monitorIds.length === 0 && d.groups.length === 0) {
      ctx.addIssue({
        code: 'custom',
        message: 'Choose at least one affected monitor or service group',
        path: ['monitorIds'],
      });
    }
    untilNotBeforeStart(d, ctx);
  });
export type WindowDraft = z.output<typeof WindowDraft>;
export type WindowDraftInput = z.input<typeof WindowDraft>;

export const WindowId = z.int().positive();
export const MaintenanceWindow = z.object({
  id: WindowId,
  title: z.string(),
  description: z.string(),
  start: z.string(),
  zone: z.string(),
  durationMin: z.int(),
  recurrence: z.custom<Recurrence>().nullable(),
  monitorIds: z.array(z.int()),
  groups: z.array(z.string()),
  /** The RRULE line this window expands (null = one-off), for display and export. */
  rrule: z.string().nullable(),
  createdAt: z.number(),
  updatedAt: z.number(),
});
export type MaintenanceWindow = z.infer<typeof MaintenanceWindow>;

export const PEAK_KINDS = ['live_stream', 'submission_deadline', 'other'] as const;
export const PeakKind = z.enum(PEAK_KINDS);

export const PeakDraft = z
  .strictObject({ ...Scheduled, kind: PeakKind.default('other') })
  .superRefine((d, ctx) => untilNotBeforeStart(d, ctx));
export type PeakDraft = z.output<typeof PeakDraft>;
export type PeakDraftInput = z.input<typeof PeakDraft>;

export const PeakId = z.int().positive();
export const PeakEvent = z.object({
  id: PeakId,
  title: z.string(),
  description: z.string(),
  kind: PeakKind,
  start: z.string(),
  zone: z.string(),
  durationMin: z.int(),
  recurrence: z.custom<Recurrence>().nullable(),
  rrule: z.string().nullable(),
  createdAt: z.number(),
  updatedAt: z.number(),
});
export type PeakEvent = z.infer<typeof PeakEvent>;

export const OCCURRENCE_STATES = ['scheduled', 'in_progress', 'completed', 'cancelled'] as const;
export const OccurrenceState = z.enum(OCCURRENCE_STATES);
export type OccurrenceState = z.infer<typeof OccurrenceState>;

/** One occurrence of a window; `start` (UTC ms of the planned start) identifies it. */
export const Occurrence = z.object({
  windowId: WindowId,
  title: z.string(),
  zone: z.string(),
  start: z.number(),
  /** Effective end: planned end + extensions, or the early end. */
  end: z.number(),
  plannedEnd: z.number(),
  /** Wall-clock start in the window's zone, `YYYY-MM-DDTHH:mm`. */
  localStart: z.string(),
  /** True when the declared local time did not exist that day and was moved forward (DST rule). */
  shifted: z.boolean(),
  state: OccurrenceState,
  extendedMin: z.int(),
  endedEarlyAt: z.number().nullable(),
  monitorIds: z.array(z.int()),
  groups: z.array(z.string()),
});
export type Occurrence = z.infer<typeof Occurrence>;

export const PeakOccurrence = z.object({
  peakId: PeakId,
  title: z.string(),
  kind: PeakKind,
  zone: z.string(),
  start: z.number(),
  end: z.number(),
  localStart: z.string(),
  shifted: z.boolean(),
});
export type PeakOccurrence = z.infer<typeof PeakOccurrence>;

export const Interval = z.object({ start: z.number(), end: z.number() });
export type Interval = z.infer<typeof Interval>;

export const Conflict = z.object({
  kind: z.enum(['peak', 'window']),
  otherId: z.int(),
  otherTitle: z.string(),
  /** The overlap, UTC ms. */
  start: z.number(),
  end: z.number(),
  /** Shared monitors / groups for window conflicts (empty for peaks, which concern everything). */
  shared: z.array(z.string()),
});
export type Conflict = z.infer<typeof Conflict>;

export const IcsImportError = z.object({ line: z.int(), message: z.string() });
export type IcsImportError = z.infer<typeof IcsImportError>;

/** Range for occurrence queries: bounded so a typo cannot expand a century. */
export const OccurrenceRange = z
  .strictObject({
    from: z.number().int(),
    to: z.number().int(),
    monitorId: z.int().positive().optional(),
  })
  .refine((q) => q.to > q.from, { message: '`to` must be after `from`', path: ['to'] })
  .refine((q) => q.to - q.from <= 3 * 366 * 86_400_000, { message: 'At most 3 years at a time', path: ['to'] });

function validCalendarDate(s: string): boolean {
  const y = Number(s.slice(0, 4));
  const m = Number(s.slice(5, 7));
  const d = Number(s.slice(8, 10));
  const dt = new Date(Date.UTC(y, m - 1, d));
  return dt.getUTCFullYear() === y && dt.getUTCMonth() === m - 1 && dt.getUTCDate() === d;
}

// — Api inputs and outputs (entries in shared/api.ts) —

export const WindowSave = z.strictObject({
  window: WindowDraft,
  /** Save although `windows.conflicts` reports overlaps (the operator saw them). */
  acknowledgeConflicts: z.boolean().default(false),
});
export const WindowUpdate = z.strictObject({
  id: WindowId,
  window: WindowDraft,
  acknowledgeConflicts: z.boolean().default(false),
});
export const OccurrenceRef = z.strictObject({ id: WindowId, start: z.number().int() });
export const ExtendInput = z.strictObject({
  id: WindowId,
  start: z.number().int(),
  minutes: z
    .int()
    .min(1, 'At least 1 minute')
    .max(24 * 60, 'At most 24 hours at a time'),
});
export const ConflictsQuery = z.strictObject({
  window: WindowDraft,
  /** The window being edited (left out of the comparison). */
  id: WindowId.optional(),
  months: z.int().min(1).max(24).default(6),
});
export const ConflictsResult = z.object({ conflicts: z.array(Conflict), months: z.int() });

/** Schedule fields only: the form previews before monitors are chosen. */
export const SchedulePreviewQuery = z
  .strictObject({
    start: LocalDateTime,
    zone: ZoneName,
    durationMin: Scheduled.durationMin,
    recurrence: Recurrence.nullable().default(null),
    count: z.int().min(1).max(50).default(5),
  })
  .superRefine((d, ctx) => untilNotBeforeStart(d, ctx));
export const SchedulePreview = z.object({
  occurrences: z.array(z.object({ start: z.number(), end: z.number(), localStart: z.string(), shifted: z.boolean() })),
  rrule: z.string().nullable(),
  dstRule: z.string(),
});

export const OccurrencesResult = z.object({ windows: z.array(Occurrence), peaks: z.array(PeakOccurrence) });
export const PeakSave = z.strictObject({ peak: PeakDraft });
export const PeakUpdate = z.strictObject({ id: PeakId, peak: PeakDraft });
export const ExportIcsInput = z.strictObject({ windowId: WindowId.optional() }).default({});
export const IcsFile = z.object({ filename: z.string(), text: z.string() });
export const ImportIcsInput = z.strictObject({
  text: z.string().min(1, 'The file is empty').max(2_000_000, 'At most 2 MB'),
  /** Targets for events that name none (files from other calendars). */
  monitorIds: z.array(z.int().positive()).max(10_000).default([]),
  groups: z.array(z.string().trim().min(1).max(60)).max(100).default([]),
});
/** Nothing is imported unless every event can be: `errors` non-empty means `windows` is empty. */
export const ImportIcsResult = z.object({ windows: z.array(MaintenanceWindow), errors: z.array(IcsImportError) });
export const IntervalsQuery = z
  .strictObject({ monitorId: z.int().positive(), from: z.number().int(), to: z.number().int() })
  .refine((q) => q.to > q.from, { message: '`to` must be after `from`', path: ['to'] });
export const IntervalsResult = z.object({
  maintenance: z.array(Interval),
  peaks: z.array(Interval),
  /** Minutes of [from, to) inside maintenance (merged: overlapping windows count once). */
  maintenanceMinutes: z.number(),
});
export const NextQuery = z.strictObject({ monitorId: z.int().positive().optional() }).default({});

export const MaintenanceEvent = z.object({
  reason: z.enum(['window', 'peak', 'occurrence', 'import']),
  windowId: z.int().optional(),
  peakId: z.int().optional(),
  start: z.number().optional(),
  state: OccurrenceState.optional(),
});
