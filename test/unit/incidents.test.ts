import { afterEach, describe, expect, it } from 'vitest';
import { createIncidentStore } from '../../electron/core/store/incidents';
import { createGapStore } from '../../electron/core/store/gaps';
import { openStore, type Store } from '../../electron/core/store';
import { draft, tempDir } from './store-helpers';
import { tableDbOf } from '../../electron/core/store/connection';

let store: Store | undefined;
let dir: ReturnType<typeof tempDir> | undefined;
afterEach(() => {
  store?.close();
  dir?.cleanup();
  store = undefined;
  dir = undefined;
});

function setup() {
  dir = tempDir();
  store = openStore({ path: dir.file('db.sqlite3') });
  const a = store.monitors.create(draft('A'));
  const b = store.monitors.create(draft('B'));
  return {
    store,
    incidents: createIncidentStore(tableDbOf(store)),
    gaps: createGapStore(tableDbOf(store)),
    a: a.id,
    b: b.id,
  };
}

const open = (monitorId: number, startedAt: number) => ({
  monitorId,
  startedAt,
  errorCode: 'timeout',
  error: 'Timed out',
  failedProbes: 2,
  windowId: null,
});

describe('incident store', () => {
  it('lists open incidents first, then the most recent, paged with a total', () => {
    const { incidents, a, b } = setup();
    const i1 = incidents.open(open(a, 1000));
    incidents.close(i1, 2000, { lastErrorCode: 'timeout', lastError: 'Timed out', failedProbes: 4, windowId: null });
    const i2 = incidents.open(open(b, 3000));
    const i3 = incidents.open(open(a, 5000));
    incidents.close(i3, 6000, { lastErrorCode: 'timeout', lastError: 'Timed out', failedProbes: 3, windowId: null });
    const i4 = incidents.open(open(a, 500)); // old but still open

    const all = incidents.list({ limit: 10, offset: 0 }, 10_000);
    expect(all.items.map((i) => i.id)).toEqual([i2, i4, i3, i1]);
    expect(all.total).toBe(4);
    expect(all.items[0]).toMatchObject({ endedAt: null, durationMs: 7000 });
    expect(all.items[2]).toMatchObject({ endedAt: 6000, durationMs: 1000, failedProbes: 3 });

    const page2 = incidents.list({ limit: 2, offset: 2 }, 10_000);
    expect(page2.items.map((i) => i.id)).toEqual([i3, i1]);
    expect(incidents.list({ limit: 10, offset: 0, monitorId: b }, 10_000).items.map((i) => i.id)).toEqual([i2]);
  });

  it('lists the incidents overlapping a chart range, open ones included', () => {
    const { incidents, a, b } = setup();
    const before = incidents.open(open(a, 1000));
    incidents.close(before, 2000, {
      lastErrorCode: 'timeout',
      lastError: 'Timed out',
      failedProbes: 2,
      windowId: null,
    });
    const straddling = incidents.open(open(a, 2500));
    incidents.close(straddling, 3500, {
      lastErrorCode: 'timeout',
      lastError: 'Timed out',
      failedProbes: 2,
      windowId: null,
    });
    const stillOpen = incidents.open(open(a, 500));
    const other = incidents.open(open(b, 3200));
    const after = incidents.open(open(a, 9000));

    const inRange = incidents.list({ limit: 10, offset: 0, monitorId: a, from: 3000, to: 5000 }, 10_000);
    expect(inRange.items.map((i) => i.id).sort()).toEqual([straddling, stillOpen].sort());
    expect(inRange.total).toBe(2);
    expect(
      incidents
        .list({ limit: 10, offset: 0, from: 3000, to: 5000 }, 10_000)
        .items.map((i) => i.id)
        .sort(),
    ).toEqual([straddling, stillOpen, other].sort());
    expect(after).toBeGreaterThan(0);
  });

  it('records who acknowledged and when, and keeps notes in order', () => {
    const { incidents, a } = setup();
    const id = incidents.open(open(a, 1000));
    incidents.acknowledge(id, 'ana', 1500);
    incidents.addNote(id, 1600, 'ana', 'CDN edge in FRA returns 503');
    incidents.addNote(id, 1700, null, 'Vendor ticket opened');
    const got = incidents.get(id, 2000)!;
    expect(got).toMatchObject({ acknowledgedBy: 'ana', acknowledgedAt: 1500 });
    expect(got.notes.map((n) => [n.at, n.by, n.text])).toEqual([
      [1600, 'ana', 'CDN edge in FRA returns 503'],
      [1700, null, 'Vendor ticket opened'],
    ]);
  });

  it('keeps the first overlapping maintenance window once one is recorded', () => {
    const { incidents, a } = setup();
    const id = incidents.open(open(a, 1000));
    incidents.touch(id, { lastErrorCode: 'x', lastError: 'X', failedProbes: 5, windowId: 4 });
    incidents.touch(id, { lastErrorCode: 'y', lastError: 'Y', failedProbes: 6, windowId: 9 });
    expect(incidents.get(id, 2000)).toMatchObject({
      maintenanceWindowId: 4,
      failedProbes: 6,
      lastError: 'Y',
      firstError: 'Timed out',
    });
  });

  it('gaps(from, to) returns the gaps overlapping the range', () => {
    const { gaps } = setup();
    gaps.add(1000, 2000, 'asleep');
    gaps.add(5000, 9000, 'offline');
    expect(gaps.gaps(0, 1000)).toEqual([]);
    expect(gaps.gaps(1500, 6000).map((g) => [g.start, g.end, g.reason])).toEqual([
      [1000, 2000, 'asleep'],
      [5000, 9000, 'offline'],
    ]);
    expect(gaps.gaps(9000, 10_000)).toEqual([]);
  });

  it('deleting a monitor deletes its incidents', () => {
    const { store: s, incidents, a, b } = setup();
    incidents.open(open(a, 1000));
    incidents.open(open(b, 1000));
    s.monitors.delete(a);
    expect(incidents.list({ limit: 10, offset: 0 }, 2000).items.map((i) => i.monitorId)).toEqual([b]);
  });
});
