import type {
  MaintenanceWindow,
  OccurrenceState,
  PeakDraft,
  PeakEvent,
  Recurrence,
  WindowDraft,
} from '../../../shared/maintenance';
import type { ReadableDB, WritableDB } from './db';
import { joined, type TableDb } from './parts';

/**
 * Maintenance windows, peak events and per-occurrence records (state changes, extensions, early
 * ends). A window row carries its targets and recurrence as JSON: they are always read and
 * written whole, and the maintenance module keeps the expanded schedule in memory.
 */

// Tables: migration `maintenance windows` in migrations.ts.

export interface OccurrenceRecord {
  windowId: number;
  start: number;
  state: OccurrenceState;
  extendedMin: number;
  endedEarlyAt: number | null;
  changedAt: number;
}

export interface WindowReads {
  list(): MaintenanceWindow[];
  get(id: number): MaintenanceWindow | undefined;
  peaks: {
    list(): PeakEvent[];
    get(id: number): PeakEvent | undefined;
  };
  occurrences: {
    list(): OccurrenceRecord[];
  };
}

export interface WindowWrites {
  create(draft: WindowDraft, rrule: string | null): MaintenanceWindow;
  /** Several windows in one transaction: all or none (import). */
  createMany(items: { draft: WindowDraft; rrule: string | null }[]): MaintenanceWindow[];
  /**
   * Saves an edit; in the same transaction, deletes the window's occurrence records `keep` refuses
   * (the maintenance module decides which records an edit invalidates).
   */
  update(
    id: number,
    draft: WindowDraft,
    rrule: string | null,
    keep: (r: OccurrenceRecord) => boolean,
  ): MaintenanceWindow | undefined;
  delete(id: number): boolean;
  peaks: {
    create(draft: PeakDraft, rrule: string | null): PeakEvent;
    update(id: number, draft: PeakDraft, rrule: string | null): PeakEvent | undefined;
    delete(id: number): boolean;
  };
  occurrences: {
    upsert(r: OccurrenceRecord): void;
    /** Several records in one transaction (a lifecycle tick). */
    upsertMany(rs: OccurrenceRecord[]): void;
  };
}

/** Both parts; `peaks` and `occurrences` joined too. */
export type WindowTable = Omit<WindowReads & WindowWrites, 'peaks' | 'occurrences'> & {
  peaks: WindowReads['peaks'] & WindowWrites['peaks'];
  occurrences: WindowReads['occurrences'] & WindowWrites['occurrences'];
};

interface WindowRow {
  id: number;
  title: string;
  description: string;
  start_local: string;
  zone: string;
  duration_min: number;
  recurrence: string | null;
  rrule: string | null;
  monitor_ids: string;
  groups: string;
  created_at: number;
  updated_at: number;
}
interface PeakRow extends Omit<WindowRow, 'monitor_ids' | 'groups'> {
  kind: PeakEvent['kind'];
}
interface OccurrenceRow {
  window_id: number;
  start: number;
  state: OccurrenceState;
  extended_min: number;
  ended_early_at: number | null;
  changed_at: number;
}

export function createWindowTable(db: TableDb, now: () => number): WindowTable {
  return joined(
    createWindowReads(db.read),
    db.write && createWindowWrites(db.write, now),
    'change maintenance windows or peak events',
  );
}

export function createWindowReads(db: ReadableDB): WindowReads {
  const windows = db.prepare<[], WindowRow>('SELECT * FROM maintenance_windows ORDER BY id');
  const window = db.prepare<[number], WindowRow>('SELECT * FROM maintenance_windows WHERE id = ?');
  const peaks = db.prepare<[], PeakRow>('SELECT * FROM peak_events ORDER BY id');
  const peak = db.prepare<[number], PeakRow>('SELECT * FROM peak_events WHERE id = ?');
  const occurrences = db.prepare<[], OccurrenceRow>('SELECT * FROM maintenance_occurrences ORDER BY window_id, start');
  return {
    list: () => windows.all().map(windowFromRow),
    get(id) {
      const row = window.get(id);
      return row && windowFromRow(row);
    },
    peaks: {
      list: () => peaks.all().map(peakFromRow),
      get(id) {
        const row = peak.get(id);
        return row && peakFromRow(row);
      },
    },
    occurrences: { list: () => occurrences.all().map(occurrenceFromRow) },
  };
}

