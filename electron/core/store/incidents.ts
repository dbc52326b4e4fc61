import type { Incident, IncidentNote } from '../../../shared/incidents';
import type { ReadableDB, WritableDB } from './db';
import { joined, type TableDb } from './parts';

/** Incidents and their notes in SQLite; prepared once, used by electron/core/incidents/. */
export interface IncidentWrites {
  open(i: {
    monitorId: number;
    startedAt: number;
    errorCode: string | null;
    error: string | null;
    failedProbes: number;
    windowId: number | null;
  }): number;
  /** Progress of an open incident (batched by the caller: not one write per probe). */
  touch(
    id: number,
    u: { lastErrorCode: string | null; lastError: string | null; failedProbes: number; windowId: number | null },
  ): void;
  /** Ends it, writing its final progress in the same statement. */
  close(
    id: number,
    endedAt: number,
    u: { lastErrorCode: string | null; lastError: string | null; failedProbes: number; windowId: number | null },
  ): void;
  acknowledge(id: number, by: string, at: number): void;
  addNote(id: number, at: number, by: string | null, text: string): void;
}
export interface IncidentReads {
  get(id: number, now: number): Incident | undefined;
  /** Open first, then most recent; optionally one monitor's. */
  list(
    q: {
      limit: number;
      offset: number;
      monitorId?: number | undefined;
      from?: number | undefined;
      to?: number | undefined;
    },
    now: number,
  ): { items: Incident[]; total: number };
  openIncidents(now: number): Incident[];
  /** One monitor's incidents overlapping [from, to), oldest first, without their notes (reports read thousands). */
  overlapping(monitorId: number, from: number, to: number, now: number): Incident[];
}
export type IncidentStore = IncidentReads & IncidentWrites;

export const INCIDENT_WRITES = 'change an incident';

interface Row {
  id: number;
  monitor_id: number;
  started_at: number;
  ended_at: number | null;
  first_error_code: string | null;
  first_error: string | null;
  last_error_code: string | null;
  last_error: string | null;
  failed_probes: number;
  acknowledged_by: string | null;
  acknowledged_at: number | null;
  maintenance_window_id: number | null;
}
interface NoteRow {
  id: number;
  incident_id: number;
  at: number;
  author: string | null;
  text: string;
}

const COLS =
  'id, monitor_id, started_at, ended_at, first_error_code, first_error, last_error_code, last_error, failed_probes, acknowledged_by, acknowledged_at, maintenance_window_id';
const ORDER = 'ORDER BY (ended_at IS NULL) DESC, started_at DESC, id DESC';

export function createIncidentStore(db: TableDb): IncidentStore {
  return joined(createIncidentReads(db.read), db.write && createIncidentWrites(db.write), INCIDENT_WRITES);
}

