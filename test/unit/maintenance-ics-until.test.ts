import { describe, expect, it } from 'vitest';
import { WindowDraft, type MaintenanceWindow } from '../../shared/maintenance';
import { createExpansion } from '../../electron/core/maintenance/expansion';
import { parseIcs } from '../../electron/core/maintenance/ical-read';
import { exportIcs } from '../../electron/core/maintenance/ical-write';
import { ruleText } from '../../electron/core/maintenance/recurrence';

/**
 * RFC 5545 3.3.10: UNTIL is inclusive and bounds occurrence *starts*. A DATE-TIME UNTIL in the
 * middle of a day admits that day's occurrence only if it starts at or before UNTIL; a DATE
 * UNTIL admits the whole day in the window's zone.
 */

const FROM = Date.parse('2026-01-01T00:00:00Z');
const TO = Date.parse('2027-01-01T00:00:00Z');

function imported(dtstart: string, rrule: string) {
  const text = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'BEGIN:VEVENT',
    'SUMMARY:Patch',
    dtstart,
    'DURATION:PT30M',
    `RRULE:${rrule}`,
    'END:VEVENT',
    'END:VCALENDAR',
  ].join('\r\n');
  const { events, errors } = parseIcs(text, { monitorIds: [], groups: ['Web'] });
  expect(errors).toEqual([]);
  return WindowDraft.parse(events[0]!.draft);
}
const iso = (ts: number) => new Date(ts).toISOString().slice(0, 16);
const starts = (d: WindowDraft) =>
  createExpansion(d)
    .between(FROM, TO)
    .map((p) => p.start);
const last = (d: WindowDraft) => iso(starts(d).at(-1)!);

