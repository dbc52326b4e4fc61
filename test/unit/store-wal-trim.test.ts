import { mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { WAL_CAP_FACTOR } from '../../electron/core/store/checkpointer';
import { WAL_CHECKPOINT_BYTES, closeDatabase, openDatabase, type WritableDB } from '../../electron/core/store/db';

const MiB = 1024 * 1024;
let dir: string | undefined;
let db: WritableDB | undefined;
afterEach(() => {
  if (db?.open) closeDatabase(db);
  db = undefined;
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

describe('WAL size on disk', () => {
  it("is cut back to the checkpointer's cap after a checkpoint past it instead of staying at its high-water mark", () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'lookout-wal-'));
    const file = path.join(dir, 'lookout.db');
    db = openDatabase(file, false);
    const pageSize = db.pragma('page_size', { simple: true }) as number;
    const checkpointPages = db.pragma('wal_autocheckpoint', { simple: true }) as number;
    const limit = db.pragma('journal_size_limit', { simple: true }) as number;
    // The limit is the checkpointer's cap (the WAL's working size stays); it only bites if it sits
    // below the size at which the writer checkpoints itself (the backstop this test drives).
    expect(limit).toBe(WAL_CHECKPOINT_BYTES * WAL_CAP_FACTOR);
    expect(limit).toBeLessThan(pageSize * checkpointPages);

    db.exec('CREATE TABLE scratch (id INTEGER PRIMARY KEY, blob BLOB NOT NULL) STRICT');
    const insert = db.prepare('INSERT INTO scratch (blob) VALUES (?)');
    const chunk = Buffer.alloc(64 * 1024, 7);
    const batch = db.transaction(() => {
      for (let i = 0; i < 16; i++) insert.run(chunk);
    });
    const sizes: number[] = [];
    // Past the checkpoint size, one ~1 MiB commit at a time as the result writer does.
    const total = Math.ceil((pageSize * checkpointPages * 1.2) / MiB);
    for (let i = 0; i < total; i++) {
      batch();
      sizes.push(statSync(`${file}-wal`).size);
    }
    const peak = Math.max(...sizes);
    expect(peak).toBeGreaterThan(pageSize * checkpointPages * 0.9);
    // After the checkpoint the next commit restarts the WAL and cuts the file back to the limit;
    // with the limit above the checkpoint size the file stayed at its ~160 MB peak for good.
    const shrunk = sizes.findIndex((s, i) => i > 0 && s < sizes[i - 1]!);
    expect(shrunk, `WAL sizes ${sizes.map((s) => (s / MiB).toFixed(1)).join(' ')}`).toBeGreaterThan(0);
    expect(sizes[shrunk]!).toBeLessThanOrEqual(limit + 2 * MiB);
  });
});
