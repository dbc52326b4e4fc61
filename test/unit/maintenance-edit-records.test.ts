import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WindowDraft, type Occurrence, type WindowDraftInput } from '../../shared/maintenance';
import { createEventBus } from '../../electron/core/events';
import { createMaintenance, type Maintenance } from '../../electron/core/maintenance/service';
import { openStore, type Store } from '../../electron/core/store';
import { FakeClock } from '../support/fake-clock';
import { tempDir } from './store-helpers';
import { connectionOf } from '../../electron/core/store/connection';

/**
 * Editing a window keeps what operators did to its occurrences (cancelled, extended, ended
 * early): all of it for an edit that does not move occurrences, the records of occurrences that
 * still exist for a schedule edit, and every record of an occurrence already over, always.
 */

const MIN = 60_000;
const DAY = 24 * 60 * MIN;
const at = (iso: string) => Date.parse(`${iso}:00Z`);
/** Mondays and Wednesdays 10:00–11:00 UTC from Monday 2 February 2026. */
const BASE: WindowDraftInput = {
  title: 'DB patching',
  start: '2026-02-02T10:00',
  zone: 'UTC',
  durationMin: 60,
  groups: ['Web'],
  recurrence: { pattern: { freq: 'weekly', days: ['MO', 'WE'] } },
};
const windowOf = (over: Partial<WindowDraftInput> = {}) => WindowDraft.parse({ ...BASE, ...over });

