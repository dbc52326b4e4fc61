import { z } from 'zod';
import {
  AudienceZones,
  Channel,
  Draft,
  DraftContent,
  DraftSource,
  ExportedFile,
  ExportFormat,
  PreviewInput,
  PreviewResult,
  SourceContext,
  Template,
  TemplateDetail,
  TemplateParts,
  TemplateStep,
  VariablesReference,
} from './drafts';
import { DemoFaultInput, DemoFaults } from './demo';
import { BackupFile, DataStatus, DatabaseSwitched, FilePath, StorageProblem } from './data';
import { Dashboard, DashboardQuery, SloQuery, SloReport } from './dashboard';
import { Accounting, DegradedQuery, DegradedStretch, UptimeQuery } from './accounting';
import {
  HistoryExportInput,
  HistoryExportResult,
  ReportExportInput,
  ReportFile,
  ReportProgress,
  ReportQuery,
  ServiceReport,
} from './report';
import { Monitor, MonitorDraft, MonitorId } from './monitor';
import { ProbeResult, Series } from './result';
import { Settings, SettingsPatch } from './settings';
import { Alert, ConnectivityStatus, PowerEvent, Snooze, SnoozeInput } from './alerts';
import {
  Gap,
  GapsQuery,
  Incident,
  IncidentAck,
  IncidentEvent,
  IncidentNoteInput,
  IncidentPage,
  IncidentRef,
  IncidentsQuery,
} from './incidents';
import { MonitorState } from './state';
import { WorkspaceApplied, WorkspaceApplyInput, WorkspaceExport, WorkspaceInput, WorkspacePlan } from './workspace';
import {
  AlertChannel,
  AlertLogQuery,
  AlertRules,
  ChannelDraft,
  ChannelId,
  ChannelProblem,
  ChannelsEvent,
  ChannelTestInput,
  ChannelTestResult,
  NoticePreview,
  NoticeSend,
  NoticeSendInput,
  NoticeTarget,
  OutboxEntry,
} from './channels';
import { RotatedToken, ShellInfo, StartAtLoginInput } from './shell';
import { VantageSecretInput, VantageSeries, VantageSeriesQuery, VantageStatus } from './vantage';
import {
  LoadCheck,
  LoadCheckDraft,
  LoadCheckId,
  LoadLimits,
  LoadLimitsInput,
  LoadPlan,
  LoadProgress,
  LoadReminder,
  LoadRun,
  LoadRunId,
  LoadSpan,
  LoadSpansQuery,
  LoadStartInput,
} from './loadcheck';
import {
  Deploy,
  DeployCompareInput,
  DeployComparison,
  DeployInput,
  DeploysQuery,
  Detector,
  DetectorInput,
} from './deploys';
import {
  ConflictsQuery,
  ConflictsResult,
  ExportIcsInput,
  ExtendInput,
  IcsFile,
  ImportIcsInput,
  ImportIcsResult,
  IntervalsQuery,
  IntervalsResult,
  MaintenanceEvent,
  MaintenanceWindow,
  NextQuery,
  Occurrence,
  OccurrenceRange,
  OccurrenceRef,
  OccurrencesResult,
  PeakEvent,
  PeakSave,
  PeakUpdate,
  SchedulePreview,
  SchedulePreviewQuery,
  WindowId,
  WindowSave,
  WindowUpdate,
} from './maintenance';

/**
 * The Api contract: the one place a method or an event is declared.
 * Both transports (Electron IPC and the serve WebSocket) and the renderer's client are derived
 * from these two tables; the core's service `satisfies Service`.
 *
 * `mutates: true` marks a method that changes the open database (or starts something that does,
 * like a load check's plan): the dispatcher refuses it in review mode, once, before the core.
 */

const NoInput = z.strictObject({}).default({});

/** Chart ranges are bounded so a typo cannot ask for a million buckets or a century of data. */
const SeriesQuery = z
  .strictObject({
    monitorId: MonitorId,
    from: z.number().int().nonnegative(),
    to: z.number().int().positive(),
    maxPoints: z.int().min(1).max(2000).default(1000),
    /** Also estimate p50 / p95 / p99 per point from the rollup histograms (a few times slower). */
    percentiles: z.boolean().default(false),
  })
  .refine((q) => q.to > q.from, { message: '`to` must be after `from`', path: ['to'] });

