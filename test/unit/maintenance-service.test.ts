import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { methods } from '../../shared/api';
import { ApiError, issuesFromZod } from '../../shared/errors';
import type { WindowDraftInput } from '../../shared/maintenance';
import { WindowDraft } from '../../shared/maintenance';
import { createEventBus } from '../../electron/core/events';
import { createMaintenance, type Maintenance } from '../../electron/core/maintenance/service';
import { openStore, type Store } from '../../electron/core/store';
import { FakeClock } from '../support/fake-clock';
import { draft, tempDir } from './store-helpers';

const MIN = 60_000;
const T0 = Date.parse('2026-03-02T09:00:00Z'); // a Monday

function input(over: Partial<WindowDraftInput> = {}): WindowDraftInput {
  return {
    title: 'DB upgrade',
    start: '2026-03-08T02:00',
    zone: 'Europe/London',
    durationMin: 60,
    groups: ['Web'],
    ...over,
  };
}
const parseWindow = (over: Partial<WindowDraftInput> = {}) => WindowDraft.parse(input(over));

describe('maintenance service (real SQLite, fake clock)', () => {
  let tmp: ReturnType<typeof tempDir>;
  let store: Store;
  let clock: FakeClock;
  let m: Maintenance;
  let events: unknown[];
  let monitorId: number;

  function open(): void {
    store = openStore({ path: tmp.file('db.sqlite3'), now: () => clock.now() });
    const bus = createEventBus();
    events = [];
    bus.on('maintenance', (e) => events.push(e));
    m = createMaintenance({ windows: store.tables.windows, readOnly: false, clock, bus, monitors: store.monitors });
  }

  beforeEach(() => {
    tmp = tempDir();
    clock = new FakeClock(T0);
    open();
    monitorId = store.monitors.create(draft('Homepage')).id;
  });
  afterEach(() => {
    m.stop();
    store.close();
    tmp.cleanup();
  });

  it('keeps windows, peaks and occurrence records across a reopen', async () => {
    const w = await m.handlers['windows.create']({
      window: parseWindow({ recurrence: { pattern: { freq: 'weekly', days: ['SU'] } } as never }),
      acknowledgeConflicts: false,
    });
    await m.handlers['peaks.create']({
      peak: {
        title: 'Finale',
        kind: 'live_stream',
        start: '2026-04-01T20:00',
        zone: 'Europe/London',
        durationMin: 120,
        description: '',
        recurrence: null,
      },
    });
    const first = Date.parse('2026-03-08T02:00:00Z');
    m.start();
    await clock.advance(first - T0 + 10 * MIN);
    await m.handlers['windows.extend']({ id: w.id, start: first, minutes: 30 });
    m.stop();
    store.close();

    open();
    expect(await m.handlers['windows.list']({})).toEqual([w]);
    expect((await m.handlers['peaks.list']({})).map((p) => p.title)).toEqual(['Finale']);
    const occ = (await m.handlers['occurrences.list']({ from: first, to: first + 1 })).windows[0]!;
    expect(occ).toMatchObject({ state: 'in_progress', extendedMin: 30, end: first + 90 * MIN });
    expect(w.rrule).toBe('FREQ=WEEKLY;BYDAY=SU');
  });

  it('moves occurrences scheduled → in_progress → completed on the clock, announcing each change', async () => {
    m.start();
    const w = await m.handlers['windows.create']({
      window: parseWindow({ start: '2026-03-02T10:00', zone: 'UTC' }),
      acknowledgeConflicts: false,
    });
    const start = Date.parse('2026-03-02T10:00:00Z');
    const state = async () => (await m.handlers['occurrences.list']({ from: start, to: start + 1 })).windows[0]!.state;
    expect(await state()).toBe('scheduled');
    expect(m.queries.isInMaintenance({ id: monitorId, group: 'Web' }, start + MIN)).toBe(true);
    await clock.advance(start - T0);
    expect(await state()).toBe('in_progress');
    await clock.advance(60 * MIN);
    expect(await state()).toBe('completed');
    expect(events).toContainEqual({ reason: 'occurrence', windowId: w.id, start, state: 'in_progress' });
    expect(events).toContainEqual({ reason: 'occurrence', windowId: w.id, start, state: 'completed' });
  });

  it('extends a running occurrence, ends one early, cancels a scheduled one; the queries follow', async () => {
    const w = await m.handlers['windows.create']({
      window: parseWindow({
        start: '2026-03-02T10:00',
        zone: 'UTC',
        recurrence: { pattern: { freq: 'daily' }, count: 3 } as never,
      }),
      acknowledgeConflicts: false,
    });
    const day1 = Date.parse('2026-03-02T10:00:00Z');
    const target = { id: monitorId, group: 'Web' };
    m.start();
    await expect(async () => m.handlers['windows.extend']({ id: w.id, start: day1, minutes: 15 })).rejects.toThrow(
      /only a running one can be extended/,
    );
    await clock.advance(day1 - T0 + 5 * MIN);
    const ext = await m.handlers['windows.extend']({ id: w.id, start: day1, minutes: 15 });
    expect(ext.end).toBe(day1 + 75 * MIN);
    expect(m.queries.isInMaintenance(target, day1 + 70 * MIN)).toBe(true);
    expect(m.queries.activeWindows(monitorId, 'Web', day1 + 70 * MIN)).toEqual([w.id]);

    const day2 = day1 + 24 * 60 * MIN;
    await clock.advance(day2 - clock.now() + 20 * MIN);
    const early = await m.handlers['windows.endEarly']({ id: w.id, start: day2 });
    expect(early).toMatchObject({ state: 'completed', endedEarlyAt: day2 + 20 * MIN });
    expect(m.queries.isInMaintenance(target, day2 + 30 * MIN)).toBe(false);

    const day3 = day2 + 24 * 60 * MIN;
    expect((await m.handlers['windows.cancelOccurrence']({ id: w.id, start: day3 })).state).toBe('cancelled');
    expect(m.queries.isInMaintenance(target, day3 + MIN)).toBe(false);
    // 75 + 20 + 0 minutes of maintenance over the three days.
    expect(m.queries.maintenanceMinutes(target, day1 - MIN, day3 + 24 * 60 * MIN)).toBe(95);
    expect(m.queries.maintenanceIntervals(target, day1, day3 + 60 * MIN)).toEqual([
      { start: day1, end: day1 + 75 * MIN },
      { start: day2, end: day2 + 20 * MIN },
    ]);
    expect(m.queries.nextOccurrence(target, day2 + 30 * MIN)).toBeNull();
  });

  it('merges overlapping windows on the same monitor so shared minutes count once', async () => {
    const target = { id: monitorId, group: 'Web' };
    await m.handlers['windows.create']({
      window: parseWindow({ start: '2026-03-05T10:00', zone: 'UTC', durationMin: 60 }),
      acknowledgeConflicts: false,
    });
    await m.handlers['windows.create']({
      window: parseWindow({
        start: '2026-03-05T10:30',
        zone: 'UTC',
        durationMin: 60,
        groups: [],
        monitorIds: [monitorId],
      }),
      acknowledgeConflicts: true,
    });
    const from = Date.parse('2026-03-05T00:00:00Z');
    expect(m.queries.maintenanceMinutes(target, from, from + 86_400_000)).toBe(90);
    expect(m.queries.maintenanceMinutes({ id: 999, group: 'Web' }, from, from + 86_400_000)).toBe(60);
    expect(m.queries.maintenanceMinutes({ id: 999, group: 'Task submissions' }, from, from + 86_400_000)).toBe(0);
    expect(m.queries.nextOccurrence(target, T0)?.start).toBe(Date.parse('2026-03-05T10:00:00Z'));
  });

  it('reports conflicts with a peak event and with a window on a shared monitor before saving; acknowledged saves', async () => {
    await m.handlers['peaks.create']({
      peak: {
        title: 'Sunday live show',
        kind: 'live_stream',
        description: '',
        start: '2026-03-08T01:30',
        zone: 'Europe/London',
        durationMin: 90,
        recurrence: { pattern: { freq: 'weekly', days: ['SU'], interval: 1 }, until: null, count: null, exdates: [] },
      },
    });
    const other = await m.handlers['windows.create']({
      window: parseWindow({ title: 'CDN swap', start: '2026-03-10T02:00', groups: [], monitorIds: [monitorId] }),
      acknowledgeConflicts: false,
    });
    const draftWindow = parseWindow({ recurrence: { pattern: { freq: 'daily' }, count: 3 } as never });
    const { conflicts } = await m.handlers['windows.conflicts']({ window: draftWindow, months: 6 });
    expect(conflicts.map((c) => [c.kind, c.otherTitle, new Date(c.start).toISOString()])).toEqual([
      ['peak', 'Sunday live show', '2026-03-08T02:00:00.000Z'],
      ['window', 'CDN swap', '2026-03-10T02:00:00.000Z'],
    ]);
    expect(conflicts[1]!.shared).toEqual(['Homepage']);
    expect(conflicts[1]!.otherId).toBe(other.id);
    await expect(async () =>
      m.handlers['windows.create']({ window: draftWindow, acknowledgeConflicts: false }),
    ).rejects.toMatchObject({ code: 'conflict' });
    expect(await m.handlers['windows.list']({})).toHaveLength(1);
    const saved = await m.handlers['windows.create']({ window: draftWindow, acknowledgeConflicts: true });
    expect(saved.id).toBeGreaterThan(other.id);
    // A window on another group does not collide with CDN swap, only with the peak.
    const elsewhere = parseWindow({
      groups: ['Task submissions'],
      recurrence: { pattern: { freq: 'daily' }, count: 3 } as never,
    });
    expect(
      (await m.handlers['windows.conflicts']({ window: elsewhere, months: 6 })).conflicts.map((c) => c.kind),
    ).toEqual(['peak']);
  });

  it('puts each invalid field’s message at its path and saves nothing', async () => {
    const schema = methods['windows.create'].input;
    const issue = (over: Partial<WindowDraftInput>) => {
      const r = schema.safeParse({ window: input(over) });
      return r.success ? [] : issuesFromZod(r.error);
    };
    expect(issue({ durationMin: 0 })[0]).toEqual({
      path: 'window.durationMin',
      message: 'Duration must be at least 1 minute',
    });
    expect(issue({ zone: 'Mars/Olympus_Mons' })[0]).toMatchObject({
      path: 'window.zone',
      message: expect.stringMatching(/Unknown time zone/),
    });
    expect(issue({ recurrence: { pattern: { freq: 'daily' }, until: '2026-03-01' } })[0]).toMatchObject({
      path: 'window.recurrence.until',
      message: expect.stringMatching(/ends before/),
    });
    expect(issue({ start: '2026-02-30T02:00' })[0]).toMatchObject({
      path: 'window.start',
      message: 'That date does not exist',
    });
    expect(issue({ groups: [] })[0]).toMatchObject({ path: 'window.monitorIds' });

    const core = async (over: Partial<WindowDraftInput>) => {
      try {
        await m.handlers['windows.create']({ window: WindowDraft.parse(input(over)), acknowledgeConflicts: true });
      } catch (err) {
        expect(err).toBeInstanceOf(ApiError);
        return (err as ApiError).issues?.[0];
      }
      return undefined;
    };
    expect(await core({ recurrence: { pattern: { freq: 'custom', rrule: 'FREQ=WEEKLY;BYDAY=XX' } } })).toMatchObject({
      path: 'window.recurrence.pattern.rrule',
    });
    expect(
      await core({ recurrence: { pattern: { freq: 'daily' }, count: 1, exdates: ['2026-03-08T02:00'] } }),
    ).toMatchObject({ path: 'window.recurrence', message: expect.stringMatching(/no occurrence/) });
    expect(await m.handlers['windows.list']({})).toEqual([]);
  });

  it('previews a schedule with the DST rule: 01:30 London on spring-forward Sunday shows as 02:30, shifted', async () => {
    const p = await m.handlers['windows.preview']({
      start: '2026-03-22T01:30',
      zone: 'Europe/London',
      durationMin: 30,
      recurrence: { pattern: { freq: 'weekly', days: ['SU'], interval: 1 }, until: null, count: null, exdates: [] },
      count: 3,
    });
    expect(p.occurrences.map((o) => [o.localStart, o.shifted, new Date(o.start).toISOString()])).toEqual([
      ['2026-03-22T01:30', false, '2026-03-22T01:30:00.000Z'],
      ['2026-03-29T01:30', true, '2026-03-29T01:30:00.000Z'],
      ['2026-04-05T01:30', false, '2026-04-05T00:30:00.000Z'],
    ]);
    expect(p.dstRule).toMatch(/02:30 becomes 03:30/);
    expect(p.rrule).toBe('FREQ=WEEKLY;BYDAY=SU');
  });
});
