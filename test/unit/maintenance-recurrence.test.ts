import fc from 'fast-check';
import { DateTime } from 'luxon';
import * as rruleModule from 'rrule';
import { describe, expect, it } from 'vitest';
import { Recurrence, WEEKDAYS, type RecurrenceInput } from '../../shared/maintenance';
import { compile, expand, ruleText, scheduleIssues, type Schedule } from '../../electron/core/maintenance/recurrence';
import { formatLocal, parseLocal } from '../../electron/core/maintenance/zone';

const { RRule } = (rruleModule as unknown as { default?: typeof rruleModule }).default ?? rruleModule;

function schedule(start: string, zone: string, rec: RecurrenceInput | null, durationMin = 60): Schedule {
  return { start, zone, durationMin, recurrence: rec === null ? null : Recurrence.parse(rec) };
}

/** Occurrences as "local wall time in zone | UTC", the way an operator would check them. */
function occurrences(s: Schedule, from: string, to: string): string[] {
  return expand(compile(s), Date.parse(from), Date.parse(to)).map((p) => {
    const local = DateTime.fromMillis(p.start, { zone: s.zone }).toFormat("yyyy-MM-dd'T'HH:mm");
    return `${local} | ${new Date(p.start).toISOString().slice(0, 16)}Z${p.shifted ? ' shifted' : ''}`;
  });
}

describe('recurrence across DST in the window’s own zone', () => {
  it('Africa/Johannesburg (no DST): every Sunday 02:00 stays 02:00 = 00:00 UTC all year', () => {
    const s = schedule('2026-01-04T02:00', 'Africa/Johannesburg', { pattern: { freq: 'weekly', days: ['SU'] } });
    const all = expand(compile(s), Date.parse('2026-01-01T00:00Z'), Date.parse('2027-01-01T00:00Z'));
    expect(all).toHaveLength(52);
    for (const p of all) expect(new Date(p.start).toISOString().slice(11, 16)).toBe('00:00');
  });

  it('Europe/London: Sunday 01:30 across spring-forward (01:30 does not exist → 02:30 BST) and fall-back (first 01:30, BST)', () => {
    const s = schedule('2026-03-22T01:30', 'Europe/London', { pattern: { freq: 'weekly', days: ['SU'] } });
    expect(occurrences(s, '2026-03-20T00:00Z', '2026-04-06T00:00Z')).toEqual([
      '2026-03-22T01:30 | 2026-03-22T01:30Z',
      '2026-03-29T02:30 | 2026-03-29T01:30Z shifted',
      '2026-04-05T01:30 | 2026-04-05T00:30Z',
    ]);
    expect(occurrences(s, '2026-10-17T00:00Z', '2026-11-02T00:00Z')).toEqual([
      '2026-10-18T01:30 | 2026-10-18T00:30Z',
      // 01:30 happens twice on 25 October; the first is still BST (+01:00).
      '2026-10-25T01:30 | 2026-10-25T00:30Z',
      '2026-11-01T01:30 | 2026-11-01T01:30Z',
    ]);
  });

  it('America/New_York: daily 02:30 moves to 03:30 on 8 March only; daily 01:30 on 1 November takes the EDT instance', () => {
    const spring = schedule('2026-03-07T02:30', 'America/New_York', { pattern: { freq: 'daily' } });
    expect(occurrences(spring, '2026-03-07T00:00Z', '2026-03-10T00:00Z')).toEqual([
      '2026-03-07T02:30 | 2026-03-07T07:30Z',
      '2026-03-08T03:30 | 2026-03-08T07:30Z shifted',
      '2026-03-09T02:30 | 2026-03-09T06:30Z',
    ]);
    const fall = schedule('2026-10-31T01:30', 'America/New_York', { pattern: { freq: 'daily' }, count: 3 });
    expect(occurrences(fall, '2026-10-30T00:00Z', '2026-11-05T00:00Z')).toEqual([
      '2026-10-31T01:30 | 2026-10-31T05:30Z',
      '2026-11-01T01:30 | 2026-11-01T05:30Z',
      '2026-11-02T01:30 | 2026-11-02T06:30Z',
    ]);
  });

  it('Australia/Sydney (southern hemisphere): first Sunday 02:30 of the month: April repeats it, October skips it', () => {
    const s = schedule('2026-03-01T02:30', 'Australia/Sydney', {
      pattern: { freq: 'monthly', nth: 1, weekday: 'SU' },
      until: '2026-12-31',
    });
    expect(occurrences(s, '2026-02-01T00:00Z', '2027-01-01T00:00Z')).toEqual([
      '2026-03-01T02:30 | 2026-02-28T15:30Z',
      // 5 April: clocks go back at 03:00 AEDT; 02:30 happens twice, the first is AEDT (+11).
      '2026-04-05T02:30 | 2026-04-04T15:30Z',
      '2026-05-03T02:30 | 2026-05-02T16:30Z',
      '2026-06-07T02:30 | 2026-06-06T16:30Z',
      '2026-07-05T02:30 | 2026-07-04T16:30Z',
      '2026-08-02T02:30 | 2026-08-01T16:30Z',
      '2026-09-06T02:30 | 2026-09-05T16:30Z',
      // 4 October: 02:00 → 03:00; 02:30 does not exist and moves forward to 03:30 AEDT.
      '2026-10-04T03:30 | 2026-10-03T16:30Z shifted',
      '2026-11-01T02:30 | 2026-10-31T15:30Z',
      '2026-12-06T02:30 | 2026-12-05T15:30Z',
    ]);
  });

  it('Asia/Kolkata (+05:30, no DST): weekly Mon/Thu 23:45 is 18:15 UTC every time', () => {
    const s = schedule('2026-01-01T23:45', 'Asia/Kolkata', {
      pattern: { freq: 'weekly', days: ['MO', 'TH'] },
      count: 20,
    });
    const all = expand(compile(s), Date.parse('2025-12-01T00:00Z'), Date.parse('2027-01-01T00:00Z'));
    expect(all).toHaveLength(20);
    for (const p of all) expect(new Date(p.start).toISOString().slice(11, 16)).toBe('18:15');
  });

  it('never produces an EXDATE', () => {
    const s = schedule('2026-03-01T02:00', 'Europe/London', {
      pattern: { freq: 'weekly', days: ['SU'] },
      exdates: ['2026-03-08T02:00', '2026-03-29T02:00'],
    });
    const locals = expand(compile(s), Date.parse('2026-02-01T00:00Z'), Date.parse('2026-05-01T00:00Z')).map((p) =>
      formatLocal(p.local),
    );
    expect(locals).toContain('2026-03-01T02:00');
    expect(locals).toContain('2026-03-15T02:00');
    expect(locals).not.toContain('2026-03-08T02:00');
    expect(locals).not.toContain('2026-03-29T02:00');
  });
});

