import { DateTime } from 'luxon';
import type { DraftSource, IncidentContext, WindowContext } from '../../../shared/drafts';
import type { Incident } from '../../../shared/incidents';
import type { MaintenanceWindow, Occurrence } from '../../../shared/maintenance';
import type { Monitor } from '../../../shared/monitor';
import { ruleInWords } from '../maintenance/recurrence';
import type { DraftSources } from './service';

const YEAR = 365 * 86_400_000;

export interface DraftSourceLookups {
  now(): number;
  window(id: number): MaintenanceWindow | undefined;
  windowOccurrences(windowId: number, from: number, to: number, now: number): Occurrence[];
  incident(id: number): Incident | undefined;
  monitor(id: number): Pick<Monitor, 'name' | 'group'> | undefined;
  /** The monitor's uptime % over the last 24 h as every view shows it (truncatedPercent), or null without data. */
  uptime24h(monitorId: number): number | null;
}

/** The facts a notice is drafted from: a window's occurrence or an incident, as they are now. */
export function createDraftSources(l: DraftSourceLookups): DraftSources {
  /** The chosen occurrence, else the running or next one, else the latest past one. */
  function occurrenceOf(w: MaintenanceWindow, at: number | undefined): Occurrence | undefined {
    const now = l.now();
    if (at !== undefined) return l.windowOccurrences(w.id, at, at + 1, now).find((o) => o.start === at);
    const ahead = l
      .windowOccurrences(w.id, now - w.durationMin * 60_000 * 4, now + 2 * YEAR, now)
      .find((o) => o.end > now);
    if (ahead) return ahead;
    // Planned further ahead than the search horizon: its first occurrence is its declared start.
    const first = DateTime.fromISO(w.start, { zone: w.zone }).toMillis();
    if (first > now) return l.windowOccurrences(w.id, first, first + 1, now)[0];
    return l.windowOccurrences(w.id, now - YEAR, now, now).at(-1);
  }

  function windowContext(w: MaintenanceWindow, o: Occurrence): WindowContext {
    const monitors = w.monitorIds.map((id) => l.monitor(id)).filter((m) => m !== undefined);
    const services = [...new Set([...w.groups, ...monitors.map((m) => m.group)])];
    const recurrenceText = w.rrule ? ruleInWords(w.rrule) : '';
    return {
      title: w.title,
      description: w.description,
      start: o.start,
      end: o.end,
      durationMin: Math.round((o.end - o.start) / 60_000),
      zone: w.zone,
      recurrenceText,
      services,
      monitors: monitors.map((m) => m.name),
    };
  }

  function incidentContext(i: Incident): IncidentContext {
    const m = l.monitor(i.monitorId);
    return {
      monitor: m?.name ?? `monitor ${i.monitorId}`,
      services: m ? [m.group] : [],
      start: i.startedAt,
      durationMs: i.durationMs,
      firstError: i.firstError ?? '',
      lastError: i.lastError ?? '',
      uptime: l.uptime24h(i.monitorId),
      state: i.endedAt === null ? 'down' : 'up',
    };
  }

  return {
    resolveSource(source: DraftSource) {
      if (source.kind === 'incident') {
        const i = l.incident(source.incidentId);
        return i && incidentContext(i);
      }
      const w = l.window(source.windowId);
      const o = w && occurrenceOf(w, source.occurrenceStart);
      return w && o && windowContext(w, o);
    },
    sourceVersion(source: DraftSource) {
      if (source.kind === 'incident') {
        const i = l.incident(source.incidentId);
        // Not durationMs: it grows every second and would mark every draft outdated.
        return i && String(i.endedAt ?? 'open');
      }
      const w = l.window(source.windowId);
      const o = w && occurrenceOf(w, source.occurrenceStart);
      return w && o && `${w.updatedAt}:${o.start}:${o.end}:${o.state}`;
    },
  };
}
