import type { Gap } from '../../../shared/incidents';
import type { Db } from './db';

export interface GapStore {
  add(start: number, end: number, reason: Gap['reason']): Gap;
  /** Gaps overlapping [from, to), oldest first. */
  gaps(from: number, to: number): Gap[];
}

export function createGapStore(db: Db): GapStore {
  const insert = db.prepare('INSERT INTO gaps (start, end, reason) VALUES (?, ?, ?)');
  const range = db.prepare<[number, number], Gap>(
    'SELECT id, start, end, reason FROM gaps WHERE end > ? AND start < ? ORDER BY start, id',
  );
  return {
    add(start, end, reason) {
      const s = Math.floor(start);
      const e = Math.floor(end);
      const id = Number(insert.run(s, e, reason).lastInsertRowid);
      return { id, start: s, end: e, reason };
    },
    gaps: (from, to) => range.all(from, to),
  };
}
