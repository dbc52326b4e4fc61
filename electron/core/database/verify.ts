import { copyFileSync, existsSync, renameSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import type { BackupCheck } from '../../../shared/data';
import { ApiError } from '../../../shared/errors';
import { lookAtFile } from '../store/inspect';
import { validateBackup } from './restore';

/**
 * A backup is only as good as a restore from it: each copy is opened read-only, passes
 * integrity_check, and holds exactly the results the source held at the backup's moment.
 */
export function verifyBackup(file: string, sourceResults: number, nativeBinding?: string): BackupCheck {
  try {
    validateBackup(file, nativeBinding);
  } catch (err) {
    return { path: file, ok: false, results: null, message: err instanceof ApiError ? err.message : String(err) };
  }
  try {
    const results = lookAtFile(file, nativeBinding, (f) => f.resultCount());
    if (results !== sourceResults) {
      return {
        path: file,
        ok: false,
        results,
        message: `${file} holds ${results.toLocaleString('en-US')} results, the database held ${sourceResults.toLocaleString('en-US')} when it was backed up.`,
      };
    }
    return {
      path: file,
      ok: true,
      results,
      message: `verified: ${results.toLocaleString('en-US')} results, integrity ok`,
    };
  } catch (err) {
    return {
      path: file,
      ok: false,
      results: null,
      message: `${file} could not be read back (${err instanceof Error ? err.message : String(err)}).`,
    };
  } finally {
    dropEmptyCompanions(file);
  }
}

/**
 * A read-only look at a WAL-mode copy leaves an empty `-wal` and a `-shm` beside it; a backup
 * folder (often a synced drive) should hold just the backup files.
 */
function dropEmptyCompanions(file: string): void {
  try {
    if (existsSync(`${file}-wal`) && statSync(`${file}-wal`).size > 0) return;
    rmSync(`${file}-wal`, { force: true });
    rmSync(`${file}-shm`, { force: true });
  } catch {
    // Best effort: a leftover companion is harmless.
  }
}

/** Copies a verified backup into another folder (`.partial`, then renamed) and returns the copy's path. */
export function copyBackup(file: string, dir: string): string {
  const target = path.join(path.resolve(dir), path.basename(file));
  const partial = `${target}.partial`;
  try {
    copyFileSync(file, partial);
    renameSync(partial, target);
  } catch (err) {
    rmSync(partial, { force: true });
    throw err;
  }
  return target;
}

/** A copy that failed its check is renamed out of the `*.db` list, so it is never restored or counted as kept. */
export function setAsideFailed(file: string): string {
  const failed = `${file}.failed`;
  try {
    renameSync(file, failed);
    return failed;
  } catch {
    return file;
  }
}
