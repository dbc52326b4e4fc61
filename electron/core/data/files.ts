import { copyFileSync, existsSync, renameSync, statSync } from 'node:fs';

/** SQLite's companions of a database file: they belong to it and travel with it. */
export const COMPANIONS = ['', '-wal', '-shm'] as const;

/** `20261123T164156Z`: sortable, and legal in a file name on every platform. */
export function stamp(ms: number): string {
  return new Date(ms).toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
}

export function sizeOf(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
}

/**
 * Copies a database and its -wal / -shm to `<path>.<label>-<stamp>`. Copies, never moves: the
 * original stays byte-for-byte as it was until the operator decides. Returns the copies made.
 */
export function copyAside(path: string, label: string, now: number): string[] {
  const made: string[] = [];
  const base = `${path}.${label}-${stamp(now)}`;
  for (const ext of COMPANIONS) {
    if (!existsSync(path + ext)) continue;
    copyFileSync(path + ext, base + ext);
    made.push(base + ext);
  }
  return made;
}

/** Moves a closed database and its companions to `<path>.<label>-<stamp>`; returns the new main path. */
export function moveAside(path: string, label: string, now: number): string | undefined {
  if (!existsSync(path)) return undefined;
  const base = `${path}.${label}-${stamp(now)}`;
  for (const ext of COMPANIONS) {
    if (existsSync(path + ext)) renameSync(path + ext, base + ext);
  }
  return base;
}
