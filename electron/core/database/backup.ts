import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import type { BackupFile, BackupVerification } from '../../../shared/data';
import { ApiError } from '../../../shared/errors';
import type { Settings } from '../../../shared/settings';
import type { Store } from '../store';
import { stamp } from './files';

const LAST_BACKUP_KEY = 'backup.last';
const VERIFIED_KEY = 'backup.verified';
/** Scheduled backups are named so; only these are deleted when more than `keep` exist. */
const AUTO_PREFIX = 'lookout-auto-';

export function backupDir(settings: Settings, dbPath: string): string {
  return path.resolve(path.dirname(dbPath), settings.backup.dir ?? 'backups');
}

/** The optional second folder (relative paths beside the database), or null. */
export function secondBackupDir(settings: Settings, dbPath: string): string | null {
  const dir = settings.backup.secondDir;
  return dir ? path.resolve(path.dirname(dbPath), dir) : null;
}

export function autoBackupPath(dir: string, now: number): string {
  return path.join(dir, `${AUTO_PREFIX}${stamp(now)}.db`);
}

/**
 * Online backup with SQLite's backup API: pages are copied in steps while probes keep writing
 * (writes from this connection are carried into the copy). It goes to `<dest>.partial` first and
 * is renamed when complete, so a backup interrupted by a crash is never mistaken for a good one.
 */
export async function backupTo(store: Store, dest: string, now: () => number): Promise<BackupFile> {
  return (await backupCounted(store, dest, now)).file;
}

/**
 * backupTo, also counting the source's results at the backup's moment: the count runs in the same
 * tick the copy completes, before the writer can add a batch, so a faithful copy holds exactly as many.
 */
export async function backupCounted(
  store: Store,
  dest: string,
  now: () => number,
): Promise<{ file: BackupFile; sourceResults: number }> {
  const target = path.resolve(dest);
  if (target === path.resolve(store.path))
    throw new ApiError('invalid_input', `Cannot back up ${store.path} onto itself; choose another file.`);
  if (existsSync(target))
    throw new ApiError(
      'conflict',
      `${target} already exists; choose a new file name (backups never overwrite a file).`,
    );
  const partial = `${target}.partial`;
  let sourceResults = 0;
  try {
    mkdirSync(path.dirname(target), { recursive: true });
    rmSync(partial, { force: true });
    sourceResults = (await store.file.backupTo(partial)).results;
    renameSync(partial, target);
  } catch (err) {
    rmSync(partial, { force: true });
    throw new ApiError(
      'internal',
      `Backing up ${store.path} to ${target} failed: ${err instanceof Error ? err.message : String(err)}`,
    );
  }
  const file: BackupFile = { path: target, bytes: statSync(target).size, at: now() };
  if (!store.readOnly) store.settings.set(LAST_BACKUP_KEY, JSON.stringify(file));
  return { file, sourceResults };
}

export function recordVerification(store: Store, v: BackupVerification): void {
  if (!store.readOnly) store.settings.set(VERIFIED_KEY, JSON.stringify(v));
}

export function lastVerification(store: Store | undefined): BackupVerification | null {
  const raw = store?.settings.get(VERIFIED_KEY);
  if (!raw) return null;
  try {
    return JSON.parse(raw) as BackupVerification;
  } catch {
    return null;
  }
}

export function lastBackup(store: Store | undefined): BackupFile | null {
  const raw = store?.settings.get(LAST_BACKUP_KEY);
  if (!raw) return null;
  try {
    return JSON.parse(raw) as BackupFile;
  } catch {
    return null;
  }
}

/** Lookout backups in a folder (`*.db`), newest first. A missing folder is an empty list. */
export function listBackups(dir: string): BackupFile[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  const out: BackupFile[] = [];
  for (const name of names) {
    if (!name.endsWith('.db')) continue;
    const p = path.join(dir, name);
    try {
      const st = statSync(p);
      if (st.isFile()) out.push({ path: p, bytes: st.size, at: st.mtimeMs });
    } catch {
      // vanished while listing
    }
  }
  return out.sort((a, b) => b.at - a.at || b.path.localeCompare(a.path));
}

/** Deletes scheduled backups beyond the newest `keep` (hand-made backups are never deleted). */
export function pruneBackups(dir: string, keep: number): string[] {
  const auto = listBackups(dir)
    .filter((b) => path.basename(b.path).startsWith(AUTO_PREFIX))
    .sort((a, b) => path.basename(b.path).localeCompare(path.basename(a.path)));
  const gone = auto.slice(keep).map((b) => b.path);
  for (const p of gone) rmSync(p, { force: true });
  return gone;
}
