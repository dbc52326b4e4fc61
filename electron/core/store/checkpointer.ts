import { closeSync, openSync, readSync } from 'node:fs';
import { endianness } from 'node:os';
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/**
 * WAL checkpoints on a worker thread, beside the writing connection.
 *
 * Each result batch dirties a leaf page per monitor, and SQLite appends every one to the WAL; a
 * checkpoint then copies them into the database file and syncs it. Run by the writer's own
 * connection (SQLite's autocheckpoint), that copy and its fsync happened inside a commit on the
 * main thread, a pause in the event loop each time: over the scheduler bench's 24 h the writer's
 * commits took 12.9 s of CPU profile with them and 4.6 s with this. Here the main thread only
 * reads the wal-index header after a commit; past the threshold of uncopied WAL a worker opens its
 * own connection and runs a PASSIVE checkpoint, which never blocks the writer
 * (it copies what was committed when it began; the writer restarts the WAL at its next commit once
 * everything is copied). The writer's autocheckpoint stays as the backstop should the worker fall
 * behind or be unavailable (a packaged shell that cannot start it): then it is as before.
 */
export interface Checkpointer {
  /** After the writer commits: starts a checkpoint if the WAL is past the threshold and none runs. */
  afterCommit(): void;
  /** Waits for a running checkpoint and stops the worker; afterwards `afterCommit` does nothing. */
  close(): void;
  stats(): CheckpointStats;
}

export interface CheckpointStats {
  /** Checkpoints the worker finished. */
  completed: number;
  /** Set once the worker failed; checkpoints are left to the writer's own autocheckpoint. */
  unavailable: string | null;
}

export interface CheckpointerOptions {
  /** The database file (its WAL is `${path}-wal`). */
  path: string;
  /** The writer connection's addon, for the worker's own connection (the Electron shell's build). */
  nativeBinding?: string;
  /** WAL size that starts a checkpoint. */
  thresholdBytes: number;
  /** The worker exits after this long without a checkpoint (gives its memory back); default 60 s. */
  idleMs?: number;
  /** Reported once, when the worker fails and checkpoints fall back to the writer. */
  onUnavailable?: (err: Error) => void;
  /** The better-sqlite3 entry the worker loads; default this process's (tests pass a bad one). */
  sqliteLib?: string;
}

/** How long the writer (at the cap, or closing) waits for a running checkpoint at most (one of a 64 MiB WAL takes ~0.1-0.3 s). */
const MAX_WAIT_MS = 10_000;
/**
 * The WAL's cap, in thresholds: past it the writer waits for a checkpoint (see afterCommit). Room
 * for a checkpoint still running when the next commits land: at 5,000 monitors a batch is 20-25 MB
 * of WAL and a checkpoint with its sync takes up to ~0.3 s. With 32 MiB thresholds, at 2 the writer
 * waited on most third batches (~3 s of the scheduler bench's day); with 64 MiB (db.ts) at 2 it
 * still waited ~30 times in 12 h, at 4 about once.
 */
export const WAL_CAP_FACTOR = 4;

interface Reply {
  ok: boolean;
  message?: string;
}

export function createCheckpointer(opts: CheckpointerOptions): Checkpointer {
  const shm = `${opts.path}-shm`;
  // 1 while a checkpoint is requested or running: set here before posting, cleared by the worker
  // after its connection is closed, so `close` can wait for it without a round trip.
  const busy = new Int32Array(new SharedArrayBuffer(4));
  let worker: Worker | undefined;
  let idle: ReturnType<typeof setTimeout> | undefined;
  let closed = false;
  const stats: CheckpointStats = { completed: 0, unavailable: null };

  function fail(err: Error): void {
    if (stats.unavailable !== null) return;
    stats.unavailable = err.message;
    Atomics.store(busy, 0, 0);
    stop();
    opts.onUnavailable?.(err);
  }

  function stop(): void {
    if (idle !== undefined) clearTimeout(idle);
    idle = undefined;
    const w = worker;
    worker = undefined;
    if (w) {
      w.removeAllListeners();
      w.on('error', () => undefined);
      void w.terminate();
    }
  }

  function spawn(): Worker {
    const w = new Worker(`(${checkpointWorker.toString()})(require);`, {
      eval: true,
      workerData: {
        path: opts.path,
        lib: opts.sqliteLib ?? createRequire(import.meta.url).resolve('better-sqlite3'),
        nativeBinding: opts.nativeBinding,
        busy: busy.buffer,
      },
      // Its own small heap: it holds a connection and a page cache, nothing else.
      resourceLimits: { maxOldGenerationSizeMb: 16, maxYoungGenerationSizeMb: 2 },
    });
    w.unref();
    w.on('message', (r: Reply) => {
      if (!r.ok) return fail(new Error(`WAL checkpoint on its worker failed: ${r.message ?? 'unknown error'}`));
      stats.completed++;
    });
    w.on('error', (err) => fail(new Error(`WAL checkpoint worker stopped: ${err.message}`)));
    w.on('exit', () => {
      if (worker === w) worker = undefined;
      // Exited mid-checkpoint (killed): nothing runs any more.
      Atomics.store(busy, 0, 0);
    });
    return w;
  }

  function armIdle(): void {
    if (idle !== undefined) clearTimeout(idle);
    idle = setTimeout(() => {
      idle = undefined;
      if (Atomics.load(busy, 0) === 0) stop();
      else armIdle();
    }, opts.idleMs ?? 60_000);
    idle.unref();
  }

  return {
    afterCommit() {
      if (closed || stats.unavailable !== null) return;
      // Called right after a commit: nothing here may throw into the writer.
      try {
        const wal = walLength(shm);
        if (wal === undefined) return;
        const behind = wal.bytes >= opts.thresholdBytes * WAL_CAP_FACTOR;
        // What the last checkpoint left uncopied decides, not the WAL's length: a WAL that did not
        // restart (the writer committed while it ran) would otherwise be checkpointed after every
        // commit, each copy rewriting the same hot pages (twice the bytes in the disk-writes bench).
        if (wal.uncopiedBytes < opts.thresholdBytes && !(behind && wal.uncopiedBytes > 0)) return;
        if (Atomics.load(busy, 0) !== 0) {
          if (!behind) return;
          Atomics.wait(busy, 0, 1, MAX_WAIT_MS);
        }
        worker ??= spawn();
        Atomics.store(busy, 0, 1);
        worker.postMessage('checkpoint');
        if (behind) Atomics.wait(busy, 0, 1, MAX_WAIT_MS);
        armIdle();
      } catch (err) {
        fail(err instanceof Error ? err : new Error(String(err)));
      }
    },
    close() {
      if (closed) return;
      closed = true;
      // The writer closes its connection next: the worker's must be closed by then, or the WAL
      // would outlive the clean close (and the next open would take the file for a crashed one).
      if (worker) Atomics.wait(busy, 0, 1, MAX_WAIT_MS);
      stop();
    },
    stats: () => ({ ...stats }),
  };
}

