import { closeSync, openSync, readSync, statSync } from 'node:fs';
import Database from 'better-sqlite3';
import { ApiError } from '../../../shared/errors';
import { WAL_CAP_FACTOR } from './checkpointer';
import { APPLICATION_ID, MIGRATIONS, REQUIRED_TABLES, SCHEMA_VERSION } from './migrations';

export type Db = Database.Database;

declare const readableBrand: unique symbol;
declare const writableBrand: unique symbol;

/** better-sqlite3's statement without `run` or the way back to its connection (`database`). */
export interface ReadStatement<P extends unknown[], R> extends Pick<
  Database.Statement<P, R>,
  'source' | 'reader' | 'get' | 'all' | 'iterate' | 'columns'
> {
  // Its own type, not better-sqlite3's `this`: a plucked or bound statement stays read-only.
  pluck(toggleState?: boolean): ReadStatement<P, R>;
  expand(toggleState?: boolean): ReadStatement<P, R>;
  raw(toggleState?: boolean): ReadStatement<P, R>;
  safeIntegers(toggleState?: boolean): ReadStatement<P, R>;
  bind(...params: P): ReadStatement<P, R>;
}

/** Pragmas that only read (a write such as `journal_mode = WAL` does not type-check on a ReadableDB). */
export type ReadPragma =
  | 'data_version'
  | 'application_id'
  | 'user_version'
  | 'page_count'
  | 'page_size'
  | 'freelist_count'
  | `integrity_check(${number})`
  | `quick_check(${number})`;

/**
 * A connection typed by what it may do (Signal-Desktop's ReadableDB / WritableDB): store modules'
 * reads take a ReadableDB, their writes a WritableDB, and a review session's Store only ever has a
 * ReadableDB (opened read-only and query_only). Only electron/core/store/ holds either.
 *
 * A ReadableDB prepares statements that cannot `run`, and has no `exec`, `transaction`, `close` or
 * writing pragma. A WritableDB is the whole better-sqlite3 connection and is also a ReadableDB
 * (the intersection carries both `prepare` signatures, so TypeScript never has to relate the two).
 */
export interface ReadableDB {
  readonly [readableBrand]: true;
  readonly name: string;
  readonly open: boolean;
  readonly readonly: boolean;
  readonly inTransaction: boolean;
  prepare<P extends unknown[] | object = unknown[], R = unknown>(
    source: string,
  ): ReadStatement<P extends unknown[] ? P : [P], R>;
  pragma(source: ReadPragma, options?: Database.PragmaOptions): unknown;
  /** SQLite's online backup reads this connection's file into `destination`. */
  backup(destination: string, options?: Database.BackupOptions): Promise<Database.BackupMetadata>;
}
export type WritableDB = Db & ReadableDB & { readonly [writableBrand]: true };

/** Any connection may read: `db` with the read-only type (for files opened here and in inspect.ts, beside.ts). */
export function readable(db: Db): ReadableDB {
  return db as unknown as ReadableDB;
}

/**
 * The whole connection behind a ReadableDB. For two callers only: the test door (connection.ts)
 * and the result writer (results.ts), which prepares its inserts on a review store's read-only
 * connection too (its readOnly flag never runs them, and query_only would refuse them) until it is
 * split into a read part and a write part.
 */
export function wholeConnection(db: ReadableDB): Db {
  return db as unknown as Db;
}

const SQLITE_MAGIC = 'SQLite format 3\0';

/** Page cache a writable connection starts with, and the most the writer grows it to (KiB). */
export const BASE_CACHE_KIB = 8 * 1024;
export const MAX_CACHE_KIB = 32 * 1024;
/** WAL size at which the checkpointer's worker copies it into the database file (checkpointer.ts). */
export const WAL_CHECKPOINT_BYTES = 64 * 1024 * 1024;

/** Settings row present while a writable connection is open; left behind = the last run did not close cleanly. */
const SESSION_KEY = 'store.session';

export type OpenProblemKind = 'corrupt' | 'foreign' | 'newer';

/**
 * The file at `path` is not a database this Lookout can open for writing. The file was not
 * modified; the shells turn this into a screen offering to start fresh or restore a backup.
 */
export class DatabaseOpenError extends ApiError {
  readonly kind: OpenProblemKind;
  readonly path: string;
  constructor(kind: OpenProblemKind, path: string, message: string) {
    super('conflict', message);
    this.kind = kind;
    this.path = path;
  }
}

