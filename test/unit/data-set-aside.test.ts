import { closeSync, existsSync, openSync, readdirSync, statSync, utimesSync, writeSync } from 'node:fs';
import { copyFile } from 'node:fs/promises';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startCore, type Core } from '../../electron/core/app';
import { systemClock } from '../../electron/core/clock';
import { copyAside } from '../../electron/core/database/files';
import { openStore } from '../../electron/core/store';
import type { DataStatus } from '../../shared/data';
import { draft, result, sha256, tempDir } from './store-helpers';

const T0 = Date.UTC(2026, 0, 5, 9, 0, 0);
const MINUTE = 60_000;

let tmp: ReturnType<typeof tempDir>;
beforeEach(() => {
  tmp = tempDir();
});
afterEach(() => tmp.cleanup());

/**
 * One start of the console on `path` at wall time `at` (each start a minute apart, so a second copy
 * would get its own name): what it reported about the file, and what it logged.
 */
async function start(path: string, at: number): Promise<{ opening: DataStatus['opening']; log: string[] }> {
  const log: string[] = [];
  const c: Core = await startCore({
    dbPath: path,
    mode: 'serve',
    version: 'test',
    clock: { ...systemClock, now: () => at },
    log: (l) => log.push(l),
  });
  try {
    const out = await c.dispatch('data.status', {});
    if (!out.ok) throw new Error(out.error.message);
    return { opening: (out.result as DataStatus).opening, log };
  } finally {
    await c.close();
  }
}

/** Main files of the copies set aside beside `lookout.db` (not their -wal, -shm or sidecar). */
function copies(kind: string): string[] {
  const re = new RegExp(`^lookout\\.db\\.${kind}-\\d{8}T\\d{6}Z(-\\d+)?$`);
  return readdirSync(tmp.dir)
    .filter((n) => re.test(n))
    .map((n) => tmp.file(n))
    .sort();
}

/** A Lookout database left by a crash (session row present) with garbage over one results page. */
function damagedLookoutFile(path: string, fill: number): void {
  const s = openStore({ path });
  const m = s.monitors.create(draft());
  for (let i = 0; i < 3000; i++) s.results.enqueue(result(m.id, i * 30_000));
  s.close();
  const db = new Database(path);
  db.prepare("INSERT OR REPLACE INTO settings (key, value) VALUES ('store.session', '1')").run();
  db.close();
  overwrite(path, statSync(path).size - 2 * 4096, Buffer.alloc(4096, fill));
}

function overwrite(path: string, at: number, bytes: Buffer): void {
  const fd = openSync(path, 'r+');
  writeSync(fd, bytes, 0, bytes.length, at);
  closeSync(fd);
}

/** A non-Lookout SQLite file as a crash leaves it: its last commits only in the -wal. */
async function foreignFileWithWal(path: string): Promise<void> {
  const live = tmp.file('live.db');
  const db = new Database(live);
  db.pragma('journal_mode = WAL');
  db.pragma('wal_autocheckpoint = 0');
  db.exec('CREATE TABLE notes (t TEXT)');
  for (let i = 0; i < 50; i++) db.prepare('INSERT INTO notes VALUES (?)').run(`note ${i} ${'x'.repeat(300)}`);
  // Copied while the connection is open: the -wal holds the notes, as after a power cut.
  for (const ext of ['', '-wal', '-shm']) await copyFile(live + ext, path + ext);
  db.close();
}

describe('setting a refused database aside', () => {
  it('two starts on the same damaged file make one copy, and both name it', async () => {
    const path = tmp.file('lookout.db');
    damagedLookoutFile(path, 0xa5);
    const before = sha256(path);

    const first = await start(path, T0);
    const second = await start(path, T0 + MINUTE);

    expect(first.opening?.kind).toBe('corrupt');
    expect(copies('corrupt')).toHaveLength(1);
    const [copy] = copies('corrupt');
    expect(first.opening?.setAside[0]).toBe(copy);
    expect(second.opening?.setAside).toEqual(first.opening?.setAside);
    expect(second.log.join('\n')).toContain(`A copy was set aside as ${copy}.`);
    expect(sha256(copy!)).toBe(before);
    expect(sha256(path)).toBe(before);
  });

  it('a file damaged differently since the last start gets a copy of its own; the first copy is kept as it was', async () => {
    const path = tmp.file('lookout.db');
    damagedLookoutFile(path, 0xa5);
    const firstState = sha256(path);
    const first = await start(path, T0);

    // Same size, different bytes: only the content tells the two states apart.
    overwrite(path, statSync(path).size - 2 * 4096, Buffer.alloc(4096, 0x5a));
    const secondState = sha256(path);
    const second = await start(path, T0 + MINUTE);

    expect(copies('corrupt')).toHaveLength(2);
    const a = first.opening!.setAside[0]!;
    const b = second.opening!.setAside[0]!;
    expect(b).not.toBe(a);
    expect(sha256(a)).toBe(firstState);
    expect(sha256(b)).toBe(secondState);
    expect(sha256(path)).toBe(secondState);
    // Back to a state already set aside: that copy is named again, nothing new is made.
    expect((await start(path, T0 + 2 * MINUTE)).opening?.setAside[0]).toBe(b);
    expect(copies('corrupt')).toHaveLength(2);
  });

  it('the -wal is part of what is compared: the same -wal reuses the copy, a changed one does not', async () => {
    const path = tmp.file('lookout.db');
    await foreignFileWithWal(path);
    const main = sha256(path);
    const wal = sha256(`${path}-wal`);

    const first = await start(path, T0);
    expect(first.opening?.kind).toBe('foreign');
    const copy = first.opening!.setAside[0]!;
    expect(first.opening?.setAside).toEqual([copy, `${copy}-wal`, `${copy}-shm`]);
    expect(sha256(`${copy}-wal`)).toBe(wal);
    expect((await start(path, T0 + MINUTE)).opening?.setAside).toEqual(first.opening?.setAside);
    expect(copies('foreign')).toHaveLength(1);

    // One byte inside the last frame of the -wal: same sizes everywhere, same main file.
    overwrite(`${path}-wal`, statSync(`${path}-wal`).size - 100, Buffer.from([0xff]));
    const changedWal = sha256(`${path}-wal`);
    const third = await start(path, T0 + 2 * MINUTE);
    const other = third.opening!.setAside[0]!;
    expect(other).not.toBe(copy);
    expect(copies('foreign')).toHaveLength(2);
    expect(sha256(`${other}-wal`)).toBe(changedWal);
    expect(sha256(`${copy}-wal`)).toBe(wal);
    expect(sha256(path)).toBe(main);
    expect(sha256(`${path}-wal`)).toBe(changedWal);
  });

  it('a copy edited after it was set aside is neither reused nor overwritten, even within the same second', async () => {
    const path = tmp.file('lookout.db');
    damagedLookoutFile(path, 0xa5);
    const original = sha256(path);
    const [a] = await copyAside(path, 'corrupt', T0);
    overwrite(a!, 0, Buffer.from('edited by hand'));
    // A hand edit comes well after the copy; file times only move per kernel tick, so say so.
    const later = new Date(Date.now() + 5_000);
    utimesSync(a!, later, later);
    const edited = sha256(a!);

    const [b] = await copyAside(path, 'corrupt', T0);
    expect(b).not.toBe(a);
    expect(existsSync(b!)).toBe(true);
    expect(sha256(a!)).toBe(edited);
    expect(sha256(b!)).toBe(original);
    expect(sha256(path)).toBe(original);
  });
});
