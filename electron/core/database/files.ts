import { createHash } from 'node:crypto';
import { constants, createReadStream, existsSync, readdirSync, readFileSync, renameSync, statSync } from 'node:fs';
import { copyFile, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/** SQLite's companions of a database file: they belong to it and travel with it. */
export const COMPANIONS = ['', '-wal', '-shm'] as const;
type Companion = (typeof COMPANIONS)[number];

/** `20261123T164156Z`: sortable, and legal in a file name on every platform. */
export function stamp(ms: number): string {
  return new Date(ms)
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');
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
 * original stays byte-for-byte as it was until the operator decides. Returns the copies, main file
 * first.
 *
 * A refused file is copied aside on every start until the operator acts, so when an identical copy
 * of the same kind already sits beside it, that copy is returned instead of making another (a few
 * restarts would otherwise fill the disk with multi-GB duplicates). To know that without reading
 * the file and every candidate copy on each start, each copy gets a sidecar `<copy>.sha256`
 * (sha256sum format: `sha256sum -c` checks it) listing its files' hashes, written once the copy is
 * complete. A later start matches candidates on cheap facts first (same companions, same sizes,
 * nothing in the copy changed since its sidecar was written) and only then hashes the original,
 * streaming, each file at most once, against the sidecar. Copies without a sidecar (interrupted, or
 * made by an older version) are never reused, and no existing file is ever overwritten.
 *
 * The -shm is part of the identity like the -wal: it is only SQLite's index of the -wal, but SQLite
 * rebuilds it the same way whenever a first connection opens the file (our read-only inspection
 * included), so it does not differ from one start to the next.
 */
export async function copyAside(path: string, label: string, now: number): Promise<string[]> {
  const present = COMPANIONS.filter((ext) => existsSync(path + ext));
  if (present.length === 0) return [];
  const existing = await identicalCopy(path, label, present);
  if (existing) return present.map((ext) => existing + ext);

  const base = freeName(`${path}.${label}-${stamp(now)}`);
  const lines: string[] = [];
  for (const ext of present) {
    await copyFile(path + ext, base + ext, constants.COPYFILE_EXCL);
    lines.push(`${await sha256Of(base + ext)}  ${basename(base + ext)}`);
  }
  // Last, so that a copy cut short (disk full, crash) has no sidecar and is never taken for whole.
  await writeFile(sidecarOf(base), `${lines.join('\n')}\n`, { flag: 'wx' });
  return present.map((ext) => base + ext);
}

/** Moves a closed database and its companions to `<path>.<label>-<stamp>`; returns the new main path. */
export function moveAside(path: string, label: string, now: number): string | undefined {
  if (!existsSync(path)) return undefined;
  const base = freeName(`${path}.${label}-${stamp(now)}`);
  for (const ext of COMPANIONS) {
    if (existsSync(path + ext)) renameSync(path + ext, base + ext);
  }
  return base;
}

/** A stamp names a copy; `-2`, `-3`… tell apart copies made within the same second. */
const STAMPED = /^\d{8}T\d{6}Z(-\d+)?$/;

/** `base`, or `base-2`, `base-3`… : the first name none of whose files exist yet. */
function freeName(base: string): string {
  const taken = (b: string) => COMPANIONS.some((ext) => existsSync(b + ext)) || existsSync(sidecarOf(b));
  if (!taken(base)) return base;
  for (let n = 2; ; n++) if (!taken(`${base}-${n}`)) return `${base}-${n}`;
}

function sidecarOf(copy: string): string {
  return `${copy}.sha256`;
}

/** The main path of an existing copy of `path` (its `label`) whose files equal `path`'s `present` ones. */
async function identicalCopy(path: string, label: string, present: Companion[]): Promise<string | undefined> {
  const dir = dirname(path);
  const prefix = `${basename(path)}.${label}-`;
  const sizes = new Map(present.map((ext) => [ext, statSync(path + ext).size]));
  // Smallest first: a differing -wal or -shm rules a candidate out before the main file is read.
  const order = [...present].sort((a, b) => sizes.get(a)! - sizes.get(b)!);
  const hashes = new Map<Companion, string>();
  const names = readdirSync(dir)
    .filter((n) => n.startsWith(prefix) && STAMPED.test(n.slice(prefix.length)))
    .sort()
    .reverse();
  for (const name of names) {
    const copy = join(dir, name);
    const recorded = readSidecar(copy);
    if (!recorded || recorded.hashes.size !== present.length) continue;
    const sameShape = present.every((ext) => {
      const s = statOrUndefined(copy + ext);
      return recorded.hashes.has(ext) && s !== undefined && s.size === sizes.get(ext) && s.mtimeMs <= recorded.mtimeMs;
    });
    if (!sameShape) continue;
    let same = true;
    for (const ext of order) {
      let h = hashes.get(ext);
      if (h === undefined) hashes.set(ext, (h = await sha256Of(path + ext)));
      if (h !== recorded.hashes.get(ext)) {
        same = false;
        break;
      }
    }
    if (same) return copy;
  }
  return undefined;
}

/** The hashes a copy's sidecar records, by companion, and when it was written; undefined if unreadable. */
function readSidecar(copy: string): { hashes: Map<Companion, string>; mtimeMs: number } | undefined {
  try {
    const file = sidecarOf(copy);
    const mtimeMs = statSync(file).mtimeMs;
    const hashes = new Map<Companion, string>();
    for (const line of readFileSync(file, 'utf8').split('\n')) {
      if (line === '') continue;
      const m = /^([0-9a-f]{64}) {2}(.+)$/.exec(line);
      const ext = m ? COMPANIONS.find((e) => basename(copy) + e === m[2]) : undefined;
      if (!m || ext === undefined) return undefined;
      hashes.set(ext, m[1]!);
    }
    return { hashes, mtimeMs };
  } catch {
    return undefined;
  }
}

function statOrUndefined(file: string): { size: number; mtimeMs: number } | undefined {
  try {
    return statSync(file);
  } catch {
    return undefined;
  }
}

async function sha256Of(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}