/**
 * Opens (creating if needed) a Lookout database, sets the pragmas and brings the schema up to date.
 *
 * An existing file is inspected before anything can write to it: the header is read with plain fs
 * and the pragmas through a read-only connection. Only a file that is ours (application_id), or a
 * blank SQLite file (what an interrupted first open leaves), is then opened for writing; anything
 * else is refused with the file named and left byte-for-byte as it was.
 */
export function openDatabase(path: string, readOnly: true, nativeBinding?: string): ReadableDB;
export function openDatabase(path: string, readOnly: false, nativeBinding?: string): WritableDB;
export function openDatabase(path: string, readOnly: boolean, nativeBinding?: string): ReadableDB | WritableDB;
export function openDatabase(path: string, readOnly: boolean, nativeBinding?: string): ReadableDB | WritableDB {
  const existing = fileSize(path);
  if (readOnly && existing === undefined) {
    throw new ApiError('not_found', `Cannot open ${path} for review: the file does not exist.`);
  }
  // A WAL left behind means the last writer did not close (SQLite deletes it on a clean close).
  const walLeft = (fileSize(`${path}-wal`) ?? 0) > 0;
  // The Electron shell passes its own build of the addon (Electron's ABI); Node uses node_modules'.
  const binding = nativeBinding === undefined ? {} : { nativeBinding };
  if (existing !== undefined && (existing > 0 || readOnly)) inspect(path, readOnly, walLeft, binding);

  const db = new Database(path, readOnly ? { readonly: true, fileMustExist: true, ...binding } : binding);
  try {
    db.pragma('busy_timeout = 5000');
    db.pragma('foreign_keys = ON');
    if (readOnly) {
      // Belt and braces: even a bug that reaches a write statement cannot change a reviewed file.
      db.pragma('query_only = ON');
    } else {
      db.pragma('journal_mode = WAL');
      // NORMAL under WAL: a power cut can lose the last commits but never corrupts the file.
      db.pragma('synchronous = NORMAL');
      // Checkpoints run on a worker at WAL_CHECKPOINT_BYTES (checkpointer.ts); the writer's own, in
      // its commit on the main thread, is the backstop just past the checkpointer's cap (where the
      // writer waits for the worker), so it only runs when the worker cannot. Both rare: results
      // are keyed by monitor, so each batch dirties a page per active monitor and the same hot
      // pages are rewritten batch after batch; a rarer checkpoint copies each of them (and syncs the
      // file) once instead of many times. At 32 MiB the disk-writes bench wrote ~1,650-1,850 B per
      // result; in the scheduler bench at 5,000 monitors the checkpoints could not keep up (the
      // writer waited 12 times in 12 h, ~250 ms each), at 64 MiB about once, and its day took
      // 60 / 53.5 s against 70.1 / 58 s at 32 MiB (two runs each, alternated).
      db.pragma(`wal_autocheckpoint = ${Math.ceil((WAL_CHECKPOINT_BYTES * (WAL_CAP_FACTOR + 1)) / 4096)}`);
      // ...and the WAL file keeps its working size between checkpoints: SQLite cuts it back to this
      // limit when it restarts the WAL, and at 4 MiB every restart truncated tens of MB on the main
      // thread (up to 54 ms each) that the next batch then extended again, page by page (the
      // scheduler bench spent ~10 s more in the kernel). At the checkpointer's cap only a WAL that
      // ran past it is cut; a clean close deletes the file.
      db.pragma(`journal_size_limit = ${WAL_CHECKPOINT_BYTES * WAL_CAP_FACTOR}`);
      // Page cache: every batch touches a leaf page per monitor (results, and rollups as hours
      // seal), and those must stay cached between batches; the writer grows this with the
      // monitors it writes for (results.ts, up to 32 MiB at thousands), so a small console does
      // not keep 32 MiB of pages it never needs.
      db.pragma(`cache_size = -${BASE_CACHE_KIB}`);
      migrate(db);
      db.prepare('INSERT OR REPLACE INTO settings (key, value) VALUES (?, ?)').run(SESSION_KEY, String(process.pid));
    }
    // The brand records the mode it was opened in; nothing else changes.
    return readOnly ? readable(db) : (db as WritableDB);
  } catch (err) {
    db.close();
    throw err;
  }
}

/** Clean close of a writable connection: the next open can skip the integrity check. */
export function closeDatabase(connection: ReadableDB): void {
  const db = wholeConnection(connection);
  if (!db.readonly && db.open) {
    try {
      db.prepare('DELETE FROM settings WHERE key = ?').run(SESSION_KEY);
    } catch {
      // Disk full or similar: the next open merely runs quick_check.
    }
  }
  db.close();
}

