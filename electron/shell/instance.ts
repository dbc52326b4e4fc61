import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * Which database the running instance has open, beside Electron's single-instance lock (which is
 * per user profile, not per database): a second launch for another file can then refuse with a
 * message instead of silently focusing a window showing a different database.
 */
export interface InstanceRecord {
  pid: number;
  dbPath: string;
}

export const INSTANCE_FILE = 'lookout-instance.json';

export function writeInstance(userData: string, rec: InstanceRecord): void {
  try {
    writeFileSync(path.join(userData, INSTANCE_FILE), JSON.stringify(rec), { mode: 0o600 });
  } catch {
    // Without it a second launch for another database is still refused by the first instance.
  }
}

export function readInstance(userData: string): InstanceRecord | undefined {
  try {
    const r = JSON.parse(readFileSync(path.join(userData, INSTANCE_FILE), 'utf8')) as Partial<InstanceRecord>;
    return typeof r.pid === 'number' && typeof r.dbPath === 'string' ? { pid: r.pid, dbPath: r.dbPath } : undefined;
  } catch {
    return undefined;
  }
}

export function clearInstance(userData: string, pid: number): void {
  if (readInstance(userData)?.pid === pid) rmSync(path.join(userData, INSTANCE_FILE), { force: true });
}

export function otherDatabaseMessage(running: string, wanted: string): string {
  return `Lookout is already running with ${running}; it cannot also open ${wanted}. Quit the running Lookout first (tray › Quit Lookout), or start this one with --db ${running}.`;
}