/** The wal-index header's first copy and the checkpoint info after the second (sqlite.org/walformat.html). */
const HEADER_BYTES = 120;
const WALINDEX_VERSION = 3007000;
const header = Buffer.alloc(HEADER_BYTES);

/**
 * How far the WAL reaches and how much of it no checkpoint has copied yet, from the wal-index
 * header in the `-shm` file (what every connection reads before it reads the WAL). The WAL file's
 * own size says neither: after a checkpoint SQLite writes it again from its start, and the file
 * keeps its length (up to journal_size_limit). Undefined when the header cannot be read (no WAL open yet).
 */
export function walLength(shm: string): { bytes: number; uncopiedBytes: number } | undefined {
  let fd: number;
  try {
    fd = openSync(shm, 'r');
  } catch {
    return undefined;
  }
  try {
    if (readSync(fd, header, 0, HEADER_BYTES, 0) < HEADER_BYTES) return undefined;
  } finally {
    closeSync(fd);
  }
  // Written in the machine's own byte order.
  const le = endianness() === 'LE';
  const u32 = (at: number) => (le ? header.readUInt32LE(at) : header.readUInt32BE(at));
  const u16 = (at: number) => (le ? header.readUInt16LE(at) : header.readUInt16BE(at));
  if (u32(0) !== WALINDEX_VERSION || header[12] !== 1) return undefined;
  const pageSize = u16(14) === 1 ? 65536 : u16(14);
  const frames = u32(16);
  const backfilled = u32(96);
  const frameBytes = pageSize + 24;
  return { bytes: frames * frameBytes, uncopiedBytes: Math.max(0, frames - backfilled) * frameBytes };
}

/**
 * The worker's whole program, run from its source text (`eval`), so the same code works from
 * TypeScript under the tests and from the bundles, with nothing beside them to find at run time.
 * It may use only its argument and globals: nothing from this module's scope exists there.
 */
function checkpointWorker(load: NodeJS.Require): void {
  const threads = load('node:worker_threads') as typeof import('node:worker_threads');
  const data = threads.workerData as { path: string; lib: string; nativeBinding?: string; busy: SharedArrayBuffer };
  const busy = new Int32Array(data.busy);
  let Database: typeof import('better-sqlite3');
  try {
    Database = load(data.lib) as typeof import('better-sqlite3');
  } catch (err) {
    // A writer may be waiting for the checkpoint it asked for: let it go before failing.
    Atomics.store(busy, 0, 0);
    Atomics.notify(busy, 0);
    throw err;
  }
  const port = threads.parentPort!;
  port.on('message', () => {
    let reply: Reply;
    try {
      // A connection per checkpoint: between checkpoints nothing holds the file open but the writer.
      const db = new Database(data.path, {
        fileMustExist: true,
        ...(data.nativeBinding === undefined ? {} : { nativeBinding: data.nativeBinding }),
      });
      try {
        // A PASSIVE checkpoint copies what was committed when it began. A write committed while it
        // ran (an incident opening, a setting) leaves those frames behind, and a WAL not copied to
        // its end cannot restart: the next batch would append. So again, until a pass finds
        // nothing new: the later passes copy a few frames each.
        let row: { busy: number; log: number } | undefined;
        for (let pass = 0; pass < 8; pass++) {
          const before = row;
          [row] = db.pragma('wal_checkpoint(PASSIVE)') as { busy: number; log: number }[];
          if (!row || row.busy !== 0) break;
          if (before !== undefined && row.log === before.log) break;
        }
        reply = { ok: true };
      } finally {
        db.close();
      }
    } catch (err) {
      reply = { ok: false, message: err instanceof Error ? err.message : String(err) };
    }
    Atomics.store(busy, 0, 0);
    Atomics.notify(busy, 0);
    port.postMessage(reply);
  });
}
