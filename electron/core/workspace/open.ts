import { existsSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import { createKeyFileBox } from '../secrets/key-file';
import { openDatabase, type Db } from '../store/db';
import { createDeployStore, type DeployStore } from '../store/deploys';
import { workspaceTables, type WorkspaceTables } from './tables';

const SESSION_KEY = 'store.session';

export interface OpenedWorkspace {
  tables: WorkspaceTables;
  /** `lookout deploy` records a deploy on the same connection. */
  deploys: DeployStore;
  close(): void;
}

/**
 * Opens a console's database from another process (the CLI) while the console may have it open:
 * SQLite's WAL lets both write, one transaction at a time. The console's session mark (its pid,
 * cleared on a clean close) is put back as it was, so a running console still owns it.
 */
export function openWorkspaceDb(path: string, now: () => number = Date.now): OpenedWorkspace {
  const before = path === ':memory:' ? undefined : peekSession(path);
  const db = openDatabase(path, false);
  const box = createKeyFileBox(join(dirname(path), 'secrets.key'));
  return {
    tables: workspaceTables(db, box, now),
    deploys: createDeployStore(db),
    close() {
      restoreSession(db, before);
      db.close();
    },
  };
}

/** Read-only look at the named secrets, for `validate` (nothing is created or migrated). */
export function secretNamesAt(path: string): Set<string> | undefined {
  if (!existsSync(path)) return undefined;
  let db: Db | undefined;
  try {
    db = new Database(path, { readonly: true, fileMustExist: true });
    return new Set(db.prepare<[], string>('SELECT name FROM named_secrets').pluck().all());
  } catch {
    return new Set(); // an older database has no named secrets yet
  } finally {
    db?.close();
  }
}

function peekSession(path: string): string | undefined {
  if (!existsSync(path) || statSync(path).size === 0) return undefined;
  let db: Db | undefined;
  try {
    db = new Database(path, { readonly: true, fileMustExist: true });
    return db.prepare<[string], string>('SELECT value FROM settings WHERE key = ?').pluck().get(SESSION_KEY);
  } catch {
    return undefined;
  } finally {
    db?.close();
  }
}

function restoreSession(db: Db, before: string | undefined): void {
  if (before === undefined) db.prepare('DELETE FROM settings WHERE key = ?').run(SESSION_KEY);
  else db.prepare('INSERT OR REPLACE INTO settings (key, value) VALUES (?, ?)').run(SESSION_KEY, before);
}
