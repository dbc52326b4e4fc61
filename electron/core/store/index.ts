import type { Monitor, MonitorDraft } from '../../../shared/monitor';
import type { ProbeResult, Series } from '../../../shared/result';
import { registerConnection } from './connection';
import { createCheckpointer } from './checkpointer';
import { closeDatabase, openDatabase, WAL_CHECKPOINT_BYTES, wholeConnection, type ReadableDB } from './db';
import { createStoreFile, type StoreFile } from './file';
import { createMonitorTable } from './monitors';
import { createResultWriter, type HeldWrites, type WriteHealth } from './results';
import { createPruner, type PruneStep } from './retention';
import { createLatencyQuery, createUptimeQuery, type LatencyStats, type Uptime } from './rollups';
import { createSeriesQuery } from './series';
import { createSettings } from './settings';
import { createSettler, createTables, type StoreTables } from './tables';
import type { RollupMarks } from './tiling';
import type { Clock } from '../clock';

export interface StoreOptions {
  /** Database file; created if missing (unless readOnly). */
  path: string;
  /** Review mode: open read-only; every write throws ApiError('read_only', ...). */
  readOnly?: boolean;
  /** Clock (ms); tests pass a fake one. */
  now?: () => number;
  /** Longest wait of a result that repeats its monitor's status (ms, default 120,000); a change waits 250 ms at most (results.ts). */
  flushIntervalMs?: number;
  /** The writer's flush timer; default the system clock's. Tests pass their fake clock. */
  timers?: Pick<Clock, 'setTimeout' | 'clearTimeout'>;
  /** Results per transaction, and the queue size that flushes at once (default 5,000). */
  flushMaxBatch?: number;
  /** Reported once per failure streak. */
  onWriteError?: (err: Error) => void;
  /** Called when a write failure streak starts and when it ends. */
  onWriteState?: (h: WriteHealth) => void;
  /** Results held in memory while writes fail (default 100,000). */
  maxHeld?: number;
  /** Path of a better-sqlite3 addon built for this runtime (the Electron shell's); default node_modules'. */
  nativeBinding?: string;
  /** Reported once if WAL checkpoints cannot run on their worker (they fall back to the writer's commits). */
  onCheckpointUnavailable?: (err: Error) => void;
  /** WAL size that starts a checkpoint on the worker (default WAL_CHECKPOINT_BYTES); tests make it small. */
  checkpointBytes?: number;
}

export interface Store {
  readonly path: string;
  readonly readOnly: boolean;
  /**
   * Every other table module, built here on this store's connection (tables.ts); their reads of
   * rows a writer still holds settle first, like the reads below.
   */
  readonly tables: StoreTables;
  /** Backup, bounded counts, data_version, one transaction: the file as a whole (file.ts). */
  readonly file: StoreFile;
  /**
   * Rows a module outside the store holds (the monitoring pipeline): written with the next batch
   * of results, and before any read; returns their removal.
   */
  holdsWrites(h: HeldWrites): () => void;
  monitors: {
    list(): Monitor[];
    get(id: number): Monitor | undefined;
    create(draft: MonitorDraft): Monitor;
    update(id: number, draft: MonitorDraft): Monitor;
    delete(id: number): boolean;
    /** Re-reads which monitors exist after another process (the workspace CLI) changed the table. */
    reloadIds(): void;
  };
  results: {
    enqueue(r: ProbeResult): void;
    flush(): number;
    latest(monitorIds?: number[]): ProbeResult[];
    recent(monitorId: number, limit: number): ProbeResult[];
    count(): number;
  };
  /** Never more than maxPoints points. */
  series(monitorId: number, from: number, to: number, maxPoints: number, opts?: { percentiles?: boolean }): Series;
  uptime(monitorId: number, from: number, to: number, opts?: { excludeMaintenance?: boolean }): Uptime;
  /** Addition to the agreed interface: latency count/min/avg/max and estimated p50/p95/p99 over [from, to). */
  latency(monitorId: number, from: number, to: number): LatencyStats;
  settings: { get(key: string): string | undefined; set(key: string, value: string): void };
  /** Current or last write-failure streak; null if writing never failed. */
  writeHealth(): WriteHealth | null;
  /** How far hour and day rollups are complete; queries of their own (the dashboard) tile with it. */
  rollupMarks(): RollupMarks;
  /** One small retention step: deletes at most `limit` old rows; see retention.ts. */
  prune(cutoffs: { rawBefore: number; minutesBefore: number }, limit: number): PruneStep;
  close(): void;
}

