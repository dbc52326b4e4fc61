import type { Service } from '../../../shared/api';
import { ApiError, type InputIssue } from '../../../shared/errors';
import { friendlyIssues } from '../../../shared/validation-messages';
import {
  DST_RULE,
  WindowDraft,
  type Interval,
  type MaintenanceWindow,
  type Occurrence,
  type PeakDraft,
} from '../../../shared/maintenance';
import type { Monitor } from '../../../shared/monitor';
import type { Clock } from '../clock';
import type { EventBus } from '../events';
import type { WindowTable } from '../store/windows';
import { findConflicts } from './conflicts';
import { recordKeeper } from './edit-records';
import { createExpansion } from './expansion';
import { parseIcs } from './ical-read';
import { exportIcs } from './ical-write';
import { createLifecycle, type Lifecycle } from './lifecycle';
import { ruleText, scheduleIssues, type Schedule } from './recurrence';
import { createScheduleIndex, type ScheduleIndex, type Target } from './schedule-index';
import { isValidZone, parseLocal } from './zone';

const MIN = 60_000;

type Handlers = Pick<
  Service,
  | 'windows.list'
  | 'windows.get'
  | 'windows.create'
  | 'windows.update'
  | 'windows.delete'
  | 'windows.cancelOccurrence'
  | 'windows.extend'
  | 'windows.endEarly'
  | 'windows.conflicts'
  | 'windows.preview'
  | 'occurrences.list'
  | 'peaks.list'
  | 'peaks.create'
  | 'peaks.update'
  | 'peaks.delete'
  | 'maintenance.exportIcs'
  | 'maintenance.importIcs'
  | 'maintenance.intervals'
  | 'maintenance.next'
>;

/** What the result recorder, alerting, uptime and charts ask (wired by the core's owner). */
export interface MaintenanceQueries {
  /** Windows with an occurrence running at `ts` that cover the monitor (by id or service group). */
  activeWindows(monitorId: number, group: string, ts: number): number[];
  isInMaintenance(monitor: Pick<Monitor, 'id' | 'group'>, ts: number): boolean;
  /** Merged [start, end) intervals clipped to [from, to). */
  maintenanceIntervals(monitor: Pick<Monitor, 'id' | 'group'>, from: number, to: number): Interval[];
  maintenanceMinutes(monitor: Pick<Monitor, 'id' | 'group'>, from: number, to: number): number;
  nextOccurrence(monitor?: Pick<Monitor, 'id' | 'group'>, now?: number): Occurrence | null;
}

export interface Maintenance {
  handlers: Handlers;
  queries: MaintenanceQueries;
  /** Starts the lifecycle timer (not in review mode). */
  start(): void;
  stop(): void;
  lifecycle: Lifecycle;
  index: ScheduleIndex;
}

export interface MaintenanceDeps {
  /** The store's window table (store.tables.windows). */
  windows: WindowTable;
  readOnly: boolean;
  clock: Clock;
  bus: EventBus;
  monitors: { get(id: number): Monitor | undefined };
}