describe('.ics import: UNTIL bounds occurrence starts, inclusively', () => {
  it('UTC UNTIL at midday: the 14:00 start that day is after it and is not produced', () => {
    const d = imported('DTSTART:20260301T140000Z', 'FREQ=DAILY;UNTIL=20260310T120000Z');
    expect(starts(d)).toHaveLength(9);
    expect(last(d)).toBe('2026-03-09T14:00');
  });

  it('UTC UNTIL exactly at a start produces that start', () => {
    const d = imported('DTSTART:20260301T140000Z', 'FREQ=DAILY;UNTIL=20260310T140000Z');
    expect(starts(d)).toHaveLength(10);
    expect(last(d)).toBe('2026-03-10T14:00');
    expect(last(imported('DTSTART:20260301T140000Z', 'FREQ=DAILY;UNTIL=20260310T135959Z'))).toBe('2026-03-09T14:00');
  });

  it('UTC UNTIL is read in the window’s zone: 12:00Z is 13:00 in Berlin, before a 14:00 start', () => {
    const d = imported('DTSTART;TZID=Europe/Berlin:20260301T140000', 'FREQ=DAILY;UNTIL=20260310T120000Z');
    expect(last(d)).toBe('2026-03-09T13:00');
    // 13:00Z is 14:00 in Berlin: exactly the start, so included.
    expect(last(imported('DTSTART;TZID=Europe/Berlin:20260301T140000', 'FREQ=DAILY;UNTIL=20260310T130000Z'))).toBe(
      '2026-03-10T13:00',
    );
  });

  it('local UNTIL (no Z) with a TZID start is a wall-clock time in that zone', () => {
    expect(last(imported('DTSTART;TZID=Europe/Berlin:20260301T140000', 'FREQ=DAILY;UNTIL=20260310T120000'))).toBe(
      '2026-03-09T13:00',
    );
    expect(last(imported('DTSTART;TZID=Europe/Berlin:20260301T140000', 'FREQ=DAILY;UNTIL=20260310T140000'))).toBe(
      '2026-03-10T13:00',
    );
    expect(last(imported('DTSTART;TZID=Europe/Berlin:20260301T140000', 'FREQ=DAILY;UNTIL=20260310T235959'))).toBe(
      '2026-03-10T13:00',
    );
  });

  it('DATE UNTIL admits the whole day in the window’s zone', () => {
    const d = imported('DTSTART;TZID=Europe/Berlin:20260301T230000', 'FREQ=DAILY;UNTIL=20260310');
    // 23:00 Berlin on 10 March is 22:00Z, still 10 March there: included.
    expect(last(d)).toBe('2026-03-10T22:00');
    expect(d.recurrence?.until).toBe('2026-03-10');
  });

  it('across the New York spring-forward: UNTIL at 09:00 EDT includes that 09:00 start, a second earlier does not', () => {
    // Clocks go forward on Sunday 8 March 2026; 09:00 is 14:00Z before and 13:00Z after.
    const at = imported('DTSTART;TZID=America/New_York:20260305T090000', 'FREQ=DAILY;UNTIL=20260310T130000Z');
    expect(starts(at).map(iso)).toEqual([
      '2026-03-05T14:00',
      '2026-03-06T14:00',
      '2026-03-07T14:00',
      '2026-03-08T13:00',
      '2026-03-09T13:00',
      '2026-03-10T13:00',
    ]);
    expect(last(imported('DTSTART;TZID=America/New_York:20260305T090000', 'FREQ=DAILY;UNTIL=20260310T125959Z'))).toBe(
      '2026-03-09T13:00',
    );
  });

  it('across the Berlin spring-forward with a local UNTIL, weekly', () => {
    // 29 March 2026: 02:00 CET becomes 03:00 CEST. Sundays and Mondays 09:00 local.
    const d = imported('DTSTART;TZID=Europe/Berlin:20260322T090000', 'FREQ=WEEKLY;BYDAY=SU,MO;UNTIL=20260330T085900');
    expect(starts(d).map(iso)).toEqual(['2026-03-22T08:00', '2026-03-23T08:00', '2026-03-29T07:00']);
    expect(
      last(imported('DTSTART;TZID=Europe/Berlin:20260322T090000', 'FREQ=WEEKLY;BYDAY=SU,MO;UNTIL=20260330T070000Z')),
    ).toBe('2026-03-30T07:00');
  });

  it('two starts a day with UNTIL between them: the earlier one that day is produced, the later one not', () => {
    const d = imported('DTSTART:20260301T020000Z', 'FREQ=DAILY;BYHOUR=2,14;UNTIL=20260303T120000Z');
    expect(starts(d).map(iso)).toEqual([
      '2026-03-01T02:00',
      '2026-03-01T14:00',
      '2026-03-02T02:00',
      '2026-03-02T14:00',
      '2026-03-03T02:00',
    ]);
  });

  it('an UNTIL before the first start is refused with its line', () => {
    const text = [
      'BEGIN:VCALENDAR',
      'BEGIN:VEVENT',
      'DTSTART:20260301T140000Z',
      'DURATION:PT30M',
      'RRULE:FREQ=DAILY;UNTIL=20260301T120000Z',
      'END:VEVENT',
      'END:VCALENDAR',
    ].join('\r\n');
    const { events, errors } = parseIcs(text, { monitorIds: [], groups: ['Web'] });
    expect(events).toEqual([]);
    expect(errors).toEqual([
      { line: 5, message: expect.stringMatching(/UNTIL=20260301T120000Z is before the first occurrence/) },
    ]);
  });

  it('export then import gives the same occurrences for every form', () => {
    const cases: [string, string][] = [
      ['DTSTART:20260301T140000Z', 'FREQ=DAILY;UNTIL=20260310T120000Z'],
      ['DTSTART;TZID=Europe/Berlin:20260301T140000', 'FREQ=DAILY;UNTIL=20260310T120000'],
      ['DTSTART;TZID=Europe/Berlin:20260301T230000', 'FREQ=DAILY;UNTIL=20260310'],
      ['DTSTART;TZID=America/New_York:20260305T090000', 'FREQ=DAILY;UNTIL=20260310T130000Z'],
      ['DTSTART;TZID=Europe/Berlin:20260322T090000', 'FREQ=WEEKLY;BYDAY=SU,MO;UNTIL=20260330T085900'],
      ['DTSTART:20260301T020000Z', 'FREQ=DAILY;BYHOUR=2,14;UNTIL=20260303T120000Z'],
    ];
    const windows: MaintenanceWindow[] = cases.map(([dtstart, rrule], i) => {
      const d = imported(dtstart, rrule);
      return { ...d, id: i + 1, rrule: d.recurrence ? ruleText(d.recurrence) : null, createdAt: 1, updatedAt: 1 };
    });
    const { events, errors } = parseIcs(exportIcs(windows, { now: FROM }), { monitorIds: [], groups: [] });
    expect(errors).toEqual([]);
    expect(events.map((e) => starts(WindowDraft.parse(e.draft)))).toEqual(windows.map(starts));
    // The end itself survives too (export writes the last day's end as a UTC UNTIL, or COUNT).
    const ends = (r: MaintenanceWindow['recurrence']) => [r?.until, r?.count];
    expect(events.map((e) => ends(WindowDraft.parse(e.draft).recurrence))).toEqual(
      windows.map((w) => ends(w.recurrence)),
    );
    expect(windows.map((w) => ends(w.recurrence))).toEqual([
      ['2026-03-09', null],
      ['2026-03-09', null],
      ['2026-03-10', null],
      ['2026-03-10', null],
      ['2026-03-29', null],
      [null, 5],
    ]);
  });
});