export type { LatencyStats, Uptime, WriteHealth, PruneStep, RollupMarks, HeldWrites };
export { DatabaseOpenError } from './db';

export function openStore(opts: StoreOptions): Store {
  const readOnly = opts.readOnly ?? false;
  const now = opts.now ?? Date.now;
  // Review mode never has a WritableDB: the connection is opened read-only (and query_only).
  const write = readOnly ? undefined : openDatabase(opts.path, false, opts.nativeBinding);
  const db: ReadableDB = write ?? openDatabase(opts.path, true, opts.nativeBinding);
  try {
    // Only called when a monitor is deleted, long after the writer exists.
    const monitors = createMonitorTable({ read: db, write }, now, (id) => writer.forget(id));
    const checkpointer =
      write &&
      createCheckpointer({
        path: opts.path,
        thresholdBytes: opts.checkpointBytes ?? WAL_CHECKPOINT_BYTES,
        ...(opts.nativeBinding === undefined ? {} : { nativeBinding: opts.nativeBinding }),
        ...(opts.onCheckpointUnavailable ? { onUnavailable: opts.onCheckpointUnavailable } : {}),
      });
    // The writer still takes the whole connection in both modes (db.ts, wholeConnection).
    const writer = createResultWriter(wholeConnection(db), {
      ...(checkpointer ? { afterCommit: checkpointer.afterCommit } : {}),
      readOnly,
      flushIntervalMs: opts.flushIntervalMs ?? 120_000,
      flushMaxBatch: Math.max(1, opts.flushMaxBatch ?? 5000),
      monitorExists: monitors.exists,
      ...(opts.onWriteError ? { onWriteError: opts.onWriteError } : {}),
      ...(opts.onWriteState ? { onWriteState: opts.onWriteState } : {}),
      ...(opts.maxHeld ? { maxHeld: opts.maxHeld } : {}),
      ...(opts.timers ? { timers: opts.timers } : {}),
      now,
    });
    const results = writer;
    const seriesQuery = createSeriesQuery(db, results.marks);
    const uptimeQuery = createUptimeQuery(db, results.marks);
    const latencyQuery = createLatencyQuery(db, results.marks);
    const settings = createSettings({ read: db, write });
    const pruner = write && createPruner(write);
    // The one flush-before-read: every read below and in `tables` settles the writers first.
    const settler = createSettler(results);
    const tables = createTables({ db: { read: db, write }, now, marks: results.marks, settle: settler.settle });
    let closed = false;

    const store: Store = {
      path: opts.path,
      readOnly,
      tables,
      file: createStoreFile(db, write, opts.path, settler.settle),
      holdsWrites: settler.holdsWrites,
      monitors: {
        list: monitors.list,
        get: monitors.get,
        create: monitors.create,
        update: monitors.update,
        delete: monitors.delete,
        reloadIds: monitors.reloadIds,
      },
      results: {
        enqueue: results.enqueue,
        flush: results.flush,
        latest: results.latest,
        recent: results.recent,
        count: results.count,
      },
      series(monitorId, from, to, maxPoints, opts) {
        settler.settle();
        return seriesQuery(monitorId, from, to, maxPoints, opts);
      },
      uptime(monitorId, from, to, o) {
        settler.settle();
        return uptimeQuery(monitorId, from, to, o);
      },
      latency(monitorId, from, to) {
        settler.settle();
        return latencyQuery(monitorId, from, to);
      },
      settings,
      writeHealth: results.health,
      rollupMarks: results.marks,
      prune(cutoffs, limit) {
        if (!pruner) return { results: 0, minutes: 0, done: true };
        try {
          return pruner(cutoffs, limit);
        } finally {
          results.pruned(cutoffs.rawBefore);
        }
      },
      close() {
        if (closed) return;
        closed = true;
        try {
          // First: no checkpoint starts for the last batch, and a running one ends before the writer
          // closes (its own close checkpoints what is left and deletes the WAL).
          checkpointer?.close();
          results.close();
        } finally {
          closeDatabase(db);
        }
      },
    };
    registerConnection(store, { read: db, write });
    return store;
  } catch (err) {
    wholeConnection(db).close();
    throw err;
  }
}