describe('editing a maintenance window keeps its occurrence records', () => {
  let tmp: ReturnType<typeof tempDir>;
  let store: Store;
  let clock: FakeClock;
  let m: Maintenance;
  let events: unknown[];
  let id: number;

  beforeEach(async () => {
    tmp = tempDir();
    clock = new FakeClock(at('2026-02-01T09:00'));
    store = openStore({ path: tmp.file('db.sqlite3'), now: () => clock.now() });
    const bus = createEventBus();
    events = [];
    bus.on('maintenance', (e) => events.push(e));
    m = createMaintenance({ windows: store.tables.windows, readOnly: false, clock, bus, monitors: store.monitors });
    id = (await m.handlers['windows.create']({ window: windowOf(), acknowledgeConflicts: true })).id;
    m.start();
  });
  afterEach(() => {
    m.stop();
    store.close();
    tmp.cleanup();
  });

  const advanceTo = (t: number) => clock.advance(t - clock.now());
  const edit = (over: Partial<WindowDraftInput>) =>
    m.handlers['windows.update']({ id, window: windowOf(over), acknowledgeConflicts: true });
  async function occurrence(start: number): Promise<Occurrence | undefined> {
    const { windows } = await m.handlers['occurrences.list']({ from: start, to: start + 1 });
    return windows.find((o) => o.windowId === id && o.start === start);
  }
  const recordedStarts = () =>
    connectionOf(store)
      .prepare<[number], { start: number }>(
        'SELECT start FROM maintenance_occurrences WHERE window_id = ? ORDER BY start',
      )
      .all(id)
      .map((r) => new Date(r.start).toISOString().slice(0, 16));

  it('keeps a cancellation, an extension and an early end when the title, message or targets change', async () => {
    const running = at('2026-02-02T10:00');
    const cancelled = at('2026-02-04T10:00');
    const endedEarly = at('2026-02-09T10:00');
    await m.handlers['windows.cancelOccurrence']({ id, start: cancelled });
    await advanceTo(running + 10 * MIN);
    await m.handlers['windows.extend']({ id, start: running, minutes: 30 });
    await advanceTo(endedEarly + 20 * MIN);
    await m.handlers['windows.endEarly']({ id, start: endedEarly });
    const future = at('2026-02-16T10:00');
    await m.handlers['windows.cancelOccurrence']({ id, start: future });
    events.length = 0;

    await edit({ title: 'DB patching (v2)', description: 'Now with a runbook', groups: ['Web', 'API'] });

    expect(await occurrence(running)).toMatchObject({ state: 'completed', extendedMin: 30, end: running + 90 * MIN });
    expect(await occurrence(cancelled)).toMatchObject({ state: 'cancelled' });
    expect(await occurrence(endedEarly)).toMatchObject({
      state: 'completed',
      endedEarlyAt: endedEarly + 20 * MIN,
      end: endedEarly + 20 * MIN,
    });
    expect(await occurrence(future)).toMatchObject({ state: 'cancelled' });
    expect(m.queries.isInMaintenance({ id: 1, group: 'API' }, future + MIN)).toBe(false);
    expect(events).toContainEqual({ reason: 'window', windowId: id });
  });

  it('adds an extension to the new duration when the duration changes', async () => {
    const running = at('2026-02-02T10:00');
    await advanceTo(running + 10 * MIN);
    await m.handlers['windows.extend']({ id, start: running, minutes: 30 });

    await edit({ durationMin: 45 });

    expect(await occurrence(running)).toMatchObject({ state: 'in_progress', extendedMin: 30, end: running + 75 * MIN });
    expect(m.queries.isInMaintenance({ id: 1, group: 'Web' }, running + 70 * MIN)).toBe(true);
    await advanceTo(running + 75 * MIN);
    expect((await occurrence(running))?.state).toBe('completed');
  });

  it('moving Wednesday to Thursday drops the future Wednesday records, keeps the Monday ones and every past one', async () => {
    const pastWed = at('2026-02-04T10:00');
    const pastMon = at('2026-02-09T10:00');
    await m.handlers['windows.cancelOccurrence']({ id, start: pastWed });
    await advanceTo(pastMon + 5 * MIN);
    await m.handlers['windows.extend']({ id, start: pastMon, minutes: 15 });
    await advanceTo(at('2026-03-02T09:00'));
    const futureMon = at('2026-03-02T10:00');
    const futureWed = at('2026-03-04T10:00');
    const laterMon = at('2026-03-09T10:00');
    for (const start of [futureMon, futureWed, laterMon]) await m.handlers['windows.cancelOccurrence']({ id, start });
    events.length = 0;

    await edit({ recurrence: { pattern: { freq: 'weekly', days: ['MO', 'TH'] } } });

    expect(events).toContainEqual({ reason: 'window', windowId: id });
    expect((await occurrence(futureMon))?.state).toBe('cancelled');
    expect((await occurrence(laterMon))?.state).toBe('cancelled');
    expect(await occurrence(futureWed)).toBeUndefined();
    expect((await occurrence(futureWed + DAY))?.state).toBe('scheduled');
    expect(await occurrence(pastMon)).toMatchObject({ state: 'completed', extendedMin: 15, end: pastMon + 75 * MIN });
    // The past Wednesday's history stays in the store although the new schedule has no Wednesdays…
    expect(recordedStarts()).toContain('2026-02-04T10:00');
    expect(recordedStarts()).not.toContain('2026-03-04T10:00');

    // …so putting Wednesday back shows it cancelled again, while the dropped future one is scheduled.
    await edit({});
    expect((await occurrence(pastWed))?.state).toBe('cancelled');
    expect((await occurrence(futureWed))?.state).toBe('scheduled');
    expect((await occurrence(futureMon))?.state).toBe('cancelled');
  });

  it('moving the whole schedule by a day keeps past records, drops the future ones whose start vanished', async () => {
    const pastMon = at('2026-02-02T10:00');
    await advanceTo(pastMon + 5 * MIN);
    await m.handlers['windows.extend']({ id, start: pastMon, minutes: 20 });
    await advanceTo(at('2026-03-02T09:00'));
    const futureMon = at('2026-03-02T10:00');
    const futureWed = at('2026-03-04T10:00');
    for (const start of [futureMon, futureWed]) await m.handlers['windows.cancelOccurrence']({ id, start });

    // Tuesdays and Thursdays: no occurrence keeps its start.
    await edit({ start: '2026-02-03T10:00', recurrence: { pattern: { freq: 'weekly', days: ['TU', 'TH'] } } });

    expect(recordedStarts()).toContain('2026-02-02T10:00');
    expect(recordedStarts().filter((s) => s >= '2026-03-02')).toEqual([]);
    expect((await occurrence(futureMon + DAY))?.state).toBe('scheduled');
    expect((await occurrence(futureWed + DAY))?.state).toBe('scheduled');
  });

  it('a new zone moves every future start: their records go, the past ones stay', async () => {
    const pastMon = at('2026-02-02T10:00');
    await advanceTo(pastMon + 5 * MIN);
    await m.handlers['windows.extend']({ id, start: pastMon, minutes: 20 });
    await advanceTo(at('2026-03-02T09:00'));
    await m.handlers['windows.cancelOccurrence']({ id, start: at('2026-03-04T10:00') });

    await edit({ zone: 'Europe/Berlin' });

    expect(recordedStarts()).toContain('2026-02-02T10:00');
    expect(recordedStarts()).not.toContain('2026-03-04T10:00');
    expect((await occurrence(at('2026-03-04T09:00')))?.state).toBe('scheduled');
  });
});
