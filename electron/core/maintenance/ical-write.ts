import type { MaintenanceWindow } from '../../../shared/maintenance';
import { ruleText } from './recurrence';
import { localToUtc, parseLocal, transitionsBetween, utcToLocal } from './zone';

/**
 * iCalendar (RFC 5545) export of windows, written by hand: the maintained JS calendar libraries
 * either parse only (ical.js has no VTIMEZONE generation from IANA data) or emit floating/UTC
 * times, while calendar apps need DTSTART;TZID plus a VTIMEZONE to keep a weekly 02:00 at 02:00
 * across DST. The VTIMEZONE lists each offset change in the exported span from luxon's offsets
 * (zone.ts), as explicit STANDARD/DAYLIGHT observances, which every client reads.
 */

const YEAR = 365 * 86_400_000;

export interface ExportOptions {
  now: number;
  /** Declared local starts (floating ms) of cancelled occurrences, per window: exported as EXDATEs. */
  cancelled?: (windowId: number) => number[];
}

export function exportIcs(windows: MaintenanceWindow[], opts: ExportOptions): string {
  const lines: string[] = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Lookout//Maintenance windows//EN',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
  ];
  const zones = new Map<string, { from: number; to: number }>();
  for (const w of windows) {
    const start = localToUtc(w.zone, parseLocal(w.start)).utc;
    const span = zones.get(w.zone);
    const from = start - YEAR;
    const to = Math.max(start, opts.now) + 5 * YEAR;
    zones.set(w.zone, span ? { from: Math.min(span.from, from), to: Math.max(span.to, to) } : { from, to });
  }
  for (const [zone, span] of zones) lines.push(...vtimezone(zone, span.from, span.to));
  for (const w of windows) lines.push(...vevent(w, opts));
  lines.push('END:VCALENDAR');
  return lines.map(fold).join('\r\n') + '\r\n';
}

function vtimezone(zone: string, from: number, to: number): string[] {
  const out = ['BEGIN:VTIMEZONE', `TZID:${zone}`];
  const transitions = transitionsBetween(zone, from, to);
  if (transitions.length === 0) {
    const offset = Math.round((utcToLocal(zone, from) - from) / 60_000);
    out.push(
      'BEGIN:STANDARD',
      'DTSTART:19700101T000000',
      `TZOFFSETFROM:${offsetText(offset)}`,
      `TZOFFSETTO:${offsetText(offset)}`,
      'END:STANDARD',
    );
  }
  for (const t of transitions) {
    const kind = t.to > t.from ? 'DAYLIGHT' : 'STANDARD';
    // DTSTART of an observance is the local time *before* the change (RFC 5545 3.6.5).
    out.push(
      `BEGIN:${kind}`,
      `DTSTART:${localStamp(t.at + t.from * 60_000)}`,
      `TZOFFSETFROM:${offsetText(t.from)}`,
      `TZOFFSETTO:${offsetText(t.to)}`,
      `END:${kind}`,
    );
  }
  out.push('END:VTIMEZONE');
  return out;
}

function vevent(w: MaintenanceWindow, opts: ExportOptions): string[] {
  const out = [
    'BEGIN:VEVENT',
    `UID:lookout-window-${w.id}-${w.createdAt}@lookout`,
    `DTSTAMP:${utcStamp(opts.now)}`,
    `DTSTART;TZID=${w.zone}:${localStamp(parseLocal(w.start))}`,
    `DURATION:PT${w.durationMin}M`,
    `SUMMARY:${escapeText(w.title)}`,
  ];
  if (w.description) out.push(`DESCRIPTION:${escapeText(w.description)}`);
  const rec = w.recurrence;
  if (rec) {
    let rule = ruleText(rec);
    // With a TZID start, RFC 5545 wants UNTIL in UTC: the end of the last day in the window's zone.
    if (rec.until !== null)
      rule = rule.replace(
        /UNTIL=[^;]+/,
        `UNTIL=${utcStamp(localToUtc(w.zone, parseLocal(`${rec.until}T23:59`) + 59_000).utc)}`,
      );
    out.push(`RRULE:${rule}`);
    const ex = [...rec.exdates.map(parseLocal), ...(opts.cancelled?.(w.id) ?? [])];
    const unique = [...new Set(ex)].sort((a, b) => a - b);
    if (unique.length > 0) out.push(`EXDATE;TZID=${w.zone}:${unique.map(localStamp).join(',')}`);
  }
  if (w.monitorIds.length > 0) out.push(`X-LOOKOUT-MONITORS:${w.monitorIds.join(',')}`);
  if (w.groups.length > 0) out.push(`X-LOOKOUT-GROUPS:${w.groups.map(escapeText).join(',')}`);
  out.push('END:VEVENT');
  return out;
}

/** Floating ms -> 20260329T013000. */
export function localStamp(floating: number): string {
  return new Date(floating).toISOString().slice(0, 19).replace(/[-:]/g, '');
}
function utcStamp(utc: number): string {
  return `${localStamp(utc)}Z`;
}

function offsetText(min: number): string {
  const sign = min < 0 ? '-' : '+';
  const a = Math.abs(min);
  return `${sign}${String(Math.floor(a / 60)).padStart(2, '0')}${String(a % 60).padStart(2, '0')}`;
}

export function escapeText(s: string): string {
  return s.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r?\n/g, '\\n');
}

/** Lines longer than 75 octets continue on the next line after a space (RFC 5545 3.1), never splitting a UTF-8 character. */
function fold(line: string): string {
  if (Buffer.byteLength(line) <= 75) return line;
  const parts: string[] = [];
  let cur = '';
  let bytes = 0;
  for (const ch of line) {
    const b = Buffer.byteLength(ch);
    const limit = parts.length === 0 ? 75 : 74;
    if (bytes + b > limit) {
      parts.push(cur);
      cur = '';
      bytes = 0;
    }
    cur += ch;
    bytes += b;
  }
  parts.push(cur);
  return parts.join('\r\n ');
}