export function createWindowWrites(db: WritableDB, now: () => number): WindowWrites {
  const w = {
    get: db.prepare<[number], WindowRow>('SELECT * FROM maintenance_windows WHERE id = ?'),
    insert:
      db.prepare(`INSERT INTO maintenance_windows (title, description, start_local, zone, duration_min, recurrence, rrule, monitor_ids, groups, created_at, updated_at)
      VALUES (@title, @description, @start_local, @zone, @duration_min, @recurrence, @rrule, @monitor_ids, @groups, @now, @now)`),
    update:
      db.prepare(`UPDATE maintenance_windows SET title = @title, description = @description, start_local = @start_local, zone = @zone,
      duration_min = @duration_min, recurrence = @recurrence, rrule = @rrule, monitor_ids = @monitor_ids, groups = @groups, updated_at = @now WHERE id = @id`),
    delete: db.prepare<[number]>('DELETE FROM maintenance_windows WHERE id = ?'),
  };
  const p = {
    get: db.prepare<[number], PeakRow>('SELECT * FROM peak_events WHERE id = ?'),
    insert:
      db.prepare(`INSERT INTO peak_events (title, description, kind, start_local, zone, duration_min, recurrence, rrule, created_at, updated_at)
      VALUES (@title, @description, @kind, @start_local, @zone, @duration_min, @recurrence, @rrule, @now, @now)`),
    update:
      db.prepare(`UPDATE peak_events SET title = @title, description = @description, kind = @kind, start_local = @start_local, zone = @zone,
      duration_min = @duration_min, recurrence = @recurrence, rrule = @rrule, updated_at = @now WHERE id = @id`),
    delete: db.prepare<[number]>('DELETE FROM peak_events WHERE id = ?'),
  };
  const o = {
    ofWindow: db.prepare<[number], OccurrenceRow>(
      'SELECT * FROM maintenance_occurrences WHERE window_id = ? ORDER BY start',
    ),
    deleteOne: db.prepare<[number, number]>('DELETE FROM maintenance_occurrences WHERE window_id = ? AND start = ?'),
    upsert:
      db.prepare(`INSERT INTO maintenance_occurrences (window_id, start, state, extended_min, ended_early_at, changed_at)
      VALUES (@window_id, @start, @state, @extended_min, @ended_early_at, @changed_at)
      ON CONFLICT (window_id, start) DO UPDATE SET state = excluded.state, extended_min = excluded.extended_min,
        ended_early_at = excluded.ended_early_at, changed_at = excluded.changed_at`),
  };

  const insertWindow = (draft: WindowDraft, rrule: string | null): MaintenanceWindow => {
    const id = Number(w.insert.run({ ...windowParams(draft, rrule), now: Math.floor(now()) }).lastInsertRowid);
    return windowFromRow(w.get.get(id)!);
  };
  const createMany = db.transaction((items: { draft: WindowDraft; rrule: string | null }[]) =>
    items.map((i) => insertWindow(i.draft, i.rrule)),
  );
  const updateWindow = db.transaction(
    (id: number, draft: WindowDraft, rrule: string | null, keep: (r: OccurrenceRecord) => boolean) => {
      if (w.update.run({ ...windowParams(draft, rrule), id, now: Math.floor(now()) }).changes === 0) return undefined;
      for (const r of o.ofWindow.all(id).map(occurrenceFromRow)) if (!keep(r)) o.deleteOne.run(id, r.start);
      return windowFromRow(w.get.get(id)!);
    },
  );
  const upsertMany = db.transaction((rs: OccurrenceRecord[]) => {
    for (const r of rs) o.upsert.run(occurrenceParams(r));
  });

  return {
    create: insertWindow,
    createMany: (items) => createMany(items),
    update: (id, draft, rrule, keep) => updateWindow(id, draft, rrule, keep),
    delete: (id) => w.delete.run(id).changes > 0,
    peaks: {
      create(draft, rrule) {
        const id = Number(p.insert.run({ ...peakParams(draft, rrule), now: Math.floor(now()) }).lastInsertRowid);
        return peakFromRow(p.get.get(id)!);
      },
      update(id, draft, rrule) {
        if (p.update.run({ ...peakParams(draft, rrule), id, now: Math.floor(now()) }).changes === 0) return undefined;
        return peakFromRow(p.get.get(id)!);
      },
      delete: (id) => p.delete.run(id).changes > 0,
    },
    occurrences: {
      upsert(r) {
        o.upsert.run(occurrenceParams(r));
      },
      upsertMany: (rs) => upsertMany(rs),
    },
  };
}

function scheduleParams(
  d: {
    title: string;
    description: string;
    start: string;
    zone: string;
    durationMin: number;
    recurrence: Recurrence | null;
  },
  rrule: string | null,
) {
  return {
    title: d.title,
    description: d.description,
    start_local: d.start,
    zone: d.zone,
    duration_min: d.durationMin,
    recurrence: d.recurrence ? JSON.stringify(d.recurrence) : null,
    rrule,
  };
}
function windowParams(d: WindowDraft, rrule: string | null) {
  return { ...scheduleParams(d, rrule), monitor_ids: JSON.stringify(d.monitorIds), groups: JSON.stringify(d.groups) };
}
function peakParams(d: PeakDraft, rrule: string | null) {
  return { ...scheduleParams(d, rrule), kind: d.kind };
}
function occurrenceParams(r: OccurrenceRecord) {
  return {
    window_id: r.windowId,
    start: r.start,
    state: r.state,
    extended_min: r.extendedMin,
    ended_early_at: r.endedEarlyAt,
    changed_at: Math.floor(r.changedAt),
  };
}

// Rows were written from validated drafts by this schema version, so they are trusted.
function windowFromRow(r: WindowRow): MaintenanceWindow {
  return {
    id: r.id,
    title: r.title,
    description: r.description,
    start: r.start_local,
    zone: r.zone,
    durationMin: r.duration_min,
    recurrence: r.recurrence ? (JSON.parse(r.recurrence) as Recurrence) : null,
    rrule: r.rrule,
    monitorIds: JSON.parse(r.monitor_ids) as number[],
    groups: JSON.parse(r.groups) as string[],
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}
function occurrenceFromRow(r: OccurrenceRow): OccurrenceRecord {
  return {
    windowId: r.window_id,
    start: r.start,
    state: r.state,
    extendedMin: r.extended_min,
    endedEarlyAt: r.ended_early_at,
    changedAt: r.changed_at,
  };
}
function peakFromRow(r: PeakRow): PeakEvent {
  return {
    id: r.id,
    title: r.title,
    description: r.description,
    kind: r.kind,
    start: r.start_local,
    zone: r.zone,
    durationMin: r.duration_min,
    recurrence: r.recurrence ? (JSON.parse(r.recurrence) as Recurrence) : null,
    rrule: r.rrule,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}