export const AppInfo = z.object({
  version: z.string(),
  mode: z.enum(['electron', 'serve']),
  dbPath: z.string(),
  readOnly: z.boolean(),
  /** True until the operator has created a monitor or declined the demo. */
  firstRun: z.boolean(),
  demo: z.boolean(),
});
export type AppInfo = z.infer<typeof AppInfo>;

export const methods = {
  'app.info': { input: NoInput, output: AppInfo },
  /** What the shell can do here: secrets protection (and why), start at login, serve token. */
  'shell.info': { input: NoInput, output: ShellInfo },
  'shell.setStartAtLogin': { input: StartAtLoginInput, output: ShellInfo },
  /** Serve mode: a new access token for this database; tabs holding the old one must reopen the new URL. */
  'shell.rotateToken': { input: NoInput, output: RotatedToken },
  /** Loads the demo workspace (monitors probing the demo platform started on loopback). */
  'demo.load': { mutates: true, input: NoInput, output: z.object({ monitors: z.int() }) },
  /** Records that the operator declined the demo, so it is not offered again. */
  'demo.decline': { mutates: true, input: NoInput, output: z.object({ ok: z.literal(true) }) },
  /** The demo platform's named faults now on (stall the stream, fail submissions…). */
  'demo.faults': { input: NoInput, output: DemoFaults },
  /** Turns one named fault of the demo platform on or off, or clears them all; `not_found` when it is not running. */
  'demo.fault': { input: DemoFaultInput, output: DemoFaults },
  'monitors.list': { input: NoInput, output: z.array(Monitor) },
  'monitors.create': { mutates: true, input: MonitorDraft, output: Monitor },
  'monitors.update': {
    mutates: true,
    input: z.strictObject({ id: MonitorId, monitor: MonitorDraft }),
    output: Monitor,
  },
  'monitors.delete': { mutates: true, input: z.strictObject({ id: MonitorId }), output: z.object({ id: MonitorId }) },
  /** Latest result of each monitor (or of the given ones). */
  'results.latest': {
    input: z.strictObject({ monitorIds: z.array(MonitorId).max(10_000).optional() }).default({}),
    output: z.array(ProbeResult),
  },
  /** Newest results of one monitor, newest first. */
  'results.recent': {
    input: z.strictObject({ monitorId: MonitorId, limit: z.int().min(1).max(1000).default(50) }),
    output: z.array(ProbeResult),
  },
  'series.get': { input: SeriesQuery, output: Series },
  // — settings —
  'settings.get': { input: NoInput, output: Settings },
  /** Section-wise merge; the merged whole is validated (field paths in the error). */
  'settings.update': { mutates: true, input: SettingsPatch, output: Settings },
  // — dashboard —
  /** Every monitor at once: latest result, 24 h / 7 d / 30 d uptime, 60-point 24 h status strip, SLO target. */
  'dashboard.get': { input: DashboardQuery.default({ includeMaintenance: false }), output: Dashboard },
  /** SLO of one monitor or one service group: target, error budget for the period, burn rate over 1 h and 6 h. */
  'slo.get': { input: SloQuery, output: SloReport },
  /** Uptime of a monitor or group over a past range (the range is cut at now): the same accounting as every other figure. */
  'uptime.get': { input: UptimeQuery, output: Accounting },
  /** Runs of confirmed degraded state overlapping a range, newest first (listed with incidents). */
  'degraded.list': { input: DegradedQuery, output: z.array(DegradedStretch) },
  /** The service report's data object for a month, quarter or custom range in a zone; a future range is refused. */
  'report.get': { input: ReportQuery, output: ServiceReport },
  /** The same report as a self-contained HTML file, CSV (one row per monitor per day) or PDF (base64). */
  'report.export': { input: ReportExportInput, output: ReportFile },
  /** One monitor's raw results as CSV, or everything in a range as JSON, streamed to a file. */
  'history.export': { input: HistoryExportInput, output: HistoryExportResult },
  // — data —
  /** Database path, size, results, last backup, write problems, and why it could not be opened (if so). */
  'data.status': { input: NoInput, output: DataStatus },
  /** Online backup while probes keep writing: to `path` (a new file), or into the backup folder. */
  'data.backup': { input: z.strictObject({ path: FilePath.optional() }).default({}), output: BackupFile },
  'data.backups.list': { input: NoInput, output: z.object({ dir: z.string(), backups: z.array(BackupFile) }) },
  /** Validates the file, keeps the current database aside (`.before-restore-…`) and switches to it. */
  'data.restore': {
    input: z.strictObject({ path: FilePath }),
    output: z.object({ restoredFrom: z.string(), keptAside: z.string().nullable() }),
  },
  /** Reopens the console read-only on another Lookout database; nothing is probed or written. */
  'data.review': {
    input: z.strictObject({ path: FilePath }),
    output: z.object({ path: z.string(), readOnly: z.boolean() }),
  },
  /** Back from review to the console's own database. */
  'data.reviewEnd': { input: NoInput, output: z.object({ path: z.string(), readOnly: z.boolean() }) },
  /** After a database could not be opened (it was copied aside): start with an empty one. */
  'data.startFresh': { input: NoInput, output: z.object({ path: z.string(), setAside: z.array(z.string()) }) },
  // — incidents —
  /** Confirmed state of every monitor (up / degraded / down / unknown / paused, flapping, pending failures). */
  'state.list': { input: NoInput, output: z.array(MonitorState) },
  /** Open incidents first, then the most recent; paged. */
  'incidents.list': { input: IncidentsQuery.default({ limit: 50, offset: 0 }), output: IncidentPage },
  'incidents.get': { input: IncidentRef, output: Incident },
  'incidents.acknowledge': { mutates: true, input: IncidentAck, output: Incident },
  'incidents.addNote': { mutates: true, input: IncidentNoteInput, output: Incident },
  'monitors.pause': { mutates: true, input: z.strictObject({ id: MonitorId }), output: MonitorState },
  'monitors.resume': { mutates: true, input: z.strictObject({ id: MonitorId }), output: MonitorState },
  'monitors.pauseAll': { mutates: true, input: NoInput, output: z.object({ pausedAll: z.boolean() }) },
  'monitors.resumeAll': { mutates: true, input: NoInput, output: z.object({ pausedAll: z.boolean() }) },
  'alerts.snooze': { mutates: true, input: SnoozeInput, output: Snooze },
  // — alert channels, rules and the alert log (issue 17) —
  /** Secrets masked; a mask sent back in an update keeps the stored value. */
  'channels.list': { input: NoInput, output: z.array(AlertChannel) },
  'channels.create': { mutates: true, input: ChannelDraft, output: AlertChannel },
  'channels.update': {
    mutates: true,
    input: z.strictObject({ id: ChannelId, channel: ChannelDraft }),
    output: AlertChannel,
  },
  'channels.delete': { mutates: true, input: z.strictObject({ id: ChannelId }), output: z.object({ id: ChannelId }) },
  /** Sends a test message now (not through the outbox): the server's answer or the exact error. */
  'channels.test': { input: ChannelTestInput, output: ChannelTestResult },
  'alerts.rules': { input: NoInput, output: AlertRules },
  /** Refused with `invalid_input` (path into the rules) when a route names a channel that does not exist. */
  'alerts.setRules': { mutates: true, input: AlertRules, output: AlertRules },
  /** Every message per channel with every delivery attempt, newest first. */
  'alerts.log': { input: AlertLogQuery.default({ failedOnly: false, limit: 100 }), output: z.array(OutboxEntry) },
  /** A failed message back into the outbox. */
  'alerts.retry': { mutates: true, input: z.strictObject({ id: z.int().positive() }), output: OutboxEntry },
  /** Channels failing right now (the banner). */
  'alerts.problems': { input: NoInput, output: z.array(ChannelProblem) },
  /** The recipients and the exact text a draft would be sent with through a channel, and the confirmation to send it. */
  'drafts.sendPreview': { input: NoticeTarget, output: NoticePreview },
  /** Sends only with the confirmation of an unchanged preview (`conflict` otherwise); the sent copy and the answer are kept with the draft. */
  'drafts.send': { mutates: true, input: NoticeSendInput, output: NoticeSend },
  'drafts.sends': { input: z.strictObject({ id: z.int().positive() }), output: z.array(NoticeSend) },
  'connectivity.status': { input: NoInput, output: ConnectivityStatus },
  /** Stretches the console could not see (asleep / offline), for charts. */
  'gaps.list': { input: GapsQuery, output: z.array(Gap) },
  // — drafts —
  'templates.list': { input: NoInput, output: z.array(Template) },
  /** The current template (or an older version) and its version history. */
  'templates.get': {
    input: z.strictObject({ step: TemplateStep, version: z.int().nonnegative().optional() }),
    output: TemplateDetail,
  },
  /** Saves a new version; refused with `template_error` (part, line, column, name) when a part does not compile or render. */
  'templates.save': {
    mutates: true,
    input: z.strictObject({ step: TemplateStep, parts: TemplateParts }),
    output: Template,
  },
  /** Back to the shipped wording, as a new version. */
  'templates.reset': { mutates: true, input: z.strictObject({ step: TemplateStep }), output: Template },
  /** Renders unsaved template text for a source without saving; errors come back as issues, not thrown. */
  'drafts.preview': { input: PreviewInput, output: PreviewResult },
  /** Renders the current template for the source; `context` supplies the facts when the caller already has them (else the core looks the source up). */
  'drafts.create': {
    mutates: true,
    input: z.strictObject({
      step: TemplateStep,
      source: DraftSource,
      audienceZones: AudienceZones.optional(),
      context: SourceContext.optional(),
    }),
    output: Draft,
  },
  'drafts.list': { input: z.strictObject({ source: DraftSource }), output: z.array(Draft) },
  'drafts.get': { input: z.strictObject({ id: z.int().positive() }), output: Draft },
  /** Hand edits of the rendered text. */
  'drafts.update': {
    mutates: true,
    input: z.strictObject({ id: z.int().positive(), content: DraftContent.partial() }),
    output: Draft,
  },
  'drafts.delete': {
    mutates: true,
    input: z.strictObject({ id: z.int().positive() }),
    output: z.object({ id: z.int() }),
  },
  /** Renders again from the source's current facts and the current template (hand edits are replaced). */
  'drafts.rerender': { mutates: true, input: z.strictObject({ id: z.int().positive() }), output: Draft },
  /** eml = email; md = chat; txt = the given channel (email: subject line + body). */
  'drafts.export': {
    input: z.strictObject({ id: z.int().positive(), format: ExportFormat, channel: Channel.optional() }),
    output: ExportedFile,
  },
  'drafts.variables': { input: NoInput, output: VariablesReference },
  // — maintenance —
  'windows.list': { input: NoInput, output: z.array(MaintenanceWindow) },
  'windows.get': { input: z.strictObject({ id: WindowId }), output: MaintenanceWindow },
  /** Refused with `conflict` when it overlaps a peak event or a window on the same monitors, unless acknowledged. */
  'windows.create': { mutates: true, input: WindowSave, output: MaintenanceWindow },
  'windows.update': { mutates: true, input: WindowUpdate, output: MaintenanceWindow },
  'windows.delete': { mutates: true, input: z.strictObject({ id: WindowId }), output: z.object({ id: WindowId }) },
  /** Occurrences are named by their planned start (UTC ms). */
  'windows.cancelOccurrence': { mutates: true, input: OccurrenceRef, output: Occurrence },
  'windows.extend': { mutates: true, input: ExtendInput, output: Occurrence },
  'windows.endEarly': { mutates: true, input: OccurrenceRef, output: Occurrence },
  /** What a draft window would overlap over the next months (peaks, windows on the same monitors / groups). */
  'windows.conflicts': { input: ConflictsQuery, output: ConflictsResult },
  /** The next occurrences of an unsaved schedule, with the DST rule they follow. */
  'windows.preview': { input: SchedulePreviewQuery, output: SchedulePreview },
  /** Window occurrences (with state) and peak occurrences overlapping [from, to), for calendar and agenda. */
  'occurrences.list': { input: OccurrenceRange, output: OccurrencesResult },
  'peaks.list': { input: NoInput, output: z.array(PeakEvent) },
  'peaks.create': { mutates: true, input: PeakSave, output: PeakEvent },
  'peaks.update': { mutates: true, input: PeakUpdate, output: PeakEvent },
  'peaks.delete': {
    mutates: true,
    input: z.strictObject({ id: z.int().positive() }),
    output: z.object({ id: z.int() }),
  },
  /** One window, or every window with an occurrence still ahead, as iCalendar text. */
  'maintenance.exportIcs': { input: ExportIcsInput, output: IcsFile },
  'maintenance.importIcs': { mutates: true, input: ImportIcsInput, output: ImportIcsResult },
  /** Merged maintenance intervals and peak events of one monitor, for chart shading and "excluding 2 h 10 min". */
  'maintenance.intervals': { input: IntervalsQuery, output: IntervalsResult },
  /** The next occurrence (of one monitor's windows, or of any): "next maintenance in 2 d 4 h". */
  'maintenance.next': { input: NextQuery, output: Occurrence.nullable() },
  // — workspace file (monitoring as code) —
  /** Checks an uploaded workspace file (every issue with line and column) and what applying it would change. */
  'workspace.plan': { input: WorkspaceInput, output: WorkspacePlan },
  /** Applies the file in one transaction, or nothing; refused with `conflict` when `digest` no longer matches the plan. */
  'workspace.apply': { mutates: true, input: WorkspaceApplyInput, output: WorkspaceApplied },
  /** The workspace as YAML (secrets as references). */
  'workspace.export': { input: NoInput, output: WorkspaceExport },
  // — remote vantage points from Prometheus (issue 22) —
  /** The Prometheus source's health and, per monitor with a vantage option, each vantage's newest word and the cross-vantage verdict. */
  'vantage.status': { input: NoInput, output: VantageStatus },
  /** One line per vantage (local and each region) over a range, bucketed. */
  'vantage.series': { input: VantageSeriesQuery, output: VantageSeries },
  /** Seals the Prometheus bearer token or basic password (empty = forget it); never sent back. */
  'vantage.setSecret': { mutates: true, input: VantageSecretInput, output: z.object({ hasSecret: z.boolean() }) },
  // — load checks (issue 23) —
  'loadchecks.list': { input: NoInput, output: z.array(LoadCheck) },
  /** Refused with `invalid_input` when the rate is above the configured maximum, the host is not monitored or the body names an unknown variable. */
  'loadchecks.save': {
    mutates: true,
    input: z.strictObject({ id: LoadCheckId.optional(), check: LoadCheckDraft }),
    output: LoadCheck,
  },
  'loadchecks.delete': { mutates: true, input: z.strictObject({ id: LoadCheckId }), output: z.object({ id: z.int() }) },
  'loadchecks.limits': { input: NoInput, output: LoadLimits },
  'loadchecks.setLimits': { mutates: true, input: LoadLimitsInput, output: LoadLimits },
  /** What a start would send (target, total requests) and the token that confirms it. */
  'loadchecks.plan': { mutates: true, input: z.strictObject({ checkId: LoadCheckId }), output: LoadPlan },
  /** With the plan's token, or `confirm` echoing the total; `conflict` while another run is going. */
  'loadchecks.start': { mutates: true, input: LoadStartInput, output: LoadRun },
  /** Ends the run within a second; the stored run with its card. */
  'loadchecks.stop': { mutates: true, input: z.strictObject({ runId: LoadRunId }), output: LoadRun },
  'loadchecks.runs': {
    input: z
      .strictObject({ checkId: LoadCheckId.optional(), limit: z.int().min(1).max(200).default(20) })
      .default({ limit: 20 }),
    output: z.array(LoadRun),
  },
  /** Runs against a monitor's host overlapping a range, for the band on its chart. */
  'loadchecks.spans': { input: LoadSpansQuery, output: z.array(LoadSpan) },
  /** Checks carrying a reminder, with the next occurrence of their peak event: due, and whether they ran since. */
  'loadchecks.reminders': { input: NoInput, output: z.array(LoadReminder) },
  // — deploy markers (issue 23) —
  /** A deploy of a service group (or of given monitors); its verdict comes once the after window has closed. */
  'deploys.record': { mutates: true, input: DeployInput, output: Deploy },
  /** Newest first; a monitor's, or those in a range (chart markers, incident timeline). */
  'deploys.list': { input: DeploysQuery.default({ limit: 100 }), output: z.array(Deploy) },
  /** The before / after comparison now, with another window if asked. */
  'deploys.compare': { input: DeployCompareInput, output: DeployComparison },
  'deploys.delete': {
    mutates: true,
    input: z.strictObject({ id: z.int().positive() }),
    output: z.object({ id: z.int() }),
  },
  /** Monitors whose answers' version header or JSON field records a deploy when it changes. */
  'deploys.detectors': { input: NoInput, output: z.array(Detector) },
  'deploys.setDetector': { mutates: true, input: DetectorInput, output: z.array(Detector) },
} as const;