/** Throws ApiError('read_only') when the store was opened for review. */
export function assertWritable(readOnly: boolean, what: string): void {
  if (readOnly) throw new ApiError('read_only', `This database is open read-only for review; cannot ${what}.`);
}

function fileSize(path: string): number | undefined {
  try {
    return statSync(path).size;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
}

function inspect(path: string, readOnly: boolean, walLeft: boolean, binding: { nativeBinding?: string }): void {
  const header = Buffer.alloc(100);
  const fd = openSync(path, 'r');
  let read: number;
  try {
    read = readSync(fd, header, 0, 100, 0);
  } finally {
    closeSync(fd);
  }
  if (read < 100 || header.toString('latin1', 0, 16) !== SQLITE_MAGIC) {
    throw new DatabaseOpenError(
      'foreign',
      path,
      `${path} is not a Lookout database (not an SQLite file); it was left untouched.`,
    );
  }

  // The header's copies of application_id / user_version can be stale under WAL (a commit not yet
  // checkpointed), so the real values come from SQLite itself, read-only.
  const probe = new Database(path, { readonly: true, fileMustExist: true, ...binding });
  let appId: number;
  let version: number;
  let tables: Set<string>;
  let objects: number;
  let check = 'ok';
  try {
    appId = probe.pragma('application_id', { simple: true }) as number;
    version = probe.pragma('user_version', { simple: true }) as number;
    const rows = probe.prepare('SELECT type, name FROM sqlite_schema').all() as { type: string; name: string }[];
    objects = rows.length;
    tables = new Set(rows.filter((r) => r.type === 'table').map((r) => r.name));
    // After an unclean shutdown (WAL left behind, or our session row never cleared) the file gets a
    // quick_check before anything writes to it: O(pages), no index cross-check, seconds for GBs.
    const unclean = walLeft || (appId === APPLICATION_ID && tables.has('settings') && sessionLeft(probe));
    if (unclean && !readOnly && appId === APPLICATION_ID) {
      const rows = probe.pragma('quick_check(5)') as { quick_check: string }[];
      check = rows.map((r) => r.quick_check).join('; ');
    }
  } catch (err) {
    throw new DatabaseOpenError(
      'corrupt',
      path,
      `${path} cannot be read as a Lookout database (${(err as Error).message}); it was left untouched.`,
    );
  } finally {
    probe.close();
  }

  const blank = appId === 0 && version === 0 && objects === 0;
  if (blank && !readOnly) return;
  if (appId !== APPLICATION_ID) {
    throw new DatabaseOpenError(
      'foreign',
      path,
      `${path} is an SQLite database but not a Lookout one; it was left untouched.`,
    );
  }
  if (check !== 'ok') {
    throw new DatabaseOpenError(
      'corrupt',
      path,
      `${path} is damaged (the integrity check after an unclean shutdown found: ${check.slice(0, 300)}); it was left untouched.`,
    );
  }
  if (version > SCHEMA_VERSION) {
    throw new DatabaseOpenError(
      'newer',
      path,
      `${path} was written by a newer Lookout (schema ${version}, this version knows up to ${SCHEMA_VERSION}); update Lookout to open it. The file was left untouched.`,
    );
  }
  if (readOnly && version < SCHEMA_VERSION) {
    throw new ApiError(
      'conflict',
      `${path} uses an older schema (${version}, current ${SCHEMA_VERSION}) and review mode cannot upgrade it; open it normally once to upgrade.`,
    );
  }
  if (version === SCHEMA_VERSION) {
    const missing = REQUIRED_TABLES.filter((t) => !tables.has(t));
    if (missing.length > 0) {
      throw new DatabaseOpenError(
        'corrupt',
        path,
        `${path} is a damaged Lookout database (missing ${missing.join(', ')}); it was left untouched.`,
      );
    }
  }
}

function sessionLeft(probe: Db): boolean {
  return probe.prepare('SELECT 1 FROM settings WHERE key = ?').get(SESSION_KEY) !== undefined;
}

/** Applies every pending migration and stamps the file, all in one transaction. */
function migrate(db: Db): void {
  if (db.pragma('user_version', { simple: true }) === SCHEMA_VERSION) return;
  db.transaction(() => {
    // Re-read under the write lock: another process may have migrated in between.
    const current = db.pragma('user_version', { simple: true }) as number;
    for (let v = current; v < SCHEMA_VERSION; v++) db.exec(MIGRATIONS[v]!);
    // Pragmas take no bound parameters; both values are integers we control.
    db.pragma(`application_id = ${APPLICATION_ID}`);
    db.pragma(`user_version = ${SCHEMA_VERSION}`);
  }).immediate();
}
