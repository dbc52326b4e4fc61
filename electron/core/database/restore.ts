import { closeSync, copyFileSync, existsSync, openSync, readSync, renameSync, rmSync } from 'node:fs';
import { ApiError } from '../../../shared/errors';
import { lookAtFile } from '../store/inspect';
import { APPLICATION_ID, SCHEMA_VERSION } from '../store/migrations';
import { COMPANIONS, moveAside } from './files';

/**
 * Checks that `file` is a Lookout database this version can open: an SQLite file with our
 * application_id, a schema that is not newer, and a clean integrity_check. Opens it read-only.
 */
export function validateBackup(file: string, nativeBinding?: string): void {
  if (!existsSync(file)) throw new ApiError('not_found', `${file} does not exist.`);
  const header = Buffer.alloc(16);
  const fd = openSync(file, 'r');
  try {
    readSync(fd, header, 0, 16, 0);
  } finally {
    closeSync(fd);
  }
  if (header.toString('latin1') !== 'SQLite format 3\0')
    throw new ApiError('conflict', `${file} is not a Lookout database (not an SQLite file).`);
  try {
    // The same addon build as the open store (the desktop shell's is built for Electron's ABI).
    lookAtFile(file, nativeBinding, (f) => {
      if (f.applicationId() !== APPLICATION_ID)
        throw new ApiError('conflict', `${file} is an SQLite database but not a Lookout one.`);
      const version = f.userVersion();
      if (version > SCHEMA_VERSION) {
        throw new ApiError(
          'conflict',
          `${file} was written by a newer Lookout (schema ${version}, this version knows up to ${SCHEMA_VERSION}).`,
        );
      }
      const check = f.integrityCheck(5);
      if (check !== 'ok')
        throw new ApiError('conflict', `${file} is damaged (integrity check: ${check.slice(0, 300)}).`);
    });
  } catch (err) {
    if (err instanceof ApiError) throw err;
    throw new ApiError(
      'conflict',
      `${file} cannot be read as a Lookout database (${err instanceof Error ? err.message : String(err)}).`,
    );
  }
}

/**
 * With the store closed: keeps the current database aside as `<target>.before-restore-<stamp>`
 * and puts a copy of `backup` in its place. Returns the kept-aside path (undefined if there was
 * no current file) and an undo that puts everything back.
 */
export function swapIn(backup: string, target: string, now: number): { keptAside: string | undefined; undo(): void } {
  const incoming = `${target}.restoring`;
  copyFileSync(backup, incoming);
  const keptAside = moveAside(target, 'before-restore', now);
  renameSync(incoming, target);
  return {
    keptAside,
    undo() {
      for (const ext of COMPANIONS) rmSync(target + ext, { force: true });
      if (keptAside)
        for (const ext of COMPANIONS) if (existsSync(keptAside + ext)) renameSync(keptAside + ext, target + ext);
    },
  };
}
