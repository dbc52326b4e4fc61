import type { IcsImportError, RecurrencePattern, Weekday, WindowDraftInput } from '../../../shared/maintenance';
import { WEEKDAYS } from '../../../shared/maintenance';
import { endAtInstant } from './until';
import { formatLocal, isValidZone, localToUtc, utcToLocal } from './zone';

/**
 * Reads an .ics file of windows (hand-written for the reason given in ical-write.ts). Every
 * VEVENT becomes a window draft; what Lookout cannot represent is an error naming the line, never
 * a silent approximation: floating or all-day times, non-IANA TZIDs, RDATE, RECURRENCE-ID
 * overrides, seconds, sub-daily rules. VTIMEZONE blocks are not needed: TZIDs name IANA zones.
 */

export interface ParsedEvent {
  /** Line of its BEGIN:VEVENT. */
  line: number;
  draft: WindowDraftInput;
}

interface Prop {
  name: string;
  params: Record<string, string>;
  value: string;
  line: number;
}

export function parseIcs(
  text: string,
  defaults: { monitorIds: number[]; groups: string[] },
): { events: ParsedEvent[]; errors: IcsImportError[] } {
  const errors: IcsImportError[] = [];
  const events: ParsedEvent[] = [];
  const props = contentLines(text, errors);
  if (props.length === 0 || props[0]!.name !== 'BEGIN' || props[0]!.value.toUpperCase() !== 'VCALENDAR') {
    return {
      events,
      errors: [{ line: props[0]?.line ?? 1, message: 'Not an iCalendar file: it must start with BEGIN:VCALENDAR' }],
    };
  }
  const stack: string[] = [];
  let current: Prop[] | undefined;
  let beginLine = 0;
  for (const p of props) {
    if (p.name === 'BEGIN') {
      stack.push(p.value.toUpperCase());
      if (p.value.toUpperCase() === 'VEVENT') {
        current = [];
        beginLine = p.line;
      }
      continue;
    }
    if (p.name === 'END') {
      const open = stack.pop();
      if (open !== p.value.toUpperCase()) {
        errors.push({ line: p.line, message: `END:${p.value} does not close BEGIN:${open ?? '(nothing)'}` });
        return { events, errors };
      }
      if (open === 'VEVENT' && current) {
        const ev = toDraft(current, beginLine, defaults, errors);
        if (ev) events.push(ev);
        current = undefined;
      }
      continue;
    }
    // Properties of nested components (VALARM inside VEVENT) are not the event's.
    if (current && stack[stack.length - 1] === 'VEVENT') current.push(p);
  }
  if (stack.length > 0)
    errors.push({ line: props[props.length - 1]!.line, message: `BEGIN:${stack[stack.length - 1]} is never closed` });
  if (events.length === 0 && errors.length === 0) errors.push({ line: 1, message: 'The file contains no VEVENT' });
  return { events, errors };
}

/** Unfolds continuation lines and splits `NAME;P=V:value`, keeping each property's first line number. */
function contentLines(text: string, errors: IcsImportError[]): Prop[] {
  const raw = text.replace(/^\uFEFF/, '').split(/\r\n|\n|\r/);
  const logical: { text: string; line: number }[] = [];
  raw.forEach((l, i) => {
    if ((l.startsWith(' ') || l.startsWith('\t')) && logical.length > 0)
      logical[logical.length - 1]!.text += l.slice(1);
    else if (l.trim() !== '') logical.push({ text: l, line: i + 1 });
  });
  const out: Prop[] = [];
  for (const { text: t, line } of logical) {
    let colon = -1;
    let quoted = false;
    for (let i = 0; i < t.length; i++) {
      if (t[i] === '"') quoted = !quoted;
      else if (t[i] === ':' && !quoted) {
        colon = i;
        break;
      }
    }
    if (colon < 0) {
      errors.push({ line, message: `Line ${line} is not a NAME:value property` });
      continue;
    }
    const [name, ...params] = t.slice(0, colon).split(';');
    const p: Record<string, string> = {};
    for (const kv of params) {
      const eq = kv.indexOf('=');
      if (eq > 0) p[kv.slice(0, eq).toUpperCase()] = kv.slice(eq + 1).replace(/^"|"$/g, '');
    }
    out.push({ name: name!.toUpperCase(), params: p, value: t.slice(colon + 1), line });
  }
  return out;
}