const ZONES = [
  'Africa/Johannesburg',
  'Europe/London',
  'America/New_York',
  'Australia/Sydney',
  'Asia/Kolkata',
  'Europe/Berlin',
  'America/Santiago',
];

const arbPattern = fc.oneof(
  fc.record({ freq: fc.constant('daily' as const), interval: fc.integer({ min: 1, max: 5 }) }),
  fc.record({
    freq: fc.constant('weekly' as const),
    interval: fc.integer({ min: 1, max: 3 }),
    days: fc.uniqueArray(fc.constantFrom(...WEEKDAYS), { minLength: 1, maxLength: 7 }),
  }),
  fc.record({
    freq: fc.constant('monthly' as const),
    interval: fc.integer({ min: 1, max: 3 }),
    nth: fc.constantFrom(1 as const, 2 as const, 3 as const, 4 as const, -1 as const),
    weekday: fc.constantFrom(...WEEKDAYS),
  }),
);
const arbSchedule = fc
  .record({
    day: fc.integer({ min: 0, max: 700 }),
    hour: fc.integer({ min: 0, max: 23 }),
    minute: fc.constantFrom(0, 15, 30, 45),
    zone: fc.constantFrom(...ZONES),
    pattern: arbPattern,
    count: fc.option(fc.integer({ min: 1, max: 60 }), { nil: null }),
    exdateEvery: fc.integer({ min: 2, max: 7 }),
  })
  .map(({ day, hour, minute, zone, pattern, count, exdateEvery }) => {
    const start = formatLocal(Date.UTC(2025, 0, 1 + day, hour, minute));
    return { start, zone, pattern, count, exdateEvery };
  });

