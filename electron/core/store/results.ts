import { ApiError } from '../../../shared/errors';
import type Database from 'better-sqlite3';
import type { Phases, ProbeResult } from '../../../shared/result';
import { STATUSES, statusCode, statusFromCode } from '../../../shared/status';
import { BASE_CACHE_KIB, MAX_CACHE_KIB, assertWritable, type Db } from './db';
import { frozen } from './frozen';
import { decodeDetails } from './result-details';
import { createResultQueue, type ResultRow } from './result-queue';
import { createSealer, readMarks } from './sealing';
import type { RollupMarks } from './tiling';
import { systemClock, type Clock, type TimerHandle } from '../clock';
import { createMonitorIdMap } from '../monitor-id-map';

export interface ResultStore {
  enqueue(r: ProbeResult): void;
  flush(): number;
  latest(monitorIds?: number[]): ProbeResult[];
  recent(monitorId: number, limit: number): ProbeResult[];
  count(): number;
}

/**
 * Rows another module keeps in memory (the monitoring pipeline's incident progress and states)
 * and has stored with the result writer's next batch, in the same transaction: one commit instead
 * of one per row, and a recovery's result and its incident's close reach the file together.
 */
export interface HeldWrites {
  /** Something is waiting to be written. */
  pending(): boolean;
  /**
   * Writes it; called inside the writer's transaction (so rolled back with it). Foreign keys are
   * not checked there: a row that refers to a monitor must check that it exists itself (as
   * monitor_states' upsert does), and nothing may rely on ON DELETE CASCADE.
   */
  write(): void;
  /** The transaction that wrote it committed (not called when it rolled back or was nested in another). */
  written(): void;
}

export interface ResultWriter extends ResultStore {
  /** Writes queued results and held writes (best effort) so a read sees them; failures go to onWriteError. */
  settle(): void;
  /** Held writes written with every batch from now on; returns their removal. */
  hold(h: HeldWrites): () => void;
  /** Drops queued results of a monitor about to be deleted. */
  forget(monitorId: number): void;
  /** Final flush and timer stop; a failed final flush is reported and rethrown. */
  close(): void;
  /** The current (or last) write failure streak, or null if writing never failed. */
  health(): WriteHealth | null;
  /** How far hour and day rollups are complete (what readers tile with). */
  marks(): RollupMarks;
  /** Raw results before `rawBefore` were deleted (retention): a kept newest result among them is read again. */
  pruned(rawBefore: number): void;
}

/** A streak of failed writes: results are held in memory (up to a bound) and retried. */
export interface WriteHealth {
  failing: boolean;
  error: string;
  /** Results waiting in memory. */
  held: number;
  /** Results dropped during this streak because the bound was reached (oldest first). */
  dropped: number;
  since: number;
  recoveredAt: number | null;
}

export interface WriterOptions {
  readOnly: boolean;
  /** The longest a result that repeats its monitor's previous status waits in memory. */
  flushIntervalMs: number;
  /** The longest a result that changes its monitor's status (or is its first) waits; default 250, capped by flushIntervalMs. */
  flushChangeMs?: number;
  flushMaxBatch: number;
  monitorExists(id: number): boolean;
  onWriteError?: (err: Error) => void;
  /** Called when a failure streak starts and when it ends (once each). */
  onWriteState?: (h: WriteHealth) => void;
  now?: () => number;
  /** The flush timer; default the system clock's (unref'd, so it never keeps a process alive). Tests pass a fake clock. */
  timers?: Pick<Clock, 'setTimeout' | 'clearTimeout'>;
  /** Results held in memory at most while writes fail; default 100,000. */
  maxHeld?: number;
  /** After each batch this writer commits (not one nested in another transaction): the checkpointer's look at the WAL. */
  afterCommit?: () => void;
}

const COLUMNS =
  'monitor_id, ts, status, latency, dns, connect, tls, ttfb, download, error_code, message, in_maintenance, details';
const PHASES = ['dns', 'connect', 'tls', 'ttfb', 'download'] as const;
const UP = statusCode('up');