function toDraft(
  props: Prop[],
  line: number,
  defaults: { monitorIds: number[]; groups: string[] },
  errors: IcsImportError[],
): ParsedEvent | undefined {
  const before = errors.length;
  const fail = (p: Prop | undefined, message: string) => errors.push({ line: p?.line ?? line, message });
  const one = (name: string) => props.find((p) => p.name === name);

  for (const p of props) {
    if (p.name === 'RDATE')
      fail(p, 'RDATE (extra single dates) cannot be represented: Lookout windows recur by RRULE only');
    if (p.name === 'RECURRENCE-ID')
      fail(p, 'A modified single occurrence (RECURRENCE-ID) cannot be represented; import the series without it');
  }
  if (props.filter((p) => p.name === 'RRULE').length > 1)
    fail(props.filter((p) => p.name === 'RRULE')[1], 'Only one RRULE per event can be represented');

  const dtstart = one('DTSTART');
  if (!dtstart) {
    fail(undefined, 'The event has no DTSTART');
    return undefined;
  }
  const start = readTime(dtstart, undefined, fail);
  if (!start) return undefined;

  let durationMin: number | undefined;
  const duration = one('DURATION');
  const dtend = one('DTEND');
  if (duration) {
    durationMin = readDuration(duration.value);
    if (durationMin === undefined) fail(duration, `DURATION ${duration.value} is not a whole number of minutes`);
  } else if (dtend) {
    const end = readTime(dtend, start.zone, fail);
    if (end) durationMin = Math.round((end.utc - start.utc) / 60_000);
    if (durationMin !== undefined && durationMin <= 0) fail(dtend, 'DTEND is not after DTSTART');
  } else fail(dtstart, 'The event has neither DTEND nor DURATION');

  const rrule = one('RRULE');
  let recurrence: WindowDraftInput['recurrence'] = null;
  if (rrule) {
    const parts = rrule.value.split(';').filter(Boolean);
    let until: string | null = null;
    let count: number | null = null;
    /** A date-time UNTIL, as the instant it names (in the start's zone when it has no Z). */
    let untilUtc: number | undefined;
    const rest: string[] = [];
    for (const part of parts) {
      const [k, v = ''] = part.split('=');
      const key = k!.toUpperCase();
      if (key === 'COUNT') count = Number(v);
      else if (key === 'UNTIL') {
        const m = /^(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(\d{2})(Z?))?$/.exec(v);
        const fields = m ? Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +(m[4] ?? 0), +(m[5] ?? 0), +(m[6] ?? 0)) : NaN;
        if (
          !m ||
          formatLocal(fields).slice(0, 10) !== `${m[1]}-${m[2]}-${m[3]}` ||
          (m[4] !== undefined && +m[4] > 23) ||
          +(m[5] ?? 0) > 59 ||
          +(m[6] ?? 0) > 59
        ) {
          fail(rrule, `UNTIL=${v} is not a date or date-time like 20260310T120000Z`);
        } else if (m[4] === undefined)
          until = `${m[1]}-${m[2]}-${m[3]}`; // a DATE: the whole day in the window's zone
        else untilUtc = m[7] === 'Z' ? fields : localToUtc(start.zone, fields).utc;
      } else rest.push(`${key}=${v.toUpperCase()}`);
    }
    const pattern = patternOf(rest.join(';'));
    if (untilUtc !== undefined) {
      if (count !== null) fail(rrule, 'The RRULE has both UNTIL and COUNT; RFC 5545 allows only one');
      else {
        const end = endAtInstant(formatLocal(start.floating), start.zone, pattern, untilUtc);
        if (end === null)
          fail(
            rrule,
            `UNTIL=${rrule.value.match(/UNTIL=([^;]*)/i)?.[1]} is before the first occurrence starts (DTSTART)`,
          );
        else if (end) ({ until, count } = end);
      }
    }
    const exdates: string[] = [];
    for (const ex of props.filter((p) => p.name === 'EXDATE')) {
      for (const v of ex.value.split(',')) {
        const t = readTime({ ...ex, value: v }, start.zone, fail);
        if (t) exdates.push(formatLocal(t.floating));
      }
    }
    recurrence = { pattern, until, count, exdates };
  }

  const monitors = one('X-LOOKOUT-MONITORS');
  const groups = one('X-LOOKOUT-GROUPS');
  const monitorIds = monitors
    ? monitors.value
        .split(',')
        .map(Number)
        .filter((n) => Number.isInteger(n) && n > 0)
    : [];
  const groupList = groups ? splitText(groups.value) : [];
  if (errors.length > before || durationMin === undefined) return undefined;
  return {
    line,
    draft: {
      title: unescapeText(one('SUMMARY')?.value ?? '').trim() || 'Imported maintenance',
      description: unescapeText(one('DESCRIPTION')?.value ?? ''),
      start: formatLocal(start.floating),
      zone: start.zone,
      durationMin,
      recurrence,
      monitorIds: monitorIds.length || groupList.length ? monitorIds : defaults.monitorIds,
      groups: monitorIds.length || groupList.length ? groupList : defaults.groups,
    },
  };
}

