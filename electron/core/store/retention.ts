import type { Db } from './db';

/**
 * Retention: raw results older than the operator's `retentionDays`, and minute rollups older than
 * their own horizon, are deleted in small steps (each its own short transaction) so a prune never
 * holds the write lock for long and ingest keeps flowing between steps. Hour and day rollups are
 * kept for good: they are what uptime over old ranges is answered from.
 */

export interface PruneStep {
  results: number;
  minutes: number;
  /** True when this step finished a full pass over the monitors. */
  done: boolean;
}

export function createPruner(db: Db) {
  const nextMonitor = db.prepare<[number], number>('SELECT id FROM monitors WHERE id > ? ORDER BY id LIMIT 1').pluck();
  // Both statements walk the (monitor_id, ts) / (monitor_id, level, bucket) primary keys.
  const rawBoundary = db.prepare<[number, number, number], number>('SELECT ts FROM results WHERE monitor_id = ? AND ts < ? ORDER BY ts LIMIT 1 OFFSET ?').pluck();
  const rawDelete = db.prepare<[number, number]>('DELETE FROM results WHERE monitor_id = ? AND ts < ?');
  const minuteBoundary = db.prepare<[number, number, number], number>(
    'SELECT bucket FROM rollups WHERE monitor_id = ? AND level = 0 AND bucket < ? ORDER BY bucket LIMIT 1 OFFSET ?',
  ).pluck();
  const minuteDelete = db.prepare<[number, number]>('DELETE FROM rollups WHERE monitor_id = ? AND level = 0 AND bucket < ?');

  /** Deletes up to `budget` rows of one monitor older than `before`; returns rows deleted. */
  function chunk(boundary: typeof rawBoundary, del: typeof rawDelete, monitorId: number, before: number, budget: number): number {
    // The budget-th oldest row, if there are more than `budget` old rows: delete up to it only.
    const edge = boundary.get(monitorId, before, budget - 1);
    return del.run(monitorId, edge === undefined ? before : Math.min(before, edge + 1)).changes;
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
        const r = chunk(rawBoundary, rawDelete, id, cutoffs.rawBefore, budget);
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