export const events = {
  /** Every stored probe result, as it is written. */
  result: ProbeResult,
  /** A long report or history export is under way: monitors or results done of total. */
  reportProgress: ReportProgress,
  /** The monitor list changed (created, updated, deleted, demo loaded). */
  monitors: z.object({ reason: z.enum(['created', 'updated', 'deleted', 'loaded']), id: MonitorId.optional() }),
  /** Settings changed (from any window). */
  settings: Settings,
  /** Writing results started failing (results held in memory) or recovered; sent once each. */
  storage: StorageProblem,
  /** The console switched database (restore, review, start fresh): clients reload their views. */
  database: DatabaseSwitched,
  /** A monitor's confirmed state changed (or its pending failures / flapping / maintenance flag). */
  state: MonitorState,
  incident: IncidentEvent,
  connectivity: ConnectivityStatus,
  /** The console slept / woke (powerMonitor or timer drift). */
  power: PowerEvent,
  /** An alert decided by the core; the shells show it as a notification. */
  alert: Alert,
  /** A notice template was saved or reset, or a draft created / edited / deleted. */
  drafts: z.object({ reason: z.enum(['template', 'created', 'updated', 'deleted']), id: z.int().optional() }),
  /** A window or peak event changed, or an occurrence changed state (started, completed, cancelled, extended). */
  maintenance: MaintenanceEvent,
  /** An outbox message was settled (delivered, retrying, failed, suppressed): the alert log and the notification area. */
  delivery: OutboxEntry,
  /** A channel started failing repeatedly (one banner) or delivers again. */
  channelProblem: ChannelProblem,
  channels: ChannelsEvent,
  /** The Prometheus source was read (or failed to be): vantage views fetch vantage.status again. */
  vantage: z.object({ at: z.number() }),
  /** A load check's live figures (about twice a second) and its end. */
  loadcheck: LoadProgress,
  /** A deploy was recorded or judged. */
  deploy: Deploy,
} as const;

