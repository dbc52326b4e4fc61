import { describe, expect, it } from 'vitest';
import { WindowDraft, type MaintenanceWindow, type WindowDraftInput } from '../../shared/maintenance';
import { createExpansion } from '../../electron/core/maintenance/expansion';
import { parseIcs } from '../../electron/core/maintenance/ical-read';
import { exportIcs } from '../../electron/core/maintenance/ical-write';
import { ruleText } from '../../electron/core/maintenance/recurrence';

const NOW = Date.parse('2026-01-15T12:00:00Z');
const TWO_YEARS = 2 * 365 * 86_400_000;

function window(id: number, over: Partial<WindowDraftInput>): MaintenanceWindow {
  const d = WindowDraft.parse({
    title: `W${id}`,
    start: '2026-01-04T02:00',
    zone: 'Europe/London',
    durationMin: 90,
    groups: ['Web'],
    ...over,
  });
  return { ...d, id, rrule: d.recurrence ? ruleText(d.recurrence) : null, createdAt: 1, updatedAt: 1 };
}

const WINDOWS = [
  window(1, {
    title: 'Weekly DB, London; with “quotes”, commas',
    description: 'Line one\nline two; done',
    recurrence: { pattern: { freq: 'weekly', days: ['SU'] }, exdates: ['2026-03-29T02:00'] },
  }),
  window(2, {
    start: '2026-03-08T02:30',
    zone: 'America/New_York',
    monitorIds: [3, 4],
    groups: [],
    recurrence: { pattern: { freq: 'daily', interval: 3 }, until: '2027-06-30' },
  }),
  window(3, {
    start: '2026-01-04T02:30',
    zone: 'Australia/Sydney',
    recurrence: { pattern: { freq: 'monthly', nth: 1, weekday: 'SU' }, count: 18 },
  }),
  window(4, {
    start: '2026-01-01T23:45',
    zone: 'Asia/Kolkata',
    recurrence: { pattern: { freq: 'custom', rrule: 'FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1' } },
  }),
  window(5, { start: '2026-02-01T00:00', zone: 'Africa/Johannesburg', durationMin: 45 }),
];

const starts = (w: { start: string; zone: string; durationMin: number; recurrence: MaintenanceWindow['recurrence'] }) =>
  createExpansion(w)
    .between(NOW - 86_400_000 * 60, NOW + TWO_YEARS)
    .map((p) => p.start);

