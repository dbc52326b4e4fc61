import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { MINUTE_ROLLUP_DAYS, PRUNE_STEP_ROWS, startRetention } from '../../electron/core/database/retention-schedule';
import { openStore, type Store } from '../../electron/core/store';
import { DAY, HOUR, MINUTE } from '../../electron/core/store/tiling';
import { Settings } from '../../shared/settings';
import { FakeClock } from '../support/fake-clock';
import { draft, result, tempDir } from './store-helpers';
import { connectionOf } from '../../electron/core/store/connection';

let tmp: ReturnType<typeof tempDir>;
let store: Store;
beforeEach(() => {
  tmp = tempDir();
  store = openStore({ path: tmp.file('lookout.db') });
});
afterEach(() => {
  store.close();
  tmp.cleanup();
});

/** One result every `everyMs` over [0, days), every 13th down. */
function history(monitorId: number, days: number, everyMs: number): number {
  let n = 0;
  for (let ts = 0; ts < days * DAY; ts += everyMs, n++)
    store.results.enqueue(result(monitorId, ts, n % 13 === 0 ? { status: 'down' } : {}));
  store.results.flush();
  return n;
}
function rows(sql: string): number {
  return connectionOf(store).prepare(sql).pluck().get() as number;
}

describe('retention', () => {
  it('prunes raw results past retentionDays in small steps while ingest keeps working; uptime still comes from rollups', async () => {
    const m = store.monitors.create(draft());
    const total = history(m.id, 40, MINUTE);
    const ranges: [number, number][] = [
      [0, 40 * DAY],
      [2 * DAY + 7 * MINUTE, 2 * DAY + 3 * HOUR + 13 * MINUTE], // minute-aligned, inside the pruned days
      [5 * DAY, 31 * DAY + 5 * HOUR], // across the cut
    ];
    const before = ranges.map(([a, b]) => store.uptime(m.id, a, b));

    const clock = new FakeClock(40 * DAY);
    const retention = startRetention({ store, clock, settings: () => Settings.parse({ retentionDays: 30 }) });
    const pass = retention.runPass();
    // Ingest between prune steps: the pass yields to the event loop after every step.
    let ingested = 0;
    let finished = false;
    void pass.then(() => (finished = true));
    while (!finished) {
      store.results.enqueue(result(m.id, 40 * DAY + ingested * 1000));
      store.results.flush();
      ingested++;
      await new Promise<void>((r) => setImmediate(r));
    }
    const pruned = await pass;
    retention.stop();

    expect(pruned.results).toBe(10 * 24 * 60);
    expect(ingested).toBeGreaterThanOrEqual(Math.ceil(pruned.results / PRUNE_STEP_ROWS) - 1); // ingest ran between the steps
    expect(rows('SELECT count(*) FROM results')).toBe(total - pruned.results + ingested);
    expect(rows(`SELECT min(ts) FROM results`)).toBe(10 * DAY);
    expect(pruned.minutes).toBe(0); // minute rollups outlive raw results
    ranges.forEach(([a, b], i) => expect(store.uptime(m.id, a, b)).toEqual(before[i]));
  });

  it(`keeps minute rollups ${MINUTE_ROLLUP_DAYS} days and hour/day rollups for good`, async () => {
    const m = store.monitors.create(draft());
    history(m.id, MINUTE_ROLLUP_DAYS + 10, 10 * MINUTE);
    const whole = store.uptime(m.id, 0, (MINUTE_ROLLUP_DAYS + 10) * DAY);
    const hours = store.uptime(m.id, 3 * DAY + 5 * HOUR, 4 * DAY + 2 * HOUR);

    const retention = startRetention({
      store,
      clock: new FakeClock((MINUTE_ROLLUP_DAYS + 10) * DAY),
      settings: () => Settings.parse({ retentionDays: 1 }),
    });
    const pruned = await retention.runPass();
    retention.stop();

    // Results past the minute horizon go without a minute row; the ones within it became minute rows.
    expect(pruned.results).toBe(99 * 24 * 6);
    expect(rows('SELECT min(bucket) FROM rollups WHERE level = 0')).toBe(10 * DAY);
    expect(rows('SELECT count(*) FROM rollups WHERE level = 0')).toBe((MINUTE_ROLLUP_DAYS - 1) * 24 * 6);
    expect(rows('SELECT count(*) FROM results')).toBe(24 * 6);
    expect(rows('SELECT count(*) FROM rollups WHERE level = 1')).toBe((MINUTE_ROLLUP_DAYS + 10) * 24);
    expect(store.uptime(m.id, 0, (MINUTE_ROLLUP_DAYS + 10) * DAY)).toEqual(whole);
    expect(store.uptime(m.id, 3 * DAY + 5 * HOUR, 4 * DAY + 2 * HOUR)).toEqual(hours);

    // Five days on, the oldest five days of minute rows pass the horizon; what they summed stays in hours and days.
    const later = startRetention({
      store,
      clock: new FakeClock((MINUTE_ROLLUP_DAYS + 15) * DAY),
      settings: () => Settings.parse({ retentionDays: 1 }),
    });
    const again = await later.runPass();
    later.stop();
    expect(again.minutes).toBe(5 * 24 * 6);
    expect(rows('SELECT min(bucket) FROM rollups WHERE level = 0')).toBe(15 * DAY);
    expect(rows('SELECT count(*) FROM results')).toBe(0);
    expect(store.uptime(m.id, 0, (MINUTE_ROLLUP_DAYS + 10) * DAY)).toEqual(whole);
  });

  it('runs on its own: shortly after start and then every interval of the clock', async () => {
    const m = store.monitors.create(draft());
    history(m.id, 3, HOUR);
    const clock = new FakeClock(3 * DAY);
    const retention = startRetention({
      store,
      clock,
      settings: () => Settings.parse({ retentionDays: 1 }),
      everyMs: HOUR,
    });
    expect(rows('SELECT count(*) FROM results')).toBe(72);
    await clock.advance(HOUR);
    // The first pass ran a minute after start: results from 2 d + 1 min on are kept (hours 49..71).
    // It yields between steps (setImmediate), so it may still be finishing when advance returns.
    await vi.waitFor(() => expect(rows('SELECT count(*) FROM results')).toBe(23));
    retention.stop();
  });
});