export type Methods = typeof methods;
export type MethodName = keyof Methods;
export type EventName = keyof typeof events;

/** What a caller passes (defaults not yet applied). */
export type Input<K extends MethodName> = z.input<Methods[K]['input']>;
/** What the core receives (validated, defaults applied). */
export type ParsedInput<K extends MethodName> = z.output<Methods[K]['input']>;
export type Output<K extends MethodName> = z.output<Methods[K]['output']>;
export type EventPayload<E extends EventName> = z.output<(typeof events)[E]>;

/** The core's façade; `service satisfies Service` keeps it in step with the contract. */
export type Service = { [K in MethodName]: (input: ParsedInput<K>) => Promise<Output<K>> | Output<K> };

/** The client side, identical over either transport. */
export interface Transport {
  invoke<K extends MethodName>(method: K, input: Input<K>): Promise<Output<K>>;
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
}

export const METHOD_NAMES = Object.keys(methods) as MethodName[];
export const EVENT_NAMES = Object.keys(events) as EventName[];

/** Methods refused in review mode (`mutates: true` above). */
export const MUTATING_METHODS: ReadonlySet<MethodName> = new Set(METHOD_NAMES.filter((n) => 'mutates' in methods[n]));

export function isMethodName(name: unknown): name is MethodName {
  return typeof name === 'string' && Object.hasOwn(methods, name);
}
export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && Object.hasOwn(events, name);
}

/** Messages on the serve WebSocket. */
export const WsRequest = z.strictObject({ id: z.int().nonnegative(), method: z.string(), input: z.unknown() });
export type WsRequest = z.infer<typeof WsRequest>;
