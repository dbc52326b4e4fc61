import type { InputIssue } from '../../../shared/errors';
import type { MaintenanceWindow, PeakEvent, RecurrenceInput, Weekday } from '../../../shared/maintenance';
import { WEEKDAYS } from '../../../shared/maintenance';
import { viewerZone } from './time';

/**
 * What the schedule fields hold (text as typed) and how it becomes the contract's input. No rule
 * is re-implemented here: the core answers with `invalid_input` issues at the field paths below.
 */
export interface ScheduleValues {
  title: string;
  description: string;
  start: string;
  zone: string;
  durationMin: string;
  freq: 'none' | 'daily' | 'weekly' | 'monthly' | 'custom';
  interval: string;
  days: Weekday[];
  nth: string;
  weekday: Weekday;
  rrule: string;
  end: 'never' | 'until' | 'count';
  until: string;
  count: string;
  /** One local date-time per line or comma-separated. */
  exdates: string;
}

export type ScheduleField =
  | 'title'
  | 'description'
  | 'start'
  | 'zone'
  | 'durationMin'
  | 'recurrence'
  | 'interval'
  | 'days'
  | 'rrule'
  | 'until'
  | 'count'
  | 'exdates'
  | 'targets'
  | 'kind';

export function emptySchedule(now = Date.now()): ScheduleValues {
  const next = new Date(now + 86_400_000);
  next.setHours(2, 0, 0, 0);
  const pad = (n: number) => String(n).padStart(2, '0');
  const start = `${next.getFullYear()}-${pad(next.getMonth() + 1)}-${pad(next.getDate())}T02:00`;
  return {
    title: '',
    description: '',
    start,
    zone: viewerZone(),
    durationMin: '60',
    freq: 'none',
    interval: '1',
    days: [WEEKDAYS[(next.getDay() + 6) % 7]!],
    nth: '1',
    weekday: WEEKDAYS[(next.getDay() + 6) % 7]!,
    rrule: '',
    end: 'never',
    until: '',
    count: '',
    exdates: '',
  };
}

export function scheduleValuesOf(w: MaintenanceWindow | PeakEvent): ScheduleValues {
  const base = {
    ...emptySchedule(),
    title: w.title,
    description: w.description,
    start: w.start,
    zone: w.zone,
    durationMin: String(w.durationMin),
  };
  const r = w.recurrence;
  if (!r) return base;
  const p = r.pattern;
  return {
    ...base,
    freq: p.freq,
    interval: 'interval' in p ? String(p.interval) : '1',
    days: p.freq === 'weekly' ? p.days : base.days,
    nth: p.freq === 'monthly' ? String(p.nth) : '1',
    weekday: p.freq === 'monthly' ? p.weekday : base.weekday,
    rrule: p.freq === 'custom' ? p.rrule : '',
    end: r.until ? 'until' : r.count ? 'count' : 'never',
    until: r.until ?? '',
    count: r.count ? String(r.count) : '',
    exdates: r.exdates.join('\n'),
  };
}

/** Numbers stay text when they are not numbers, so the contract names the field. */
function num(s: string): number {
  const t = s.trim();
  return (/^-?\d+$/.test(t) ? Number(t) : t) as number;
}

export function recurrenceOf(v: ScheduleValues): RecurrenceInput | null {
  if (v.freq === 'none') return null;
  const pattern =
    v.freq === 'daily'
      ? { freq: 'daily' as const, interval: num(v.interval) }
      : v.freq === 'weekly'
        ? { freq: 'weekly' as const, interval: num(v.interval), days: v.days }
        : v.freq === 'monthly'
          ? { freq: 'monthly' as const, interval: num(v.interval), nth: num(v.nth) as 1, weekday: v.weekday }
          : { freq: 'custom' as const, rrule: v.rrule };
  return {
    pattern,
    until: v.end === 'until' ? v.until : null,
    count: v.end === 'count' ? num(v.count) : null,
    exdates: v.exdates
      .split(/[\n,]+/)
      .map((s) => s.trim())
      .filter(Boolean),
  };
}

export function scheduleInput(v: ScheduleValues) {
  return {
    title: v.title,
    description: v.description,
    start: v.start,
    zone: v.zone.trim(),
    durationMin: num(v.durationMin),
    recurrence: recurrenceOf(v),
  };
}

/** Contract path (after the `window.` / `peak.` prefix) -> the field that shows it. */
export function fieldOf(path: string): ScheduleField | undefined {
  const p = path.replace(/^(window|peak)\./, '');
  if (p === 'monitorIds' || p === 'groups' || p.startsWith('monitorIds.') || p.startsWith('groups.')) return 'targets';
  if (p.startsWith('recurrence.pattern.rrule')) return 'rrule';
  if (p.startsWith('recurrence.pattern.days')) return 'days';
  if (p.startsWith('recurrence.pattern.interval')) return 'interval';
  if (p.startsWith('recurrence.pattern')) return 'recurrence';
  if (p.startsWith('recurrence.until')) return 'until';
  if (p.startsWith('recurrence.count')) return 'count';
  if (p.startsWith('recurrence.exdates')) return 'exdates';
  if (p === 'recurrence') return 'recurrence';
  const head = p.split('.')[0];
  return (['title', 'description', 'start', 'zone', 'durationMin', 'kind'] as const).find((f) => f === head);
}

/** First message per field, and the ones no field shows. */
export function splitIssues(issues: InputIssue[]): { fields: Partial<Record<ScheduleField, string>>; rest: string[] } {
  const fields: Partial<Record<ScheduleField, string>> = {};
  const rest: string[] = [];
  for (const i of issues) {
    const f = fieldOf(i.path);
    if (f) fields[f] ??= i.message;
    else rest.push(i.path ? `${i.path}: ${i.message}` : i.message);
  }
  return { fields, rest };
}