describe('properties', () => {
  it('every occurrence is at the declared local wall-clock time, or moved forward by exactly the DST jump, and EXDATEs never appear', () => {
    fc.assert(
      fc.property(arbSchedule, ({ start, zone, pattern, count, exdateEvery }) => {
        const base = schedule(start, zone, { pattern, count });
        const c = compile(base);
        const floating = c.floating(parseLocal(start) + 2 * 366 * 86_400_000, 200);
        // Exclude every n-th occurrence (by local time) and check none of them comes back.
        const exdates = floating.filter((_, i) => i % exdateEvery === 1).map(formatLocal);
        const s = schedule(start, zone, { pattern, count, exdates });
        const placed = expand(compile(s), Date.parse('2024-06-01T00:00Z'), Date.parse('2028-01-01T00:00Z'));
        const excluded = new Set(exdates.map(parseLocal));
        for (const p of placed) {
          if (excluded.has(p.local)) return false;
          const wall = DateTime.fromMillis(p.start, { zone });
          const wallFloating = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute);
          if (!p.shifted && wallFloating !== p.local) return false;
          // Shifted: the local time did not exist; the wall time is later by the size of the jump (≤ 1 h in these zones).
          if (p.shifted && !(wallFloating > p.local && wallFloating - p.local <= 3_600_000)) return false;
          if (p.shifted && wall.offset === DateTime.fromMillis(p.start - 3 * 3_600_000, { zone }).offset) return false;
        }
        return true;
      }),
      { numRuns: 150 },
    );
  });

  it('the arithmetic expansion of form rules equals rrule.js', () => {
    fc.assert(
      fc.property(arbSchedule, ({ start, zone, pattern, count }) => {
        const rec = Recurrence.parse({ pattern, count });
        const ours = compile({ start, zone, durationMin: 30, recurrence: rec }).floating(
          parseLocal(start) + 3 * 366 * 86_400_000,
          500,
        );
        const rule = new RRule({
          ...RRule.parseString(ruleText(rec)),
          dtstart: new Date(parseLocal(start)),
          until: new Date(parseLocal(start) + 3 * 366 * 86_400_000),
        });
        const theirs = rule.all((_, i) => i < 500).map((d) => d.getTime());
        // rrule.js leaves out a DTSTART that does not match the rule; ours starts from it only if it matches too.
        expect(ours).toEqual(theirs);
      }),
      { numRuns: 200 },
    );
  });
});

describe('schedule validation (field paths the form shows)', () => {
  it('reports a malformed custom RRULE at recurrence.pattern.rrule', () => {
    const issues = scheduleIssues(
      schedule('2026-03-01T02:00', 'Europe/London', { pattern: { freq: 'custom', rrule: 'FREQ=WEEKLY;BYDAY=XX' } }),
    );
    expect(issues[0]).toMatchObject({ path: 'recurrence.pattern.rrule' });
    expect(issues[0]!.message).toMatch(/Malformed RRULE/);
    expect(
      scheduleIssues(
        schedule('2026-03-01T02:00', 'Europe/London', { pattern: { freq: 'custom', rrule: 'FREQ=SOMETIMES' } }),
      )[0]!.path,
    ).toBe('recurrence.pattern.rrule');
    expect(
      scheduleIssues(
        schedule('2026-03-01T02:00', 'Europe/London', { pattern: { freq: 'custom', rrule: 'FREQ=HOURLY' } }),
      )[0]!.message,
    ).toMatch(/more often than daily/);
  });

  it('reports a recurrence with no occurrence at recurrence', () => {
    const all = scheduleIssues(
      schedule('2026-03-01T02:00', 'Europe/London', {
        pattern: { freq: 'daily' },
        count: 2,
        exdates: ['2026-03-01T02:00', '2026-03-02T02:00'],
      }),
    );
    expect(all).toEqual([{ path: 'recurrence', message: expect.stringMatching(/no occurrence/) }]);
    const never = scheduleIssues(
      schedule('2026-02-28T02:00', 'Europe/London', {
        pattern: { freq: 'custom', rrule: 'FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30' },
      }),
    );
    expect(never[0]?.path).toBe('recurrence');
  });

  it('reports a start that is not itself an occurrence at start', () => {
    // 2026-03-03 is a Tuesday.
    const issues = scheduleIssues(
      schedule('2026-03-03T02:00', 'Europe/London', { pattern: { freq: 'weekly', days: ['SU'] } }),
    );
    expect(issues[0]?.path).toBe('start');
    expect(issues[0]?.message).toMatch(/first would be 2026-03-08 02:00/);
  });

  it('accepts a custom rule rrule.js has to expand (last weekday of the month) and places it in the zone', () => {
    const s = schedule('2026-01-30T22:00', 'America/New_York', {
      pattern: { freq: 'custom', rrule: 'FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1' },
      count: 3,
    });
    expect(scheduleIssues(s)).toEqual([]);
    expect(occurrences(s, '2026-01-01T00:00Z', '2026-06-01T00:00Z').map((x) => x.slice(0, 16))).toEqual([
      '2026-01-30T22:00',
      '2026-02-27T22:00',
      '2026-03-31T22:00',
    ]);
  });
});