describe('iCalendar export and import', () => {
  const text = exportIcs(WINDOWS, { now: NOW });

  it('round-trips: importing the export gives the same occurrences for two years', () => {
    const { events, errors } = parseIcs(text, { monitorIds: [], groups: [] });
    expect(errors).toEqual([]);
    expect(events).toHaveLength(WINDOWS.length);
    events.forEach((ev, i) => {
      const back = WindowDraft.parse(ev.draft);
      const orig = WINDOWS[i]!;
      expect(back.title).toBe(orig.title);
      expect(back.description).toBe(orig.description);
      expect([back.zone, back.durationMin, back.monitorIds, back.groups]).toEqual([
        orig.zone,
        orig.durationMin,
        orig.monitorIds,
        orig.groups,
      ]);
      const a = starts(orig);
      expect(a.length).toBeGreaterThan(0);
      expect(starts(back)).toEqual(a);
    });
  });

  it('is structurally valid RFC 5545: CRLF, folded ≤ 75 octets, balanced components, required properties, VTIMEZONE per TZID', () => {
    expect(text.endsWith('\r\n')).toBe(true);
    const physical = text.slice(0, -2).split('\r\n');
    for (const l of physical) expect(Buffer.byteLength(l)).toBeLessThanOrEqual(75);
    const lines = text
      .replace(/\r\n[ \t]/g, '')
      .split('\r\n')
      .filter(Boolean);
    expect(lines[0]).toBe('BEGIN:VCALENDAR');
    expect(lines.at(-1)).toBe('END:VCALENDAR');
    expect(lines).toContain('VERSION:2.0');
    expect(lines.some((l) => l.startsWith('PRODID:'))).toBe(true);
    const stack: string[] = [];
    for (const l of lines) {
      if (l.startsWith('BEGIN:')) stack.push(l.slice(6));
      if (l.startsWith('END:')) expect(stack.pop()).toBe(l.slice(4));
      expect(l).toMatch(/^[A-Z][A-Z0-9-]*(;[A-Z-]+=[^:;]+)*:/);
    }
    expect(stack).toEqual([]);

    const events = text
      .split('BEGIN:VEVENT')
      .slice(1)
      .map((e) => e.replace(/\r\n[ \t]/g, ''));
    for (const e of events) {
      for (const p of ['UID:', 'DTSTAMP:', 'DTSTART;TZID=', 'DURATION:PT', 'SUMMARY:']) expect(e).toContain(p);
    }
    const tzids = new Set([...text.matchAll(/;TZID=([^:;]+)/g)].map((m) => m[1]));
    for (const z of tzids) expect(text).toContain(`BEGIN:VTIMEZONE\r\nTZID:${z}\r\n`);
    // London in 2026: BST from 29 March 01:00 UTC (local 01:00 GMT) to 25 October.
    expect(text).toContain(
      'BEGIN:DAYLIGHT\r\nDTSTART:20260329T010000\r\nTZOFFSETFROM:+0000\r\nTZOFFSETTO:+0100\r\nEND:DAYLIGHT',
    );
    expect(text).toContain(
      'BEGIN:STANDARD\r\nDTSTART:20261025T020000\r\nTZOFFSETFROM:+0100\r\nTZOFFSETTO:+0000\r\nEND:STANDARD',
    );
    expect(text).toContain('TZOFFSETTO:+0530');
    // UNTIL in UTC with a TZID start (RFC 5545 3.3.10): end of 30 June 2027 in New York.
    expect(text).toContain('RRULE:FREQ=DAILY;INTERVAL=3;UNTIL=20270701T035959Z');
    expect(text).toContain('EXDATE;TZID=Europe/London:20260329T020000');
    expect(text).toContain('SUMMARY:Weekly DB\\, London\\; with “quotes”\\, commas');
  });

  it('refuses what it cannot represent with the line and the reason, importing nothing', () => {
    const bad = [
      'BEGIN:VCALENDAR',
      'VERSION:2.0',
      'BEGIN:VEVENT',
      'SUMMARY:Floating',
      'DTSTART:20260301T020000',
      'DURATION:PT1H',
      'END:VEVENT',
      'BEGIN:VEVENT',
      'SUMMARY:Windows zone',
      'DTSTART;TZID=Pacific Standard Time:20260301T020000',
      'DURATION:PT1H',
      'END:VEVENT',
      'BEGIN:VEVENT',
      'SUMMARY:Extra dates',
      'DTSTART;TZID=Europe/London:20260301T020000',
      'DTEND;TZID=Europe/London:20260301T030000',
      'RDATE;TZID=Europe/London:20260310T020000',
      'END:VEVENT',
      'BEGIN:VEVENT',
      'SUMMARY:All day',
      'DTSTART;VALUE=DATE:20260301',
      'END:VEVENT',
      'END:VCALENDAR',
    ].join('\r\n');
    const { events, errors } = parseIcs(bad, { monitorIds: [], groups: ['Web'] });
    expect(events).toEqual([]);
    expect(errors.map((e) => [e.line, e.message.split(/[;:(]/)[0]])).toEqual([
      [5, 'DTSTART is a floating time '],
      [10, 'TZID Pacific Standard Time is not an IANA time zone '],
      [17, 'RDATE '],
      [21, 'DTSTART is a whole day'],
    ]);
    expect(parseIcs('hello', { monitorIds: [], groups: [] }).errors[0]!.message).toMatch(/BEGIN:VCALENDAR/);
  });

  it('takes DTEND, UTC times and folded lines from other calendars, with the import’s default targets', () => {
    const foreign =
      'BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nSUMMARY:Patch \r\n Tuesday\r\nDTSTART:20260310T090000Z\r\nDTEND:20260310T103000Z\r\nRRULE:FREQ=WEEKLY;BYDAY=TU;COUNT=4\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n';
    const { events, errors } = parseIcs(foreign, { monitorIds: [7], groups: [] });
    expect(errors).toEqual([]);
    expect(events[0]!.draft).toMatchObject({
      title: 'Patch Tuesday',
      zone: 'UTC',
      start: '2026-03-10T09:00',
      durationMin: 90,
      monitorIds: [7],
      recurrence: { pattern: { freq: 'weekly', interval: 1, days: ['TU'] }, count: 4 },
    });
  });
});