/**
 * If the database stays unwritable (disk full, locked by another process) the queue would grow
 * without bound; past this many results the oldest are dropped, which the failure report covers.
 */
const MAX_HELD = 100_000;

/**
 * Why steady results wait (up to flushIntervalMs, two minutes by default) and changes do not:
 * results are keyed by monitor, so a flush rewrites each monitor's newest leaf page (4 KiB), and
 * often a sibling as the leaf splits, whatever the number of results on it. In a console that has
 * run a while (500 monitors every 20 s, disk-writes bench, checkpoints at 40 MB then) a flush every
 * 250 ms wrote 6.6 KB per result, a minute's hold 3.0 KB, two minutes' 1.9 KB. Readers never see the delay (every read in
 * this process flushes first); what a crash can lose is the steady tail, while a status change (the
 * start and end of a down spell) is on disk within a quarter of a second.
 */
const CHANGE_FLUSH_MS = 250;

/**
 * Plain results of one monitor per multi-row insert (see runInsert): the longest run a statement
 * takes, and the shortest worth one (shorter ones go a row at a time). Lengths are powers of two,
 * so a monitor's fresh results in a batch go in a few statements (ten as 8 + 2, six as 4 + 2).
 */
const RUN_MAX = 16;
const RUN_MIN = 2;

/** A run of results inserted fewer rows than checked fresh: rolled back and written a row at a time. */
class RunMismatch extends Error {}

/** Page cache per monitor written for: its results leaf, rollup leaves and a share of the inner pages. */
const CACHE_KIB_PER_MONITOR = 16;