/** The form pattern an RRULE (UNTIL/COUNT removed) is, or `custom` with the text. */
function patternOf(rule: string): RecurrencePattern {
  const days = `(?:${WEEKDAYS.join('|')})`;
  let m = /^FREQ=DAILY(?:;INTERVAL=(\d+))?$/.exec(rule);
  if (m) return { freq: 'daily', interval: Number(m[1] ?? 1) };
  m = new RegExp(`^FREQ=WEEKLY(?:;INTERVAL=(\\d+))?;BYDAY=(${days}(?:,${days})*)$`).exec(rule);
  if (m) return { freq: 'weekly', interval: Number(m[1] ?? 1), days: m[2]!.split(',') as Weekday[] };
  m = new RegExp(`^FREQ=MONTHLY(?:;INTERVAL=(\\d+))?;BYDAY=([1-4]|-1)(${days})$`).exec(rule);
  if (m)
    return {
      freq: 'monthly',
      interval: Number(m[1] ?? 1),
      nth: Number(m[2]) as 1 | 2 | 3 | 4 | -1,
      weekday: m[3] as Weekday,
    };
  return { freq: 'custom', rrule: rule };
}

interface Time {
  zone: string;
  floating: number;
  utc: number;
}

function readTime(p: Prop, zoneHint: string | undefined, fail: (p: Prop, m: string) => void): Time | undefined {
  if (p.params.VALUE === 'DATE' || /^\d{8}$/.test(p.value)) {
    fail(p, `${p.name} is a whole day; all-day events cannot be represented (give a start time and duration)`);
    return undefined;
  }
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})(Z?)$/.exec(p.value.trim());
  if (!m) {
    fail(p, `${p.name} ${p.value} is not a date-time like 20260301T020000`);
    return undefined;
  }
  if (m[6] !== '00') {
    fail(p, `${p.name} has seconds (${m[6]}); windows start on whole minutes`);
    return undefined;
  }
  const floating = Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!);
  const tzid = p.params.TZID;
  if (m[7] === 'Z') {
    const zone = zoneHint ?? 'UTC';
    return { zone, floating: utcToLocal(zone, floating), utc: floating };
  }
  if (!tzid) {
    if (zoneHint) return { zone: zoneHint, floating, utc: localToUtc(zoneHint, floating).utc };
    fail(p, `${p.name} is a floating time (no TZID and no Z); Lookout needs the time zone it is in`);
    return undefined;
  }
  if (!isValidZone(tzid)) {
    fail(p, `TZID ${tzid} is not an IANA time zone (such as Europe/London) and cannot be represented`);
    return undefined;
  }
  if (zoneHint && tzid !== zoneHint) {
    fail(
      p,
      `${p.name} is in ${tzid} but the event starts in ${zoneHint}; mixed zones in one event cannot be represented`,
    );
    return undefined;
  }
  return { zone: tzid, floating, utc: localToUtc(tzid, floating).utc };
}

/** PT90M, PT1H30M, P1D, P1W (whole minutes only). */
function readDuration(v: string): number | undefined {
  const m = /^P(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/.exec(v.trim());
  if (!m || v.trim() === 'P' || v.trim() === 'PT') return undefined;
  if (m[5] !== undefined && Number(m[5]) % 60 !== 0) return undefined;
  return (
    Number(m[1] ?? 0) * 10080 +
    Number(m[2] ?? 0) * 1440 +
    Number(m[3] ?? 0) * 60 +
    Number(m[4] ?? 0) +
    Number(m[5] ?? 0) / 60
  );
}

function unescapeText(s: string): string {
  return s.replace(/\\([\\;,nN])/g, (_, c: string) => (c === 'n' || c === 'N' ? '\n' : c));
}
function splitText(s: string): string[] {
  return s
    .split(/(?<!\\),/)
    .map(unescapeText)
    .map((x) => x.trim())
    .filter(Boolean);
}
