import type { ReadableDB } from './db';

/**
 * Results are read for an export this many at a time, so memory stays bounded by one page. Small:
 * a page is alive while it is written out, and under serve mode's 2 MiB young generation a page of
 * 5,000 rows outlived its scavenges and was promoted, ~200 MiB of old-space garbage per million rows.
 */
const PAGE = 500;

/** One stored result as the export reads it: ts, status code, latency, five phases, error code, message, in_maintenance. */
export type HistoryRow = [
  number,
  number,
  number | null,
  number | null,
  number | null,
  number | null,
  number | null,
  number | null,
  string | null,
  string | null,
  number,
];

/** What a history export reads (report/history.ts writes it to a file). */
export interface HistoryReader {
  count(monitorId: number, from: number, to: number): number;
  /** Pages of one monitor's results in [from, to), in time order; yields between pages. */
  pages(monitorId: number, from: number, to: number): AsyncGenerator<HistoryRow[]>;
  monitors(): Record<string, unknown>[];
  incidents(from: number, to: number): Record<string, unknown>[];
  degraded(from: number, to: number): Record<string, unknown>[];
  gaps(from: number, to: number): Record<string, unknown>[];
}

export function createHistoryReader(db: ReadableDB): HistoryReader {
  const page = db
    .prepare<[number, number, number], HistoryRow>(
      `SELECT ts, status, latency, dns, connect, tls, ttfb, download, error_code, message, in_maintenance FROM results
       WHERE monitor_id = ? AND ts > ? AND ts < ? ORDER BY ts LIMIT ${PAGE}`,
    )
    .raw();
  const count = db
    .prepare<[number, number, number], number>(
      'SELECT count(*) FROM results WHERE monitor_id = ? AND ts >= ? AND ts < ?',
    )
    .pluck();
  const monitorsStmt = db.prepare<[], Record<string, unknown>>(
    'SELECT id, name, group_name AS "group", kind, interval_sec AS intervalSec, retries, created_at AS createdAt FROM monitors ORDER BY id',
  );
  const incidentsStmt = db.prepare<[number, number], Record<string, unknown>>(
    `SELECT id, monitor_id AS monitorId, started_at AS startedAt, ended_at AS endedAt, first_error_code AS firstErrorCode, first_error AS firstError,
       failed_probes AS failedProbes, acknowledged_by AS acknowledgedBy, acknowledged_at AS acknowledgedAt, maintenance_window_id AS maintenanceWindowId
     FROM incidents WHERE started_at < ? AND (ended_at IS NULL OR ended_at > ?) ORDER BY started_at, id`,
  );
  const degradedStmt = db.prepare<[number, number], Record<string, unknown>>(
    `SELECT id, monitor_id AS monitorId, started_at AS startedAt, ended_at AS endedAt, reason_code AS reasonCode, reason, worst_latency AS worstLatencyMs, probes
     FROM degraded_stretches WHERE started_at < ? AND (ended_at IS NULL OR ended_at > ?) ORDER BY started_at, id`,
  );
  const gapsStmt = db.prepare<[number, number], Record<string, unknown>>(
    'SELECT id, start, end, reason FROM gaps WHERE end > ? AND start < ? ORDER BY start, id',
  );

  /** Pages of one monitor's results in [from, to), in time order; yields between pages. */
  async function* pages(monitorId: number, from: number, to: number): AsyncGenerator<HistoryRow[]> {
    let after = from - 1;
    for (;;) {
      const rows = page.all(monitorId, after, to);
      if (rows.length === 0) return;
      yield rows;
      after = rows[rows.length - 1]![0];
      if (rows.length < PAGE) return;
      await new Promise<void>((r) => setImmediate(r));
    }
  }

  return {
    count: (monitorId, from, to) => count.get(monitorId, from, to)!,
    pages,
    monitors: () => monitorsStmt.all(),
    incidents: (from, to) => incidentsStmt.all(to, from),
    degraded: (from, to) => degradedStmt.all(to, from),
    gaps: (from, to) => gapsStmt.all(from, to),
  };
}