export function createMaintenance({ windows: table, readOnly, clock, bus, monitors }: MaintenanceDeps): Maintenance {
  const index = createScheduleIndex();
  const reload = () => {
    index.setWindows(table.list());
    index.setRecords(table.occurrences.list());
  };
  reload();
  index.setPeaks(table.peaks.list());
  const lifecycle = createLifecycle({
    clock,
    index,
    table,
    onChange: (changes) => {
      for (const c of changes)
        bus.emit('maintenance', { reason: 'occurrence', windowId: c.windowId, start: c.start, state: c.state });
    },
  });

  const target = (m: Pick<Monitor, 'id' | 'group'>): Target => ({ id: m.id, group: m.group });
  const monitorInfo = (id: number) => {
    const m = monitors.get(id);
    return m && { name: m.name, group: m.group };
  };

  function existing(id: number): MaintenanceWindow {
    const w = table.get(id);
    if (!w) throw new ApiError('not_found', `Maintenance window ${id} does not exist`);
    return w;
  }
  /** Semantic checks with the form's field paths, prefixed as the input nests them. */
  function validate(s: Schedule, prefix: string): void {
    const issues: InputIssue[] = [];
    if (!isValidZone(s.zone))
      issues.push({ path: 'zone', message: `Unknown time zone ${s.zone}: use an IANA name such as Europe/London` });
    else issues.push(...scheduleIssues(s));
    if (issues.length > 0) {
      const prefixed = issues.map((i) => ({ path: prefix + i.path, message: i.message }));
      throw new ApiError('invalid_input', `${prefixed[0]!.message} (at ${prefixed[0]!.path})`, prefixed);
    }
  }
  const rruleOf = (s: Schedule) => (s.recurrence ? ruleText(s.recurrence) : null);
  function checkConflicts(draft: WindowDraft, excludeId: number | undefined, acknowledged: boolean): void {
    if (acknowledged) return;
    const conflicts = findConflicts({
      draft,
      from: clock.now(),
      months: 6,
      index,
      monitor: monitorInfo,
      ...(excludeId !== undefined ? { excludeId } : {}),
    });
    if (conflicts.length > 0) {
      const first = conflicts[0]!;
      throw new ApiError(
        'conflict',
        `This window overlaps ${conflicts.length === 100 ? '100 or more' : conflicts.length} ${first.kind === 'peak' ? 'planned event' : 'window'} occurrence(s), first “${first.otherTitle}” on ${new Date(first.start).toISOString().slice(0, 16).replace('T', ' ')} UTC; review them and save with acknowledgeConflicts to keep it`,
      );
    }
  }
  let started = false;
  const changedWindows = (windowId: number) => {
    reload();
    bus.emit('maintenance', { reason: 'window', windowId });
    // A window starting within the lifecycle's sleep must not wait for the next wake to announce it.
    if (started) lifecycle.tick();
  };
  const changedPeaks = (peakId: number) => {
    index.setPeaks(table.peaks.list());
    bus.emit('maintenance', { reason: 'peak', peakId });
  };
  function peakValidated(peak: PeakDraft): PeakDraft {
    validate(peak, 'peak.');
    return peak;
  }

  const handlers: Handlers = {
    'windows.list': () => table.list(),
    'windows.get': ({ id }) => existing(id),
    'windows.create': ({ window, acknowledgeConflicts }) => {
      validate(window, 'window.');
      checkConflicts(window, undefined, acknowledgeConflicts);
      const w = table.create(window, rruleOf(window));
      changedWindows(w.id);
      return w;
    },
    'windows.update': ({ id, window, acknowledgeConflicts }) => {
      const before = existing(id);
      validate(window, 'window.');
      checkConflicts(window, id, acknowledgeConflicts);
      const w = table.update(id, window, rruleOf(window), recordKeeper(before, window, clock.now()))!;
      changedWindows(id);
      return w;
    },
    'windows.delete': ({ id }) => {
      existing(id);
      table.delete(id);
      changedWindows(id);
      return { id };
    },
    'windows.cancelOccurrence': ({ id, start }) => {
      existing(id);
      return lifecycle.cancel(id, start);
    },
    'windows.extend': ({ id, start, minutes }) => {
      existing(id);
      return lifecycle.extend(id, start, minutes);
    },
    'windows.endEarly': ({ id, start }) => {
      existing(id);
      return lifecycle.endEarly(id, start);
    },
    'windows.conflicts': ({ window, id, months }) => {
      validate(window, 'window.');
      return {
        conflicts: findConflicts({
          draft: window,
          from: clock.now(),
          months,
          index,
          monitor: monitorInfo,
          ...(id !== undefined ? { excludeId: id } : {}),
        }),
        months,
      };
    },
    'windows.preview': ({ start, zone, durationMin, recurrence, count }) => {
      const s: Schedule = { start, zone, durationMin, recurrence };
      validate(s, '');
      // From the declared start: the form shows what the rule makes of it, past or not.
      const from = parseLocal(start) - 15 * 60 * MIN;
      const placed = createExpansion(s)
        .between(from, from + 5 * 366 * 86_400_000)
        .slice(0, count);
      return {
        occurrences: placed.map((p) => ({
          start: p.start,
          end: p.start + durationMin * MIN,
          localStart: new Date(p.local).toISOString().slice(0, 16),
          shifted: p.shifted,
        })),
        rrule: rruleOf(s),
        dstRule: DST_RULE,
      };
    },
    'occurrences.list': ({ from, to, monitorId }) => {
      const now = clock.now();
      const m = monitorId === undefined ? undefined : monitors.get(monitorId);
      if (monitorId !== undefined && !m) throw new ApiError('not_found', `Monitor ${monitorId} does not exist`);
      return { windows: index.occurrences(from, to, now, m && target(m)), peaks: index.peakOccurrences(from, to) };
    },
    'peaks.list': () => table.peaks.list(),
    'peaks.create': ({ peak }) => {
      const p = table.peaks.create(peakValidated(peak), rruleOf(peak));
      changedPeaks(p.id);
      return p;
    },
    'peaks.update': ({ id, peak }) => {
      const p = table.peaks.update(id, peakValidated(peak), rruleOf(peak));
      if (!p) throw new ApiError('not_found', `Peak event ${id} does not exist`);
      changedPeaks(id);
      return p;
    },
    'peaks.delete': ({ id }) => {
      if (!table.peaks.delete(id)) throw new ApiError('not_found', `Peak event ${id} does not exist`);
      changedPeaks(id);
      return { id };
    },
    'maintenance.exportIcs': ({ windowId }) => {
      const now = clock.now();
      const windows = windowId !== undefined ? [existing(windowId)] : upcoming(now);
      const text = exportIcs(windows, { now, cancelled: (id) => cancelledLocals(id) });
      const name = windowId !== undefined ? slug(windows[0]!.title) : 'upcoming';
      return { filename: `lookout-maintenance-${name}.ics`, text };
    },
    'maintenance.importIcs': ({ text, monitorIds, groups }) => {
      const parsed = parseIcs(text, { monitorIds, groups });
      const errors = [...parsed.errors];
      const drafts: { draft: WindowDraft; rrule: string | null }[] = [];
      for (const ev of parsed.events) {
        const result = WindowDraft.safeParse(ev.draft);
        if (!result.success) {
          for (const i of friendlyIssues(result.error))
            errors.push({ line: ev.line, message: icsMessage(ev.draft.title, i) });
          continue;
        }
        try {
          validate(result.data, '');
          drafts.push({ draft: result.data, rrule: rruleOf(result.data) });
        } catch (err) {
          if (!(err instanceof ApiError)) throw err;
          for (const i of err.issues ?? []) errors.push({ line: ev.line, message: icsMessage(ev.draft.title, i) });
        }
      }
      if (errors.length > 0) return { windows: [], errors: errors.sort((a, b) => a.line - b.line) };
      const windows = table.createMany(drafts);
      reload();
      bus.emit('maintenance', { reason: 'import' });
      if (started) lifecycle.tick();
      return { windows, errors: [] };
    },
    'maintenance.intervals': ({ monitorId, from, to }) => {
      const m = monitors.get(monitorId);
      if (!m) throw new ApiError('not_found', `Monitor ${monitorId} does not exist`);
      return {
        maintenance: index.intervals(target(m), from, to),
        peaks: index
          .peakOccurrences(from, to)
          .map((p) => ({ start: Math.max(p.start, from), end: Math.min(p.end, to) })),
        maintenanceMinutes: index.maintenanceMs(target(m), from, to) / MIN,
      };
    },
    'maintenance.next': ({ monitorId }) => {
      if (monitorId === undefined) return index.next(clock.now());
      const m = monitors.get(monitorId);
      if (!m) throw new ApiError('not_found', `Monitor ${monitorId} does not exist`);
      return index.next(clock.now(), target(m));
    },
  };

  function upcoming(now: number): MaintenanceWindow[] {
    return index
      .windows()
      .filter((w) =>
        index.windowOccurrences(w.id, now, now + 10 * 366 * 86_400_000, now).some((o) => o.state !== 'cancelled'),
      );
  }
  function cancelledLocals(windowId: number): number[] {
    return table.occurrences
      .list()
      .filter((r) => r.windowId === windowId && r.state === 'cancelled')
      .flatMap((r) =>
        index.windowOccurrences(windowId, r.start, r.start + 1, clock.now()).filter((o) => o.start === r.start),
      )
      .map((o) => parseLocal(o.localStart));
  }

  const queries: MaintenanceQueries = {
    activeWindows: (monitorId, group, ts) => index.activeWindows({ id: monitorId, group }, ts),
    isInMaintenance: (m, ts) => index.isInMaintenance(target(m), ts),
    maintenanceIntervals: (m, from, to) => index.intervals(target(m), from, to),
    maintenanceMinutes: (m, from, to) => index.maintenanceMs(target(m), from, to) / MIN,
    nextOccurrence: (m, now = clock.now()) => index.next(now, m && target(m)),
  };

  return {
    handlers,
    queries,
    lifecycle,
    index,
    start() {
      if (readOnly) return;
      started = true;
      lifecycle.start();
    },
    stop() {
      started = false;
      lifecycle.stop();
    },
  };
}

function slug(title: string): string {
  return (
    title
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '')
      .slice(0, 40) || 'window'
  );
}

/** An import problem as a sentence about the event, never a bare field path. */
function icsMessage(title: unknown, issue: InputIssue): string {
  const event = typeof title === 'string' && title.trim() ? `Event “${title.trim()}”` : 'An event';
  if (issue.path === 'monitorIds' || issue.path === 'groups') {
    return `${event} names no affected monitors or service groups: choose the service group for events that name none, then import again.`;
  }
  const m = issue.message.replace(/\.$/, '');
  return `${event}: ${m.charAt(0).toLowerCase()}${m.slice(1)}.`;
}
