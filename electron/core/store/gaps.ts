import type { Gap } from '../../../shared/incidents';
import type { ReadableDB, WritableDB } from './db';
import { joined, type TableDb } from './parts';

/** A span the operator paused monitoring: one monitor's, or every monitor's (`monitorId` null, "pause all"). */
export interface PauseSpan {
  monitorId: number | null;
  start: number;
  /** null while still paused. */
  end: number | null;
}

export interface GapReads {
  /** Gaps overlapping [from, to), oldest first. */
  gaps(from: number, to: number): Gap[];
  /** Paused spans overlapping [from, to), oldest first. */
  pauses(from: number, to: number): PauseSpan[];
  /** Who is paused now (null = pause all), as recorded: what a new session continues from. */
  openPauses(): (number | null)[];
}
export interface GapWrites {
  add(start: number, end: number, reason: Gap['reason']): Gap;
  /** Monitoring of `monitorId` (null: every monitor) paused at `at`; nothing when already open. */
  pauseStarted(monitorId: number | null, at: number): void;
  /** ...and resumed at `at`; nothing when it was not paused. */
  pauseEnded(monitorId: number | null, at: number): void;
}
export type GapStore = GapReads & GapWrites;

export function createGapReads(db: ReadableDB): GapReads {
  const range = db.prepare<[number, number], Gap>(
    'SELECT id, start, end, reason FROM gaps WHERE end > ? AND start < ? ORDER BY start, id',
  );
  const pauses = db.prepare<[number, number], PauseSpan>(
    `SELECT monitor_id AS monitorId, started_at AS start, ended_at AS end FROM pauses
     WHERE started_at < ? AND (ended_at IS NULL OR ended_at > ?) ORDER BY started_at, id`,
  );
  const open = db.prepare<[], number | null>('SELECT monitor_id FROM pauses WHERE ended_at IS NULL').pluck();
  return {
    gaps: (from, to) => range.all(from, to),
    pauses: (from, to) => pauses.all(to, from),
    openPauses: () => open.all(),
  };
}

export function createGapWrites(db: WritableDB): GapWrites {
  const insert = db.prepare('INSERT INTO gaps (start, end, reason) VALUES (?, ?, ?)');
  // `IS` matches NULL too: the pause-all span is the open row whose monitor_id is NULL.
  const pause = db.prepare<[number | null, number, number | null]>(
    `INSERT INTO pauses (monitor_id, started_at)
     SELECT ?, ? WHERE NOT EXISTS (SELECT 1 FROM pauses WHERE monitor_id IS ? AND ended_at IS NULL)`,
  );
  const resume = db.prepare<[number, number | null]>(
    'UPDATE pauses SET ended_at = max(started_at, ?) WHERE monitor_id IS ? AND ended_at IS NULL',
  );
  return {
    pauseStarted(monitorId, at) {
      pause.run(monitorId, Math.floor(at), monitorId);
    },
    pauseEnded(monitorId, at) {
      resume.run(Math.floor(at), monitorId);
    },
    add(start, end, reason) {
      const s = Math.floor(start);
      const e = Math.floor(end);
      const id = Number(insert.run(s, e, reason).lastInsertRowid);
      return { id, start: s, end: e, reason };
    },
  };
}

export function createGapStore(db: TableDb): GapStore {
  return joined(createGapReads(db.read), db.write && createGapWrites(db.write), 'record a gap');
}