export function createIncidentWrites(db: WritableDB): IncidentWrites {
  const insert = db.prepare(
    `INSERT INTO incidents (monitor_id, started_at, first_error_code, first_error, last_error_code, last_error, failed_probes, maintenance_window_id)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const touch = db.prepare(
    `UPDATE incidents SET last_error_code = ?, last_error = ?, failed_probes = ?, maintenance_window_id = COALESCE(maintenance_window_id, ?) WHERE id = ?`,
  );
  const close = db.prepare(
    `UPDATE incidents SET ended_at = ?, last_error_code = ?, last_error = ?, failed_probes = ?, maintenance_window_id = COALESCE(maintenance_window_id, ?)
     WHERE id = ? AND ended_at IS NULL`,
  );
  const ack = db.prepare('UPDATE incidents SET acknowledged_by = ?, acknowledged_at = ? WHERE id = ?');
  const note = db.prepare('INSERT INTO incident_notes (incident_id, at, author, text) VALUES (?, ?, ?, ?)');
  return {
    open: (i) =>
      Number(
        insert.run(
          i.monitorId,
          Math.floor(i.startedAt),
          i.errorCode,
          i.error,
          i.errorCode,
          i.error,
          i.failedProbes,
          i.windowId,
        ).lastInsertRowid,
      ),
    touch(id, u) {
      touch.run(u.lastErrorCode, u.lastError, u.failedProbes, u.windowId, id);
    },
    close(id, endedAt, u) {
      close.run(Math.floor(endedAt), u.lastErrorCode, u.lastError, u.failedProbes, u.windowId, id);
    },
    acknowledge(id, by, at) {
      ack.run(by, Math.floor(at), id);
    },
    addNote(id, at, by, text) {
      note.run(id, Math.floor(at), by, text);
    },
  };
}

export function createIncidentReads(db: ReadableDB): IncidentReads {
  const getStmt = db.prepare<[number], Row>(`SELECT ${COLS} FROM incidents WHERE id = ?`);
  const listAll = db.prepare<[number, number], Row>(`SELECT ${COLS} FROM incidents ${ORDER} LIMIT ? OFFSET ?`);
  const listOne = db.prepare<[number, number, number], Row>(
    `SELECT ${COLS} FROM incidents WHERE monitor_id = ? ${ORDER} LIMIT ? OFFSET ?`,
  );
  const countAll = db.prepare<[], number>('SELECT count(*) FROM incidents').pluck();
  const countOne = db.prepare<[number], number>('SELECT count(*) FROM incidents WHERE monitor_id = ?').pluck();
  // Overlapping a range: started before its end and not ended before its start.
  const OVERLAPS = 'started_at < @to AND (ended_at IS NULL OR ended_at > @from)';
  const listRangeAll = db.prepare<{ from: number; to: number; limit: number; offset: number }, Row>(
    `SELECT ${COLS} FROM incidents WHERE ${OVERLAPS} ${ORDER} LIMIT @limit OFFSET @offset`,
  );
  const listRangeOne = db.prepare<{ monitorId: number; from: number; to: number; limit: number; offset: number }, Row>(
    `SELECT ${COLS} FROM incidents WHERE monitor_id = @monitorId AND ${OVERLAPS} ${ORDER} LIMIT @limit OFFSET @offset`,
  );
  const countRangeAll = db
    .prepare<{ from: number; to: number }, number>(`SELECT count(*) FROM incidents WHERE ${OVERLAPS}`)
    .pluck();
  const countRangeOne = db
    .prepare<{ monitorId: number; from: number; to: number }, number>(
      `SELECT count(*) FROM incidents WHERE monitor_id = @monitorId AND ${OVERLAPS}`,
    )
    .pluck();
  const overlapStmt = db.prepare<{ monitorId: number; from: number; to: number }, Row>(
    `SELECT ${COLS} FROM incidents WHERE monitor_id = @monitorId AND ${OVERLAPS} ORDER BY started_at, id`,
  );
  const openStmt = db.prepare<[], Row>(`SELECT ${COLS} FROM incidents WHERE ended_at IS NULL ORDER BY id`);
  const notesStmt = db.prepare<[number], NoteRow>(
    'SELECT id, incident_id, at, author, text FROM incident_notes WHERE incident_id = ? ORDER BY at, id',
  );

  function toIncident(r: Row, now: number, withNotes = true): Incident {
    const notes: IncidentNote[] = withNotes
      ? notesStmt.all(r.id).map((n) => ({ id: n.id, at: n.at, by: n.author, text: n.text }))
      : [];
    return {
      id: r.id,
      monitorId: r.monitor_id,
      startedAt: r.started_at,
      endedAt: r.ended_at,
      durationMs: Math.max(0, (r.ended_at ?? now) - r.started_at),
      firstErrorCode: r.first_error_code,
      firstError: r.first_error,
      lastErrorCode: r.last_error_code,
      lastError: r.last_error,
      failedProbes: r.failed_probes,
      acknowledgedBy: r.acknowledged_by,
      acknowledgedAt: r.acknowledged_at,
      maintenanceWindowId: r.maintenance_window_id,
      notes,
    };
  }

  return {
    get(id, now) {
      const r = getStmt.get(id);
      return r && toIncident(r, now);
    },
    list({ limit, offset, monitorId, from, to }, now) {
      if (from !== undefined && to !== undefined) {
        const rows =
          monitorId === undefined
            ? listRangeAll.all({ from, to, limit, offset })
            : listRangeOne.all({ monitorId, from, to, limit, offset });
        const total =
          monitorId === undefined ? countRangeAll.get({ from, to })! : countRangeOne.get({ monitorId, from, to })!;
        return { items: rows.map((r) => toIncident(r, now)), total };
      }
      const rows = monitorId === undefined ? listAll.all(limit, offset) : listOne.all(monitorId, limit, offset);
      const total = monitorId === undefined ? countAll.get()! : countOne.get(monitorId)!;
      return { items: rows.map((r) => toIncident(r, now)), total };
    },
    openIncidents: (now) => openStmt.all().map((r) => toIncident(r, now)),
    overlapping: (monitorId, from, to, now) =>
      overlapStmt.all({ monitorId, from, to }).map((r) => toIncident(r, now, false)),
  };
}
