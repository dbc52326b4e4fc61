import { existsSync, statSync } from 'node:fs';
import Database from 'better-sqlite3';
import { createChannelStore, type ChannelStore } from './alert-channels';
import { openDatabase, readable, type ReadableDB } from './db';
import { createDeployStore, type DeployStore } from './deploys';
import { createDraftStore, type DraftStore } from './drafts';
import { createMonitorTable, type MonitorStore } from './monitors';
import { createSettings, type SettingsStore } from './settings';
import { createWindowTable, type WindowTable } from './windows';
import { createWorkspaceStore, type WorkspaceStore } from './workspace';

/** db.ts's session mark: the pid of the console that has the file open for writing. */
const SESSION_KEY = 'store.session';

/** The tables the `lookout` CLI reads and writes, all on its one connection. */
export interface BesideTables {
  /** `fn` in one IMMEDIATE transaction on this connection. */
  immediate<T>(fn: () => T): T;
  monitors: MonitorStore;
  windows: WindowTable;
  drafts: DraftStore;
  channels: ChannelStore;
  settings: SettingsStore;
  workspace: WorkspaceStore;
  deploys: DeployStore;
}

/**
 * Opens a console's database from another process (the CLI) while the console may have it open:
 * SQLite's WAL lets both write, one transaction at a time. The console's session mark (its pid,
 * cleared on a clean close) is put back as it was, so a running console still owns it.
 */
export function openBeside(path: string, now: () => number): { tables: BesideTables; close(): void } {
  const before = path === ':memory:' ? undefined : peekSession(path);
  const db = openDatabase(path, false);
  const both = { read: db, write: db };
  return {
    tables: {
      immediate: (fn) => db.transaction(fn).immediate(),
      monitors: createMonitorTable(both, now, () => undefined),
      windows: createWindowTable(both, now),
      drafts: createDraftStore(both, now),
      channels: createChannelStore(both, now),
      settings: createSettings(both),
      workspace: createWorkspaceStore(both, now),
      deploys: createDeployStore(both),
    },
    close() {
      if (before === undefined) db.prepare('DELETE FROM settings WHERE key = ?').run(SESSION_KEY);
      else db.prepare('INSERT OR REPLACE INTO settings (key, value) VALUES (?, ?)').run(SESSION_KEY, before);
      db.close();
    },
  };
}

/** Read-only look at the named secrets, for `validate` (nothing is created or migrated). */
export function secretNamesAt(path: string): Set<string> | undefined {
  if (!existsSync(path)) return undefined;
  try {
    return readOnly(path, (db) => new Set(db.prepare<[], string>('SELECT name FROM named_secrets').pluck().all()));
  } catch {
    return new Set(); // an older database has no named secrets yet
  }
}

function peekSession(path: string): string | undefined {
  if (!existsSync(path) || statSync(path).size === 0) return undefined;
  try {
    return readOnly(path, (db) =>
      db.prepare<[string], string>('SELECT value FROM settings WHERE key = ?').pluck().get(SESSION_KEY),
    );
  } catch {
    return undefined;
  }
}

function readOnly<T>(path: string, fn: (db: ReadableDB) => T): T {
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    return fn(readable(db));
  } finally {
    db.close();
  }
}