export function createResultWriter(db: Db, opts: WriterOptions): ResultWriter {
  // OR IGNORE, not OR REPLACE: two results of one monitor in the same ms is a scheduler glitch;
  // keeping the first means a stored row never changes, so rollups (which count only rows this
  // insert actually added, via `changes`) stay exactly equal to the raw table.
  const insert = db.prepare(
    `INSERT OR IGNORE INTO results (${COLUMNS}) VALUES (${COLUMNS.split(', ')
      .map(() => '?')
      .join(', ')})`,
  );
  // Results with nothing but a status and a latency (dns, hls and submit probes that answered)
  // bind 5 values instead of 13 (a few per cent of the scheduler bench's day).
  const insertPlain = db.prepare(
    'INSERT OR IGNORE INTO results (monitor_id, ts, status, latency, in_maintenance) VALUES (?, ?, ?, ?, ?)',
  );
  // A monitor's plain results in runs of up to RUN_MAX per statement: one call into SQLite instead
  // of one per row (the per-call binding and reset were about a tenth of the writer's time). Only
  // where no row of the run can already be stored (see `freshRun`), so OR IGNORE cannot skip one
  // unseen. Most runs are `up` outside maintenance: their statement has those two as literals, so
  // a row binds 3 values instead of 5 (binding, a JS number converted to a STRICT integer, was a
  // quarter of an insert's instructions). Made on first use, one per length and kind.
  interface RunInsert {
    stmt: Database.Statement<(number | null)[]>;
    /** Its arguments, filled in place for each run. */
    args: (number | null)[];
  }
  const runInserts = new Map<number, RunInsert>();
  const runInsert = (length: number, upOnly: boolean): RunInsert => {
    const key = upOnly ? -length : length;
    let run = runInserts.get(key);
    if (!run) {
      const row = upOnly ? `(?, ?, ${UP}, ?, 0)` : '(?, ?, ?, ?, ?)';
      const stmt = db.prepare<(number | null)[]>(
        `INSERT OR IGNORE INTO results (monitor_id, ts, status, latency, in_maintenance) VALUES ${Array<string>(length)
          .fill(row)
          .join(', ')}`,
      );
      run = { stmt, args: new Array<number | null>(length * (upOnly ? 3 : 5)) };
      runInserts.set(key, run);
    }
    return run;
  };
  const maxTsStmt = db.prepare<[number], number | null>('SELECT max(ts) FROM results WHERE monitor_id = ?').pluck();
  // Each monitor's newest stored ts as far as this writer knows (never lower than the truth once
  // known: pruning only removes older rows). Forgotten when a transaction rolls back or another
  // connection wrote (data_version), read again when needed.
  const storedMax = new Map<number, number>();
  let storedMaxVersion = -1;
  let runsOff = false;
  const now = opts.now ?? Date.now;
  const sealer = opts.readOnly ? undefined : createSealer(db, { now });
  const readOnlyMarks = sealer ? undefined : readMarks(db);
  const recentStmt = db.prepare<[number, number], ResultRow>(
    `SELECT ${COLUMNS} FROM results WHERE monitor_id = ? ORDER BY ts DESC LIMIT ?`,
  );
  const latestAllStmt = db.prepare<[], ResultRow>(
    `SELECT ${COLUMNS.split(', ')
      .map((c) => `r.${c}`)
      .join(', ')} FROM monitors m
     JOIN results r ON r.monitor_id = m.id AND r.ts = (SELECT MAX(ts) FROM results WHERE monitor_id = m.id)
     ORDER BY m.id`,
  );
  const countStmt = db.prepare<[], number>('SELECT count(*) FROM results').pluck();
  const versionStmt = db.prepare<[], number>('PRAGMA data_version').pluck();

  /**
   * The newest stored row of each monitor, what latestAllStmt answers (~7 ms at 1,000 monitors,
   * every dashboard call) kept in memory: read once from SQL on the first latest(), then moved on
   * by this writer's commits (only rows the insert actually added, so a same-ms duplicate or an
   * older late result changes nothing, and a batch that rolls back changes nothing either).
   * Read again from SQL when another connection committed (`data_version`: the workspace CLI,
   * a console writing a file under review), when a monitor is deleted and when retention pruned a
   * monitor's newest row. Inside an open transaction the answer comes from SQL and is not kept.
   * Kept as the results latest() answers, frozen (every caller shares them), and in monitor order.
   */
  let newest: Map<number, ProbeResult> | undefined;
  let newestList: ProbeResult[] | undefined;
  let newestVersion = 0;
  // Each monitor's last row (its queue position) inserted by the running transaction (batches are in key order, so the last is the newest).
  const pending = new Map<number, number>();
  const readNewest = (): ProbeResult[] => {
    const version = versionStmt.get()!;
    if (!newest || newestVersion !== version) {
      newest = new Map(latestAllStmt.all().map((row) => [row.monitor_id, frozen(fromRow(row))]));
      newestList = undefined;
      newestVersion = version;
    }
    return (newestList ??= [...newest.values()].sort((a, b) => a.monitorId - b.monitorId));
  };

  // Monitors written for so far, to size the page cache to them (db.ts starts it small).
  const writtenFor = new Set<number>();
  let cacheKib = BASE_CACHE_KIB;
  const fitCache = (): void => {
    const want = Math.min(MAX_CACHE_KIB, writtenFor.size * CACHE_KIB_PER_MONITOR);
    if (want <= cacheKib) return;
    cacheKib = want;
    db.pragma(`cache_size = -${cacheKib}`);
  };

  const queue = createResultQueue();

  /** Writes the first `n` queued results (and what is held) in one transaction. */
  const writeTransaction = db.transaction((n: number) => {
    let written = 0;
    pending.clear();
    sealer!.begin();
    const order = queue.keyOrder(n);
    const version = versionStmt.get()!;
    if (version !== storedMaxVersion) {
      storedMax.clear();
      storedMaxVersion = version;
    }
    for (let k = 0; k < order.length; k++) {
      const i = order[k]!;
      const monitorId = queue.monitorAt(i);
      if (!opts.monitorExists(monitorId)) continue; // deleted while its probe was in flight
      const length = runsOff ? 0 : freshRun(order, k, monitorId);
      if (length > 0) {
        let upOnly = true;
        for (let j = 0; j < length && upOnly; j++) {
          const x = order[k + j]!;
          upOnly = queue.statusAt(x) === UP && !queue.inMaintenanceAt(x);
        }
        const { stmt, args } = runInsert(length, upOnly);
        for (let j = 0; j < length; j++) {
          const x = order[k + j]!;
          if (upOnly) {
            const o = j * 3;
            args[o] = monitorId;
            args[o + 1] = queue.tsAt(x);
            args[o + 2] = queue.latencyAt(x);
          } else {
            const o = j * 5;
            args[o] = monitorId;
            args[o + 1] = queue.tsAt(x);
            args[o + 2] = queue.statusAt(x);
            args[o + 3] = queue.latencyAt(x);
            args[o + 4] = queue.inMaintenanceAt(x) ? 1 : 0;
          }
        }
        // Spread, not the array: better-sqlite3 reads an array's elements through V8's generic
        // property lookup, arguments directly (a fifth of the insert's instructions).
        // Checked fresh, so every row goes in; anything else is a bug this writer must not hide.
        if (stmt.run(...args).changes !== length) throw new RunMismatch();
        for (let j = 0; j < length; j++) {
          const x = order[k + j]!;
          written++;
          if (newest) pending.set(monitorId, x);
          sealer!.add(monitorId, queue.tsAt(x), queue.statusAt(x), queue.inMaintenanceAt(x), queue.latencyAt(x));
        }
        writtenFor.add(monitorId);
        storedMax.set(monitorId, queue.tsAt(order[k + length - 1]!));
        k += length - 1;
        continue;
      }
      const ts = queue.tsAt(i);
      const status = queue.statusAt(i);
      const latency = queue.latencyAt(i);
      const inMaintenance = queue.inMaintenanceAt(i);
      let info;
      if (queue.plainAt(i)) info = insertPlain.run(monitorId, ts, status, latency, inMaintenance ? 1 : 0);
      else {
        const r = queue.rowAt(i);
        info = insert.run(
          monitorId,
          ts,
          status,
          latency,
          r.dns,
          r.connect,
          r.tls,
          r.ttfb,
          r.download,
          r.error_code,
          r.message,
          inMaintenance ? 1 : 0,
          r.details,
        );
      }
      if (info.changes === 0) continue;
      written++;
      const known = storedMax.get(monitorId);
      if (known !== undefined && ts > known) storedMax.set(monitorId, ts);
      if (newest) pending.set(monitorId, i);
      writtenFor.add(monitorId);
      sealer!.add(monitorId, ts, status, inMaintenance, latency);
    }
    // After the results: a recovery's result and its incident's close commit together.
    for (const h of held) h.write();
    sealer!.finish(now());
    return written;
  });

  /**
   * How many of order[k, ...) go in one run: plain results of one monitor, in strictly rising time,
   * all newer than anything stored for it (then none can be a duplicate that OR IGNORE would skip),
   * as a power of two from RUN_MIN to RUN_MAX; 0 when fewer than RUN_MIN qualify.
   */
  function freshRun(order: Int32Array, k: number, monitorId: number): number {
    let prev = -Infinity;
    let n = 0;
    const end = Math.min(order.length, k + RUN_MAX);
    for (let j = k; j < end; j++) {
      const x = order[j]!;
      if (queue.monitorAt(x) !== monitorId || !queue.plainAt(x)) break;
      const ts = queue.tsAt(x);
      if (ts <= prev) break;
      prev = ts;
      n++;
    }
    if (n < RUN_MIN) return 0;
    let max = storedMax.get(monitorId);
    if (max === undefined) {
      max = maxTsStmt.get(monitorId) ?? -Infinity;
      storedMax.set(monitorId, max);
    }
    if (queue.tsAt(order[k]!) <= max) return 0;
    let length = RUN_MAX;
    while (length > n) length >>= 1;
    return length;
  }

  /** After a commit: the batch's newest rows move the kept newest row of their monitors on. */
  function keepNewest(): void {
    if (!newest) return;
    for (const [id, i] of pending) {
      const kept = newest.get(id);
      if (kept && queue.tsAt(i) <= kept.ts) continue;
      newest.set(id, frozen(fromRow(queue.rowAt(i))));
      newestList = undefined;
    }
    pending.clear();
  }

  function writeBatch(n: number): number {
    // Inside another transaction (a savepoint) nothing is committed yet: what is kept is read again.
    const nested = db.inTransaction;
    // Foreign keys are not checked in the writer's own transaction (the pragma is a no-op inside
    // another one). The check cost each results row a lookup of its monitor, a sixth of an
    // insert's instructions, to learn what the writer already knows: a row is written only for a
    // monitor that exists (monitorExists), and held writes add rows only where they check it
    // themselves (HeldWrites). Turning them back on makes SQLite prepare this connection's
    // statements again on their next use, a few ms per batch.
    if (!nested) db.pragma('foreign_keys = OFF');
    try {
      let written: number;
      try {
        written = writeTransaction(n);
      } catch (err) {
        storedMax.clear();
        if (!(err instanceof RunMismatch)) throw err;
        // Rolled back: the batch again, a row at a time (and a run never again this session).
        runsOff = true;
        written = writeTransaction(n);
      }
      if (nested) newest = undefined;
      else {
        keepNewest();
        // Nested, the outer transaction may still roll back: held writes stay pending (rewriting them is harmless).
        for (const h of held) h.written();
        opts.afterCommit?.();
      }
      sealer!.commit();
      if (writtenFor.size * CACHE_KIB_PER_MONITOR > cacheKib && cacheKib < MAX_CACHE_KIB) fitCache();
      return written;
    } catch (err) {
      pending.clear();
      sealer!.rollback();
      throw err;
    } finally {
      if (!nested) db.pragma('foreign_keys = ON');
    }
  }

  const held = new Set<HeldWrites>();
  const heldPending = (): boolean => {
    for (const h of held) if (h.pending()) return true;
    return false;
  };
  const timers = opts.timers ?? systemClock;
  let timer: TimerHandle | undefined;
  let failing = false;
  let closed = false;
  let health: WriteHealth | null = null;
  const maxHeld = opts.maxHeld ?? MAX_HELD;
  const changeMs = Math.min(opts.flushChangeMs ?? CHANGE_FLUSH_MS, opts.flushIntervalMs);
  // Each monitor's last queued status, to tell a change from a repeat.
  const lastStatus = createMonitorIdMap<ProbeResult['status']>();
  // Whether the armed timer is the short one (a change is waiting).
  let timerSoon = false;

  function arm(soon = false): void {
    if (closed || (timer && (timerSoon || !soon))) return;
    if (timer) timers.clearTimeout(timer);
    timerSoon = soon;
    // The system clock's timers are unref'd: the writer must not keep a process alive; close() is what guarantees the last flush.
    timer = timers.setTimeout(
      () => {
        timer = undefined;
        tryFlush();
      },
      soon ? changeMs : opts.flushIntervalMs,
    );
  }

  /**
   * Writes the queue in transactions of at most flushMaxBatch results. A failure keeps what was
   * not committed (each transaction rolls back as a whole) for the timer to retry, so a retry
   * during a long outage costs one batch, not the whole backlog.
   */
  function flushNow(): number {
    if (timer) {
      timers.clearTimeout(timer);
      timer = undefined;
    }
    let written = 0;
    while (queue.length > 0) {
      const n = Math.min(queue.length, opts.flushMaxBatch);
      written += attempt(n);
      queue.shift(n);
    }
    // Held writes with no result to ride with (a read, an operator's pause, the close) go on their own.
    if (!opts.readOnly && heldPending()) attempt(0);
    if (failing) {
      failing = false;
      health = { ...health!, failing: false, held: 0, recoveredAt: now() };
      opts.onWriteState?.({ ...health });
    }
    return written;
  }

  /** One transaction; a failure starts (or continues) a streak and is rethrown. */
  function attempt(n: number): number {
    try {
      return writeBatch(n);
    } catch (err) {
      if (!failing) {
        failing = true;
        health = {
          failing: true,
          error: (err as Error).message,
          held: queue.length,
          dropped: 0,
          since: now(),
          recoveredAt: null,
        };
        opts.onWriteError?.(err as Error);
        opts.onWriteState?.({ ...health });
      }
      arm(true); // retried as soon as before the streak, not after a steady wait
      throw err;
    }
  }

  function tryFlush(): void {
    try {
      flushNow();
    } catch {
      // Reported once per streak by flushNow; the timer retries.
    }
  }

  function settle(): void {
    // Reads see queued results too: flushing first is cheap and keeps one source of truth.
    if (!opts.readOnly && (queue.length > 0 || heldPending())) tryFlush();
  }

  return {
    enqueue(r) {
      assertWritable(opts.readOnly, 'store a probe result');
      if (closed) throw new ApiError('conflict', 'The store is closed; the probe result was not stored.');
      validate(r);
      if (queue.length >= maxHeld) {
        // Only reachable while writes fail: the oldest result goes, and the streak's report says so.
        queue.dropOldest();
        if (health) health.dropped++;
      }
      queue.push(r);
      const changed = lastStatus.get(r.monitorId) !== r.status;
      if (changed) lastStatus.set(r.monitorId, r.status);
      // During a failure streak the timer owns retries: a full queue must not retry on every enqueue.
      if (queue.length >= opts.flushMaxBatch && !failing) tryFlush();
      else arm(changed && !failing);
    },
    flush: flushNow,
    settle,
    hold(h) {
      held.add(h);
      return () => void held.delete(h);
    },
    latest(monitorIds) {
      settle();
      if (!monitorIds) {
        if (db.inTransaction) return latestAllStmt.all().map(fromRow);
        return readNewest().slice();
      }
      const out: ProbeResult[] = [];
      for (const id of monitorIds) {
        const row = recentStmt.get(id, 1);
        if (row) out.push(fromRow(row));
      }
      return out;
    },
    recent(monitorId, limit) {
      settle();
      return recentStmt.all(monitorId, limit).map(fromRow);
    },
    count() {
      settle();
      return countStmt.get()!;
    },
    health: () => (health ? { ...health, held: failing ? queue.length : 0 } : null),
    forget(monitorId) {
      // Its rows go with the monitor (cascade), or stay if the delete fails: read again either way.
      newest = undefined;
      queue.dropMonitor(monitorId);
      lastStatus.delete(monitorId);
      storedMax.delete(monitorId);
      writtenFor.delete(monitorId);
      sealer?.forget(monitorId);
    },
    marks: () => sealer?.marks() ?? readOnlyMarks!,
    pruned(rawBefore) {
      if (!newest) return;
      for (const r of newest.values())
        if (r.ts < rawBefore) {
          newest = undefined;
          return;
        }
    },
    close() {
      if (closed) return;
      try {
        flushNow();
      } finally {
        closed = true;
        if (timer) timers.clearTimeout(timer);
        timer = undefined;
      }
    },
  };
}

function validate(r: ProbeResult): void {
  // One bad result must not poison a whole batch at flush time, so it is refused here.
  if (!Number.isInteger(r.monitorId) || !Number.isFinite(r.ts) || !STATUSES.includes(r.status)) {
    throw new ApiError(
      'invalid_input',
      `Invalid probe result for monitor ${String(r.monitorId)} at ${String(r.ts)} (${String(r.status)}).`,
    );
  }
}

function fromRow(row: ResultRow): ProbeResult {
  const r: ProbeResult = {
    monitorId: row.monitor_id,
    ts: row.ts,
    status: statusFromCode(row.status),
    latencyMs: row.latency,
    inMaintenance: row.in_maintenance === 1,
  };
  let phases: Phases | undefined;
  for (const p of PHASES) {
    const v = row[p];
    if (v !== null) (phases ??= {})[p] = v;
  }
  if (phases) r.phases = phases;
  if (row.error_code !== null) r.errorCode = row.error_code;
  if (row.message !== null) r.message = row.message;
  if (row.details !== null) r.details = decodeDetails(row.details);
  return r;
}
