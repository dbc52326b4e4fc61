import { ApiError } from '../../../shared/errors';
import type { Monitor, MonitorDraft } from '../../../shared/monitor';
import type { ReadableDB, WritableDB } from './db';
import { frozen } from './frozen';
import { joined, type TableDb } from './parts';

export interface MonitorReads {
  list(): Monitor[];
  get(id: number): Monitor | undefined;
}
export interface MonitorWrites {
  create(draft: MonitorDraft): Monitor;
  update(id: number, draft: MonitorDraft): Monitor;
  delete(id: number): boolean;
}
export type MonitorStore = MonitorReads & MonitorWrites;

interface MonitorRow {
  id: number;
  name: string;
  group_name: string;
  interval_sec: number;
  retries: number;
  paused: number;
  kind: string;
  config: string;
  created_at: number;
  slo_target: number | null;
  vantage: string | null;
}

export interface MonitorTable extends MonitorStore {
  /**
   * In-memory answer (no query) so the writer can drop a late result for a deleted monitor
   * instead of failing its whole batch on the foreign key.
   */
  exists(id: number): boolean;
  /** Re-reads the ids behind `exists` (another process may have created or deleted monitors). */
  reloadIds(): void;
}

const COLUMNS = 'id, name, group_name, interval_sec, retries, paused, kind, config, created_at, slo_target, vantage';

/**
 * The parsed list, shared by the read and write parts: parsing every row's config was most of a
 * list() (~6 ms at 1,000 monitors, on every dashboard call). Dropped by every write of this table
 * and by reloadIds (after a workspace apply, also a rolled-back one); read again when another
 * connection committed (`data_version`: the workspace CLI). Inside an open transaction a list is
 * read from SQL and not kept. The monitors in it are frozen: every caller shares them.
 */
interface ListCache {
  list: readonly Monitor[] | undefined;
  version: number;
}

/** `beforeDelete` lets the writer drop queued results of a monitor that is about to go. */
export function createMonitorTable(db: TableDb, now: () => number, beforeDelete: (id: number) => void): MonitorTable {
  const ids = new Set<number>();
  const cache: ListCache = { list: undefined, version: 0 };
  const reads = createMonitorReads(db.read, ids, cache);
  reads.reloadIds();
  const writes = db.write && createMonitorWrites(db.write, ids, now, beforeDelete, cache);
  return joined(reads, writes, 'change monitors');
}

/** `ids` is the set behind `exists` and `cache` the parsed list, both shared with the write part. */
function createMonitorReads(
  db: ReadableDB,
  ids: Set<number>,
  cache: ListCache,
): MonitorReads & Omit<MonitorTable, keyof MonitorStore> {
  const listStmt = db.prepare<[], MonitorRow>(`SELECT ${COLUMNS} FROM monitors ORDER BY id`);
  const getStmt = db.prepare<[number], MonitorRow>(`SELECT ${COLUMNS} FROM monitors WHERE id = ?`);
  const idsStmt = db.prepare<[], number>('SELECT id FROM monitors').pluck();
  const versionStmt = db.prepare<[], number>('PRAGMA data_version').pluck();
  return {
    exists: (id) => ids.has(id),
    reloadIds() {
      cache.list = undefined;
      ids.clear();
      for (const id of idsStmt.all()) ids.add(id);
    },
    list() {
      if (db.inTransaction) return listStmt.all().map(fromRow);
      const version = versionStmt.get()!;
      if (!cache.list || cache.version !== version) {
        cache.list = listStmt.all().map((r) => frozen(fromRow(r)));
        cache.version = version;
      }
      return cache.list.slice();
    },
    get(id) {
      const row = getStmt.get(id);
      return row && fromRow(row);
    },
  };
}

function createMonitorWrites(
  db: WritableDB,
  ids: Set<number>,
  now: () => number,
  beforeDelete: (id: number) => void,
  cache: ListCache,
): MonitorWrites {
  const getStmt = db.prepare<[number], MonitorRow>(`SELECT ${COLUMNS} FROM monitors WHERE id = ?`);
  const insertStmt =
    db.prepare(`INSERT INTO monitors (name, group_name, interval_sec, retries, paused, kind, config, created_at, slo_target, vantage)
     VALUES (@name, @group_name, @interval_sec, @retries, @paused, @kind, @config, @created_at, @slo_target, @vantage)`);
  const updateStmt =
    db.prepare(`UPDATE monitors SET name = @name, group_name = @group_name, interval_sec = @interval_sec,
       retries = @retries, paused = @paused, kind = @kind, config = @config, slo_target = @slo_target, vantage = @vantage WHERE id = @id`);
  const deleteStmt = db.prepare<[number]>('DELETE FROM monitors WHERE id = ?');
  return {
    create(draft) {
      const info = insertStmt.run({ ...toRow(draft), created_at: Math.floor(now()) });
      const id = Number(info.lastInsertRowid);
      cache.list = undefined;
      ids.add(id);
      return fromRow(getStmt.get(id)!);
    },
    update(id, draft) {
      const info = updateStmt.run({ ...toRow(draft), id });
      cache.list = undefined;
      if (info.changes === 0) throw new ApiError('not_found', `Monitor ${id} does not exist.`);
      return fromRow(getStmt.get(id)!);
    },
    delete(id) {
      beforeDelete(id);
      // Results and rollups go with it through ON DELETE CASCADE (one statement, one transaction).
      const gone = deleteStmt.run(id).changes > 0;
      cache.list = undefined;
      ids.delete(id);
      return gone;
    },
  };
}

function toRow(d: MonitorDraft) {
  return {
    name: d.name,
    group_name: d.group,
    interval_sec: d.intervalSec,
    retries: d.retries,
    paused: d.paused ? 1 : 0,
    kind: d.kind,
    config: JSON.stringify(d.config),
    slo_target: d.sloTarget ?? null,
    vantage: d.vantage ? JSON.stringify(d.vantage) : null,
  };
}

function fromRow(r: MonitorRow): Monitor {
  // The row was written from a validated draft by this schema version (newer files are refused at
  // open), so it is trusted rather than re-parsed on every list.
  return {
    id: r.id,
    name: r.name,
    group: r.group_name,
    intervalSec: r.interval_sec,
    retries: r.retries,
    paused: r.paused === 1,
    kind: r.kind,
    config: JSON.parse(r.config) as unknown,
    createdAt: r.created_at,
    sloTarget: r.slo_target,
    ...(r.vantage ? { vantage: JSON.parse(r.vantage) as unknown } : {}),
  } as Monitor;
}
