import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { openStore } from '../../electron/core/store';
import { APPLICATION_ID, MIGRATIONS } from '../../electron/core/store/migrations';
import { DAY, HOUR, MINUTE } from '../../electron/core/store/tiling';
import { tempDir } from './store-helpers';
import { connectionOf } from '../../electron/core/store/connection';

/**
 * A database written before rollups were sealed (schema 6) had minute, hour and day rows for every
 * result, and minute rows for results still in `results`. Upgrading must keep every answer the same.
 */
const SEALING = MIGRATIONS.findIndex((m) => m.includes('CREATE TABLE rollup_marks'));
const BASE = Date.UTC(2025, 5, 1);

let tmp: ReturnType<typeof tempDir> | undefined;
afterEach(() => tmp?.cleanup());

/** A schema-6 file with one monitor: one result a minute for two and a half days, rollups written the old way. */
function oldDatabase(path: string, prunedBefore: number): number {
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma(`application_id = ${APPLICATION_ID}`);
  for (const m of MIGRATIONS.slice(0, SEALING)) db.exec(m);
  db.pragma(`user_version = ${SEALING}`);
  db.prepare(
    "INSERT INTO monitors (name, group_name, kind, interval_sec, retries, paused, config, created_at) VALUES ('Web', 'Web', 'http', 60, 2, 0, ?, 0)",
  ).run(JSON.stringify({ url: 'https://example.com/' }));
  const upsert = db.prepare(
    `INSERT INTO rollups (monitor_id, level, bucket, up, degraded, down, unknown, m_up, m_degraded, m_down, m_unknown, lat_n, lat_sum, lat_min, lat_max, h5)
     VALUES (1, ?, ?, ?, 0, ?, 0, 0, 0, 0, 0, ?, ?, ?, ?, ?)
     ON CONFLICT (monitor_id, level, bucket) DO UPDATE SET up = up + excluded.up, down = down + excluded.down,
       lat_n = lat_n + excluded.lat_n, lat_sum = lat_sum + excluded.lat_sum, h5 = h5 + excluded.h5,
       lat_min = coalesce(min(lat_min, excluded.lat_min), lat_min, excluded.lat_min), lat_max = coalesce(max(lat_max, excluded.lat_max), lat_max, excluded.lat_max)`,
  );
  const raw = db.prepare(
    'INSERT INTO results (monitor_id, ts, status, latency, in_maintenance) VALUES (1, ?, ?, ?, 0)',
  );
  let n = 0;
  db.transaction(() => {
    for (let ts = BASE + 7_000; ts < BASE + 2.5 * DAY; ts += MINUTE, n++) {
      const down = n % 11 === 0;
      const lat = down ? null : 8;
      for (const [level, ms] of [
        [0, MINUTE],
        [1, HOUR],
        [2, DAY],
      ] as const) {
        upsert.run(level, ts - (ts % ms), down ? 0 : 1, down ? 1 : 0, down ? 0 : 1, lat ?? 0, lat, lat, down ? 0 : 1);
      }
      // Retention had already taken the oldest raw results; their minute rows stayed.
      if (ts >= prunedBefore) raw.run(ts, down ? 2 : 0, lat);
    }
  })();
  db.close();
  return n;
}

describe('upgrading to sealed rollups', () => {
  it('keeps every uptime answer, marks what the old rows covered, and drops minute rows that duplicate raw results', () => {
    tmp = tempDir();
    const path = tmp.file('old.db');
    const prunedBefore = BASE + DAY + 5 * HOUR + 30 * MINUTE + 7_000;
    const total = oldDatabase(path, prunedBefore);

    const store = openStore({ path, now: () => BASE + 2.5 * DAY });
    try {
      expect(store.rollupMarks()).toEqual({ hours: BASE + 2 * DAY + 11 * HOUR, days: BASE + 2 * DAY });
      const minuteRows = connectionOf(store).prepare('SELECT count(*) FROM rollups WHERE level = 0').pluck().get();
      // Only the minutes whose results retention took remain as minute rows.
      expect(minuteRows).toBe((prunedBefore - BASE - 7_000) / MINUTE);
      const whole = store.uptime(1, BASE, BASE + 3 * DAY);
      expect(whole.total).toBe(total);
      expect(whole.down).toBe(Math.ceil(total / 11));
      // A range cutting through minutes both before and after the pruning point.
      const from = BASE + DAY + 3 * HOUR + 17 * MINUTE;
      const to = BASE + 2 * DAY + 11 * HOUR + 42 * MINUTE;
      expect(store.uptime(1, from, to).total).toBe(Math.round((to - from) / MINUTE));
      expect(store.latency(1, BASE, BASE + 3 * DAY)).toMatchObject({
        count: total - Math.ceil(total / 11),
        min: 8,
        max: 8,
      });
    } finally {
      store.close();
    }
  });
});
