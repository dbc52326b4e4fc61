import type { Gap } from '../../../shared/incidents';
import type { ReadableDB, WritableDB } from './db';
import { joined, type TableDb } from './parts';

export interface GapReads {
  /** Gaps overlapping [from, to), oldest first. */
  gaps(from: number, to: number): Gap[];
}
export interface GapWrites {
  add(start: number, end: number, reason: Gap['reason']): Gap;
}
export type GapStore = GapReads & GapWrites;

export function createGapReads(db: ReadableDB): GapReads {
  const range = db.prepare<[number, number], Gap>(
    'SELECT id, start, end, reason FROM gaps WHERE end > ? AND start < ? ORDER BY start, id',
  );
  return { gaps: (from, to) => range.all(from, to) };
}

export function createGapWrites(db: WritableDB): GapWrites {
  const insert = db.prepare('INSERT INTO gaps (start, end, reason) VALUES (?, ?, ?)');
  return {
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
