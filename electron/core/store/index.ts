import type { Monitor, MonitorDraft } from '../../../shared/monitor';
import type { ProbeResult, Series } from '../../../shared/result';
import { openDatabase } from './db';
import { createMonitorTable } from './monitors';
import { createResultWriter, type ResultWriter } from './results';
import { createLatencyQuery, createUptimeQuery, type LatencyStats, type Uptime } from './rollups';
import { createSeriesQuery } from './series';
import { createSettings } from './settings';

export interface StoreOptions {
  /** Database file; created if missing (unless readOnly). */
  path: string;
  /** Review mode: open read-only; every write throws ApiError('read_only', ...). */
  readOnly?: boolean;
  /** Clock (ms); tests pass a fake one. */
  now?: () => number;
  /** Writer queue: default 250. */
  flushIntervalMs?: number;
  /** Default 1000. */
  flushMaxBatch?: number;
  /** Reported once per failure streak. */
  onWriteError?: (err: Error) => void;
}

export interface Store {
  readonly path: string;
  readonly readOnly: boolean;
  monitors: {
    list(): Monitor[];
    get(id: number): Monitor | undefined;
    create(draft: MonitorDraft): Monitor;
    update(id: number, draft: MonitorDraft): Monitor;
    delete(id: number): boolean;
  };
  results: {
    enqueue(r: ProbeResult): void;
    flush(): number;
    latest(monitorIds?: number[]): ProbeResult[];
    recent(monitorId: number, limit: number): ProbeResult[];
    count(): number;
  };
  /** Never more than maxPoints points. */
  series(monitorId: number, from: number, to: number, maxPoints: number): Series;
  uptime(monitorId: number, from: number, to: number, opts?: { excludeMaintenance?: boolean }): Uptime;
  /** Addition to the agreed interface: latency count/min/avg/max and estimated p50/p95/p99 over [from, to). */
  latency(monitorId: number, from: number, to: number): LatencyStats;
  settings: { get(key: string): string | undefined; set(key: string, value: string): void };
  close(): void;
}

export type { LatencyStats, Uptime };

export function openStore(opts: StoreOptions): Store {
  const readOnly = opts.readOnly ?? false;
  const now = opts.now ?? Date.now;
  const db = openDatabase(opts.path, readOnly);
  try {
    let writer: ResultWriter | undefined;
    const monitors = createMonitorTable(db, readOnly, now, (id) => writer?.forget(id));
    writer = createResultWriter(db, {
      readOnly,
      flushIntervalMs: opts.flushIntervalMs ?? 250,
      flushMaxBatch: Math.max(1, opts.flushMaxBatch ?? 1000),
      monitorExists: monitors.exists,
      ...(opts.onWriteError ? { onWriteError: opts.onWriteError } : {}),
    });
    const results = writer;
    const seriesQuery = createSeriesQuery(db);
    const uptimeQuery = createUptimeQuery(db);
    const latencyQuery = createLatencyQuery(db);
    const settings = createSettings(db, readOnly);
    let closed = false;

    return {
      path: opts.path,
      readOnly,
      monitors: {
        list: monitors.list,
        get: monitors.get,
        create: monitors.create,
        update: monitors.update,
        delete: monitors.delete,
      },
      results: {
        enqueue: results.enqueue,
        flush: results.flush,
        latest: results.latest,
        recent: results.recent,
        count: results.count,
      },
      series(monitorId, from, to, maxPoints) {
        results.settle();
        return seriesQuery(monitorId, from, to, maxPoints);
      },
      uptime(monitorId, from, to, o) {
        results.settle();
        return uptimeQuery(monitorId, from, to, o);
      },
      latency(monitorId, from, to) {
        results.settle();
        return latencyQuery(monitorId, from, to);
      },
      settings,
      close() {
        if (closed) return;
        closed = true;
        try {
          results.close();
        } finally {
          db.close();
        }
      },
    };
  } catch (err) {
    db.close();
    throw err;
  }
}
