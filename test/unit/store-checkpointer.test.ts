import { existsSync, statSync } from 'node:fs';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { openStore } from '../../electron/core/store';
import { createCheckpointer, walLength } from '../../electron/core/store/checkpointer';
import { draft, result, storePerTest, tempDir } from './store-helpers';

const open = storePerTest();
const tmps: ReturnType<typeof tempDir>[] = [];
afterEach(() => {
  for (const t of tmps.splice(0)) t.cleanup();
});

const MONITORS = 200;
const T0 = Date.UTC(2026, 0, 1);
const tick = () => new Promise((r) => setTimeout(r, 5));

/** A file in the test's folder, removed after the test. */
function tempFile(name: string): string {
  const tmp = tempDir();
  tmps.push(tmp);
  return tmp.file(name);
}

/** A plain SQLite file in WAL mode that never checkpoints by itself, and a way to add ~3 KB rows. */
function rawWal(name: string) {
  const path = tempFile(name);
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('wal_autocheckpoint = 0');
  db.exec('CREATE TABLE t (x INTEGER PRIMARY KEY, y BLOB)');
  const ins = db.prepare('INSERT INTO t (y) VALUES (randomblob(3000))');
  const write = (rows: number) =>
    db.transaction(() => {
      for (let i = 0; i < rows; i++) ins.run();
    })();
  return { path, shm: `${path}-shm`, db, write };
}

/** One batch: a result per monitor, one minute after the last. */
function batch(s: ReturnType<typeof openStore>, minute: number): void {
  for (let id = 1; id <= MONITORS; id++) s.results.enqueue(result(id, T0 + minute * 60_000 + id));
  s.results.flush();
}

describe('WAL checkpoints on a worker thread', () => {
  it('reads the WAL length from the wal-index: what a checkpoint reports, and how much it has not copied yet', () => {
    const { path, shm, db, write } = rawWal('h.db');
    try {
      write(200);
      const before = walLength(shm)!;
      const [row] = db.pragma('wal_checkpoint(PASSIVE)') as { log: number; checkpointed: number }[];
      expect(before.bytes).toBe(row!.log * (4096 + 24));
      expect(before.uncopiedBytes).toBe(before.bytes);
      expect(walLength(shm)).toEqual({ bytes: before.bytes, uncopiedBytes: 0 });
      // The file keeps its size when SQLite writes it again from the start; the header does not.
      const fileBefore = statSync(`${path}-wal`).size;
      write(1);
      expect(statSync(`${path}-wal`).size).toBe(fileBefore);
      expect(walLength(shm)!.bytes).toBeLessThan(10 * (4096 + 24));
    } finally {
      db.close();
    }
    expect(walLength(shm)).toBeUndefined();
  });

  it('keeps the WAL near its threshold while results are written, copying them into the file beside the writer', async () => {
    const threshold = 256 * 1024;
    const { s, file } = open('c.db', { flushMaxBatch: 100_000, checkpointBytes: threshold });
    for (let i = 0; i < MONITORS; i++) s.monitors.create(draft(`M${i}`));
    const dbAtStart = statSync(file).size;
    let longest = 0;
    for (let minute = 0; minute < 60; minute++) {
      batch(s, minute);
      longest = Math.max(longest, walLength(`${file}-shm`)!.bytes);
      await tick();
    }
    // Each batch dirties a page per monitor (~0.8 MB of WAL), 50 MB in all: the WAL stays within its
    // cap (2 thresholds) and the two batches that can come before the writer waits at it, where the
    // writer's own checkpoint (at 160 MB) would have let it hold all 50.
    expect(longest).toBeLessThan(2 * threshold + 2 * 1024 * 1024);
    // The pages reached the database file while it was open (the worker copied them): the file holds
    // most of the database's pages, where without checkpoints it would still be as it was at start.
    const reader = new Database(file, { readonly: true });
    const pages = reader.pragma('page_count', { simple: true }) as number;
    reader.close();
    expect(pages * 4096).toBeGreaterThan(4 * dbAtStart);
    expect(statSync(file).size).toBeGreaterThan(0.8 * pages * 4096);
    expect(s.results.count()).toBe(60 * MONITORS);
  });

  it('closes cleanly with a checkpoint running: no WAL left, every result there on reopening', () => {
    const file = tempFile('close.db');
    const s = openStore({ path: file, flushMaxBatch: 100_000, checkpointBytes: 64 * 1024 });
    for (let i = 0; i < MONITORS; i++) s.monitors.create(draft(`M${i}`));
    // No pause between batches: the last commit starts a checkpoint, and close comes right after.
    for (let minute = 0; minute < 20; minute++) batch(s, minute);
    s.close();
    expect(existsSync(`${file}-wal`)).toBe(false);
    const again = openStore({ path: file, readOnly: true });
    try {
      expect(again.results.count()).toBe(20 * MONITORS);
    } finally {
      again.close();
    }
  });

  it('checkpoints what is new, not the whole WAL again, when the WAL could not restart', async () => {
    const { path, shm, db, write } = rawWal('r.db');
    const reader = new Database(path, { readonly: true });
    const c = createCheckpointer({ path, thresholdBytes: 400 * 1024 });
    let rows: IterableIterator<unknown> | undefined;
    try {
      write(150); // ~600 KB of WAL
      // A reader in the middle of a read (begun before the checkpoint, so it reads from the WAL)
      // keeps the WAL from restarting: the next commits append to it.
      rows = reader.prepare('SELECT x FROM t').iterate();
      rows.next();
      c.afterCommit();
      await expect.poll(() => c.stats().completed, { timeout: 5000 }).toBe(1);
      write(20);
      c.afterCommit();
      await tick();
      const wal = walLength(shm)!;
      expect(wal.bytes).toBeGreaterThan(400 * 1024);
      expect(wal.uncopiedBytes).toBeLessThan(400 * 1024);
      // Past the threshold in total but not in what is new: no checkpoint copying the same pages again.
      expect(c.stats().completed).toBe(1);
      write(120);
      c.afterCommit();
      await expect.poll(() => c.stats().completed, { timeout: 5000 }).toBe(2);
    } finally {
      rows?.return?.();
      c.close();
      reader.close();
      db.close();
    }
  });

  it('says once when its worker cannot run, and leaves checkpoints to the writer', async () => {
    const { path, shm, db, write } = rawWal('u.db');
    write(30);
    const reasons: string[] = [];
    const c = createCheckpointer({
      path,
      thresholdBytes: 4096,
      sqliteLib: `${path}.no-such-sqlite.js`,
      onUnavailable: (err) => reasons.push(err.message),
    });
    try {
      c.afterCommit();
      await expect.poll(() => reasons.length, { timeout: 5000 }).toBe(1);
      expect(reasons[0]).toMatch(/WAL checkpoint worker stopped: .*no-such-sqlite/);
      expect(c.stats().unavailable).toBe(reasons[0]);
      c.afterCommit();
      await tick();
      expect(reasons).toHaveLength(1);
      // The WAL is as the writer left it: nothing was copied.
      const wal = walLength(shm)!;
      expect(wal.uncopiedBytes).toBe(wal.bytes);
    } finally {
      c.close();
      db.close();
    }
  });
});
