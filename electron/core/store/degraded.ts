import type { DegradedStretch } from '../../../shared/accounting';
import type { ReadableDB, WritableDB } from './db';
import { joined, type TableDb } from './parts';

/** Degraded stretches in SQLite (migration 9); opened and closed by the result pipeline. */
export interface DegradedWrites {
  open(s: {
    monitorId: number;
    startedAt: number;
    reasonCode: string | null;
    reason: string | null;
    worstLatencyMs: number | null;
    probes: number;
  }): number;
  /** Progress of an open stretch: the worst latency so far and the probes it spans. */
  touch(id: number, worstLatencyMs: number | null, probes: number): void;
  close(id: number, endedAt: number, worstLatencyMs: number | null, probes: number): void;
}
export interface DegradedReads {
  /** Overlapping [from, to), newest first; optionally one monitor's. */
  list(q: { monitorId?: number | undefined; from: number; to: number; limit: number }, now: number): DegradedStretch[];
  openStretches(): { id: number; monitorId: number; worstLatencyMs: number | null; probes: number }[];
}
export type DegradedStore = DegradedReads & DegradedWrites;

export const DEGRADED_WRITES = 'record a degraded stretch';

interface Row {
  id: number;
  monitor_id: number;
  started_at: number;
  ended_at: number | null;
  reason_code: string | null;
  reason: string | null;
  worst_latency: number | null;
  probes: number;
}

const COLS = 'id, monitor_id, started_at, ended_at, reason_code, reason, worst_latency, probes';
const OVERLAPS = 'started_at < @to AND (ended_at IS NULL OR ended_at > @from)';

export function createDegradedStore(db: TableDb): DegradedStore {
  return joined(createDegradedReads(db.read), db.write && createDegradedWrites(db.write), DEGRADED_WRITES);
}

export function createDegradedReads(db: ReadableDB): DegradedReads {
  const listAll = db.prepare<{ from: number; to: number; limit: number }, Row>(
    `SELECT ${COLS} FROM degraded_stretches WHERE ${OVERLAPS} ORDER BY started_at DESC, id DESC LIMIT @limit`,
  );
  const listOne = db.prepare<{ monitorId: number; from: number; to: number; limit: number }, Row>(
    `SELECT ${COLS} FROM degraded_stretches WHERE monitor_id = @monitorId AND ${OVERLAPS} ORDER BY started_at DESC, id DESC LIMIT @limit`,
  );
  const openStmt = db.prepare<[], Row>(`SELECT ${COLS} FROM degraded_stretches WHERE ended_at IS NULL ORDER BY id`);
  const toStretch = (r: Row, now: number): DegradedStretch => ({
    id: r.id,
    monitorId: r.monitor_id,
    startedAt: r.started_at,
    endedAt: r.ended_at,
    durationMs: Math.max(0, (r.ended_at ?? now) - r.started_at),
    reasonCode: r.reason_code,
    reason: r.reason,
    worstLatencyMs: r.worst_latency,
    probes: r.probes,
  });
  return {
    list({ monitorId, from, to, limit }, now) {
      const rows =
        monitorId === undefined ? listAll.all({ from, to, limit }) : listOne.all({ monitorId, from, to, limit });
      return rows.map((r) => toStretch(r, now));
    },
    openStretches: () =>
      openStmt
        .all()
        .map((r) => ({ id: r.id, monitorId: r.monitor_id, worstLatencyMs: r.worst_latency, probes: r.probes })),
  };
}

/**
 * Whole ms, as results' latency is stored (store/results.ts): probes time with fractional clocks,
 * and the STRICT INTEGER column refuses a fraction, which would fail the stretch's write.
 */
function wholeMs(v: number | null): number | null {
  return v === null || !Number.isFinite(v) ? null : Math.round(v);
}

export function createDegradedWrites(db: WritableDB): DegradedWrites {
  const insert = db.prepare(
    'INSERT INTO degraded_stretches (monitor_id, started_at, reason_code, reason, worst_latency, probes) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const touch = db.prepare('UPDATE degraded_stretches SET worst_latency = ?, probes = ? WHERE id = ?');
  const close = db.prepare(
    'UPDATE degraded_stretches SET ended_at = ?, worst_latency = ?, probes = ? WHERE id = ? AND ended_at IS NULL',
  );
  return {
    open: (s) =>
      Number(
        insert.run(s.monitorId, Math.floor(s.startedAt), s.reasonCode, s.reason, wholeMs(s.worstLatencyMs), s.probes)
          .lastInsertRowid,
      ),
    touch(id, worst, probes) {
      touch.run(wholeMs(worst), probes, id);
    },
    close(id, endedAt, worst, probes) {
      close.run(Math.floor(endedAt), wholeMs(worst), probes, id);
    },
  };
}
