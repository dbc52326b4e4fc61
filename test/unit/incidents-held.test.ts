import { copyFileSync, existsSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import type { Incident, IncidentEvent } from '../../shared/incidents';
import { createIncidents } from '../../electron/core/incidents/incidents';
import { openStore, type Store } from '../../electron/core/store';
import { connectionOf, tableDbOf } from '../../electron/core/store/connection';
import { createIncidentStore } from '../../electron/core/store/incidents';
import { MIN, startHarness, type Harness } from './state-harness';
import { draft, tempDir } from './store-helpers';

/**
 * An incident's progress and close are held in memory and written with the result writer's next
 * batch (store/results.ts `hold`). What the operator sees must not change: every read, event and
 * restart shows the same incident as if each change had been written at once.
 */
let h: Harness | undefined;
let store: Store | undefined;
let dir: ReturnType<typeof tempDir> | undefined;
afterEach(() => {
  h?.cleanup();
  store?.close();
  dir?.cleanup();
  h = store = dir = undefined;
});

/** Straight from the file, past the store's settling: what a crash right now would leave. */
function inFile(s: Store, id: number): { ended_at: number | null; failed_probes: number } | undefined {
  return connectionOf(s).prepare('SELECT ended_at, failed_probes FROM incidents WHERE id = ?').get(id) as
    { ended_at: number | null; failed_probes: number } | undefined;
}
function resultsInFile(s: Store): number {
  return connectionOf(s).prepare('SELECT count(*) FROM results').pluck().get() as number;
}

describe('incident progress and closes ride with the result writer', () => {
  it('the close reaches the file with the recovering result; reads and events never see the difference', async () => {
    h = startHarness({ writerOnFakeClock: true });
    const events: IncidentEvent[] = [];
    h.bus.on('incident', (e) => events.push(e));
    await h.clock.advance(3 * MIN);
    h.set('down');
    while (!events.some((e) => e.action === 'opened')) await h.clock.advance(1000);
    const opened = events.find((e) => e.action === 'opened')!.incident;
    // Opening is written at once (its id is in the alert), and the event is what a read answers.
    expect(inFile(h.store, opened.id)).toMatchObject({ ended_at: null });
    expect(h.monitoring.incidentStore.get(opened.id, h.clock.now())).toEqual({
      ...opened,
      durationMs: h.clock.now() - opened.startedAt,
    });

    // A long outage: progress is held, announced every 5 minutes, and what reads answer.
    await h.clock.advance(12 * MIN);
    const updated = events.filter((e) => e.action === 'updated').at(-1)!.incident;
    expect(updated.failedProbes).toBeGreaterThan(opened.failedProbes);
    const read = h.monitoring.incidentStore.get(opened.id, h.clock.now())!;
    expect(read.failedProbes).toBeGreaterThanOrEqual(updated.failedProbes);
    expect(inFile(h.store, opened.id)!.failed_probes).toBe(read.failedProbes);

    h.set('up');
    // What the file holds at the moment the close is announced (what a crash then would leave).
    let atClose: { endedAt: number | null; recoveringResultStored: boolean } | undefined;
    h.bus.on('incident', (e) => {
      if (e.action !== 'closed') return;
      const recovering = connectionOf(h!.store)
        .prepare('SELECT count(*) FROM results WHERE ts = ?')
        .pluck()
        .get(e.incident.endedAt) as number;
      atClose = { endedAt: inFile(h!.store, e.incident.id)!.ended_at, recoveringResultStored: recovering > 0 };
    });
    while (!events.some((e) => e.action === 'closed')) await h.clock.advance(250);
    const closed = events.find((e) => e.action === 'closed')!.incident;
    // Held then: neither the recovering result nor the close was in the file ...
    expect(atClose).toEqual({ endedAt: null, recoveringResultStored: false });
    // ... and within a quarter of a second both are.
    await h.clock.advance(250);
    expect(resultsInFile(h.store)).toBe(h.results().length);
    expect(inFile(h.store, opened.id)).toEqual({ ended_at: closed.endedAt, failed_probes: closed.failedProbes });
    // The event said what the file now says.
    expect(h.monitoring.incidentStore.get(opened.id, h.clock.now())).toEqual(closed);
  });

  it('a read in between writes what is held first', async () => {
    h = startHarness({ writerOnFakeClock: true });
    await h.clock.advance(3 * MIN);
    h.set('down');
    await h.clock.advance(3 * MIN);
    h.set('up');
    const closes: Incident[] = [];
    h.bus.on('incident', (e) => void (e.action === 'closed' && closes.push(e.incident)));
    while (closes.length === 0) await h.clock.advance(1000);
    // No time passes: the list (a settled read) still shows it closed, and so does the file after it.
    const listed = h.monitoring.incidentStore.list({ limit: 10, offset: 0 }, h.clock.now()).items;
    expect(listed).toEqual([closes[0]]);
    expect(inFile(h.store, closes[0]!.id)!.ended_at).toBe(closes[0]!.endedAt);
  });

  it('stopping the console writes what is held: the next session finds the incident closed', async () => {
    h = startHarness({ writerOnFakeClock: true });
    const dirOf = h.dir;
    await h.clock.advance(3 * MIN);
    h.set('down');
    await h.clock.advance(3 * MIN);
    h.set('up');
    let closedId: number | undefined;
    h.bus.on('incident', (e) => void (e.action === 'closed' && (closedId = e.incident.id)));
    while (closedId === undefined) await h.clock.advance(1000);
    h.stop();
    store = openStore({ path: `${dirOf}/lookout.db` });
    const again = store.tables.incidents.list({ limit: 10, offset: 0 }, Date.now()).items;
    expect(again.map((i) => [i.id, i.endedAt !== null])).toEqual([[closedId, true]]);
  });
});

describe('a crash loses only the held tail, and the next session says so', () => {
  it('the stopped gap starts where the stored results end, and an incident open in the file stays open', async () => {
    h = startHarness({ writerOnFakeClock: true });
    await h.clock.advance(10 * MIN);
    h.set('down');
    await h.clock.advance(4 * MIN); // confirmed: the incident is open (written at once)
    await h.clock.advance(90_000); // steady down results held (under the two-minute hold)
    const crashedAt = h.clock.now();
    // What the disk holds now (the database and its WAL), as a power cut would leave it.
    const image = tempDir();
    dir = image;
    for (const f of ['lookout.db', 'lookout.db-wal'])
      if (existsSync(`${h.dir}/${f}`)) copyFileSync(`${h.dir}/${f}`, image.file(f));
    const lastStored = connectionOf(h.store).prepare('SELECT max(ts) FROM results').pluck().get() as number;
    h.cleanup();
    h = startHarness({ dir: image.dir, start: crashedAt + 10 * MIN, writerOnFakeClock: true });
    const stopped = h.monitoring.gaps.gaps(0, h.clock.now()).filter((g) => g.reason === 'stopped');
    expect(stopped).toHaveLength(1);
    // No stretch without results and without a gap: the gap begins no later than the last stored result ...
    expect(stopped[0]!.start).toBeLessThanOrEqual(lastStored + 60_000);
    // ... and not long before it (the mark rides with the same batches).
    expect(stopped[0]!.start).toBeGreaterThanOrEqual(crashedAt - 3 * MIN);
    expect(stopped[0]!.end).toBe(crashedAt + 10 * MIN);
    const open = h.monitoring.incidentStore.list({ limit: 10, offset: 0 }, h.clock.now()).items;
    expect(open.map((i) => i.endedAt)).toEqual([null]);
  });
});

describe('createIncidents over the real table', () => {
  it('a monitor that fails again before its last close is written never has two open incidents in the file', () => {
    dir = tempDir();
    store = openStore({ path: dir.file('db.sqlite3') });
    const m = store.monitors.create(draft('A'));
    const table = createIncidentStore(tableDbOf(store));
    let t = 1_000_000;
    const incidents = createIncidents(
      table,
      () => t,
      () => undefined,
    );
    const run = (startedAt: number) => ({
      startedAt,
      count: 2,
      firstErrorCode: 'timeout',
      firstError: 'Timed out',
      lastErrorCode: 'timeout',
      lastError: 'Timed out',
      windowId: null,
    });
    const first = incidents.open(m.id, run(t));
    t += 60_000;
    incidents.close(m.id, t);
    expect(incidents.pending()).toBe(true);
    t += 1_000;
    const second = incidents.open(m.id, run(t));
    const openInFile = connectionOf(store)
      .prepare('SELECT id FROM incidents WHERE monitor_id = ? AND ended_at IS NULL')
      .pluck()
      .all(m.id);
    expect(openInFile).toEqual([second.id]);
    expect(table.get(first.id, t)).toMatchObject({ endedAt: first.startedAt + 60_000 });
    // What open() answered is what the table answers for the new row.
    expect(table.get(second.id, t)).toEqual(second);
  });
});
