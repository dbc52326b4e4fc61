import type { WritableDB } from './db';
import { HIST_COLS } from './histogram';
import { COUNT_COLS, RAW_AS_ROLLUP } from './sealing';

/**
 * Retention: raw results older than the operator's `retentionDays`, and minute rollups older than
 * their own horizon, are deleted in small steps (each its own short transaction) so a prune never
 * holds the write lock for long and ingest keeps flowing between steps. Hour and day rollups are
 * kept for good: they are what uptime over old ranges is answered from.
 *
 * Minute rows are made here: raw results that leave `results` but are still within the minute
 * horizon are summed into minute rows in the same step, so every result is counted in exactly one
 * of the two and readers take minute ranges from both (tiling.ts).
 */

export interface PruneStep {
  results: number;
  minutes: number;
  /** True when this step finished a full pass over the monitors. */
  done: boolean;
}

export function createPruner(db: WritableDB) {
  const nextMonitor = db.prepare<[number], number>('SELECT id FROM monitors WHERE id > ? ORDER BY id LIMIT 1').pluck();
  // Both statements walk the (monitor_id, ts) / (monitor_id, level, bucket) primary keys.
  const rawBoundary = db
    .prepare<[number, number, number], number>(
      'SELECT ts FROM results WHERE monitor_id = ? AND ts < ? ORDER BY ts LIMIT 1 OFFSET ?',
    )
    .pluck();
  const rawDelete = db.prepare<[number, number]>('DELETE FROM results WHERE monitor_id = ? AND ts < ?');
  const valueCols = [...COUNT_COLS, 'lat_n', 'lat_sum', 'lat_min', 'lat_max', ...HIST_COLS];
  const rawToMinutes = db.prepare<[number, number, number]>(
    `INSERT INTO rollups (monitor_id, level, bucket, ${valueCols.join(', ')})
     SELECT monitor_id, 0, ts - ts % 60000 AS mb,
       ${RAW_AS_ROLLUP.map((e, i) => (valueCols[i] === 'lat_min' ? `MIN(${e})` : valueCols[i] === 'lat_max' ? `MAX(${e})` : `coalesce(SUM(${e}), 0)`)).join(', ')}
     FROM results WHERE monitor_id = ? AND ts >= ? AND ts < ? GROUP BY mb
     ON CONFLICT (monitor_id, level, bucket) DO UPDATE SET
       ${valueCols
         .filter((c) => c !== 'lat_min' && c !== 'lat_max')
         .map((c) => `${c} = ${c} + excluded.${c}`)
         .join(', ')},
       lat_min = CASE WHEN lat_min IS NULL OR excluded.lat_min < lat_min THEN excluded.lat_min ELSE lat_min END,
       lat_max = CASE WHEN lat_max IS NULL OR excluded.lat_max > lat_max THEN excluded.lat_max ELSE lat_max END`,
  );
  const minuteBoundary = db
    .prepare<[number, number, number], number>(
      'SELECT bucket FROM rollups WHERE monitor_id = ? AND level = 0 AND bucket < ? ORDER BY bucket LIMIT 1 OFFSET ?',
    )
    .pluck();
  const minuteDelete = db.prepare<[number, number]>(
    'DELETE FROM rollups WHERE monitor_id = ? AND level = 0 AND bucket < ?',
  );

  /**
   * Deletes up to `budget` rows of one monitor older than `before`; returns rows deleted. Raw rows
   * from `keepFrom` on are summed into minute rows first.
   */
  function chunk(
    boundary: typeof rawBoundary,
    del: typeof rawDelete,
    monitorId: number,
    before: number,
    budget: number,
    keepFrom?: number,
  ): number {
    // The budget-th oldest row, if there are more than `budget` old rows: delete up to it only.
    const edge = boundary.get(monitorId, before, budget - 1);
    const end = edge === undefined ? before : Math.min(before, edge + 1);
    if (keepFrom !== undefined && end > keepFrom) rawToMinutes.run(monitorId, keepFrom, end);
    return del.run(monitorId, end).changes;
  }

  let cursor = 0;

  return function step(cutoffs: { rawBefore: number; minutesBefore: number }, limit: number): PruneStep {
    let budget = Math.max(1, limit);
    let results = 0;
    let minutes = 0;
    let wrapped = false;
    db.transaction(() => {
      while (budget > 0) {
        const id = nextMonitor.get(cursor);
        if (id === undefined) {
          cursor = 0;
          wrapped = true;
          return;
        }
        const r = chunk(rawBoundary, rawDelete, id, cutoffs.rawBefore, budget, cutoffs.minutesBefore);
        results += r;
        budget -= r;
        if (budget > 0) {
          const m = chunk(minuteBoundary, minuteDelete, id, cutoffs.minutesBefore, budget);
          minutes += m;
          budget -= m;
        }
        // Move on only when this monitor has nothing old left (a spent budget means there may be more).
        if (budget > 0) cursor = id;
      }
    }).immediate();
    return { results, minutes, done: wrapped };
  };
}
