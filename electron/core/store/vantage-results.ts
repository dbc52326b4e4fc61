import type { Phases } from '../../../shared/result';
import type { VantageSeries } from '../../../shared/vantage';
import type { ReadableDB, WritableDB } from './db';
import { joined, type TableDb } from './parts';

export const PHASE_KEYS = ['dns', 'connect', 'tls', 'ttfb', 'download'] as const satisfies readonly (keyof Phases)[];
/** Numbers per flat row: monitor id, vantage id, ts, up, latency, then the 5 phases (ms, -1 = none). */
export const ROW = 10;

/** Flat phase columns (-1 = none) as this console's Phases, or undefined when none. */
export function phasesOf(flat: readonly number[], at: number): Phases | undefined {
  let out: Phases | undefined;
  for (let k = 0; k < 5; k++) {
    const v = flat[at + k]!;
    if (v >= 0) (out ??= {})[PHASE_KEYS[k]!] = v;
  }
  return out;
}

/**
 * What remote vantages (Prometheus' blackbox_exporters) saw, in a table of its own keyed
 * (monitor_id, vantage_id, ts): local results and their rollups, byte budget and accounting stay
 * as they are. A row is a Prometheus step with a fresh sample; a step without one is unknown.
 */
export interface VantagePointRow {
  monitorId: number;
  vantage: string;
  ts: number;
  up: boolean;
  latencyMs: number | null;
  /** blackbox's HTTP phases, whole ms, in this console's own names. */
  phases?: Phases;
}

export interface VantageResultReads {
  /** Newest row of each vantage of each monitor. */
  latest(): VantagePointRow[];
  /** One line per vantage, at most maxPoints buckets. */
  series(monitorId: number, from: number, to: number, maxPoints: number): VantageSeries;
  count(): number;
}

export interface VantageResultWrites {
  /** Upserts in one transaction (a re-read of the same steps replaces them); rows of deleted monitors are dropped. */
  write(rows: readonly VantagePointRow[]): number;
  /** The same from flat numbers, ROW (10) per row: monitor id, vantageId(name), ts, up 1 / 0, latency ms, dns, connect, tls, ttfb, download ms (-1 = none). */
  writeFlat(flat: readonly number[]): number;
  /** The vantage's id, adding its name when new. */
  vantageId(name: string): number;
  /** Deletes at most `limit` rows older than `before`; returns how many. */
  prune(before: number, limit: number): number;
}

export type VantageResultStore = VantageResultReads & VantageResultWrites;

/** Vantage names by id and ids by name, read once and shared by both parts. */
interface VantageNames {
  ids: Map<string, number>;
  names: Map<number, string>;
}

export function createVantageResultStore(db: TableDb): VantageResultStore {
  const names: VantageNames = { ids: new Map(), names: new Map() };
  for (const r of db.read.prepare<[], { id: number; name: string }>('SELECT id, name FROM vantages').all()) {
    names.ids.set(r.name, r.id);
    names.names.set(r.id, r.name);
  }
  return joined(
    createVantageResultReads(db.read, names),
    db.write && createVantageResultWrites(db.write, names),
    'record vantage results',
  );
}

export function createVantageResultWrites(db: WritableDB, vantages: VantageNames): VantageResultWrites {
  const addName = db.prepare<[string]>('INSERT OR IGNORE INTO vantages (name) VALUES (?)');
  const nameId = db.prepare<[string], number>('SELECT id FROM vantages WHERE name = ?').pluck();
  const monitorIds = db.prepare<[], number>('SELECT id FROM monitors').pluck();
  // Phases are five nullable integer columns like results' own: a row without them (TCP, ICMP modules) costs 5 header bytes.
  const COLS = 'monitor_id, vantage_id, ts, up, latency_ms, dns, connect, tls, ttfb, download';
  const ONE = `(${Array.from({ length: ROW }, () => '?').join(', ')})`;
  const upsert = db.prepare<(number | null)[]>(`INSERT OR REPLACE INTO vantage_results (${COLS}) VALUES ${ONE}`);
  // A backfill writes millions of rows: one statement per BATCH rows costs a fraction of one per row.
  const BATCH = 100;
  const upsertMany = db.prepare<(number | null)[]>(
    `INSERT OR REPLACE INTO vantage_results (${COLS}) VALUES ${Array.from({ length: BATCH }, () => ONE).join(', ')}`,
  );
  const pruneStmt = db.prepare<[number, number]>(
    'DELETE FROM vantage_results WHERE (monitor_id, vantage_id, ts) IN (SELECT monitor_id, vantage_id, ts FROM vantage_results WHERE ts < ? LIMIT ?)',
  );

  function idOf(name: string): number {
    let id = vantages.ids.get(name);
    if (id === undefined) {
      addName.run(name);
      id = nameId.get(name)!;
      vantages.ids.set(name, id);
      vantages.names.set(id, name);
    }
    return id;
  }

  const writeTx = db.transaction((flat: readonly number[]) => {
    const live = new Set(monitorIds.all());
    const args: (number | null)[] = [];
    let n = 0;
    for (let i = 0; i < flat.length; i += ROW) {
      if (!live.has(flat[i]!)) continue;
      args.push(flat[i]!, flat[i + 1]!, flat[i + 2]!, flat[i + 3]!);
      for (let k = 4; k < ROW; k++) {
        const v = flat[i + k]!;
        args.push(v < 0 ? null : Math.round(v));
      }
      n++;
      if (args.length === BATCH * ROW) {
        upsertMany.run(...args);
        args.length = 0;
      }
    }
    for (let i = 0; i < args.length; i += ROW) upsert.run(...args.slice(i, i + ROW));
    return n;
  });

  return {
    write: (rows) =>
      rows.length
        ? writeTx(
            rows.flatMap((r) => [
              r.monitorId,
              idOf(r.vantage),
              r.ts,
              r.up ? 1 : 0,
              r.latencyMs ?? -1,
              ...PHASE_KEYS.map((k) => r.phases?.[k] ?? -1),
            ]),
          )
        : 0,
    writeFlat: (flat) => (flat.length ? writeTx(flat) : 0),
    vantageId: idOf,
    prune: (before, limit) => pruneStmt.run(before, limit).changes,
  };
}

export function createVantageResultReads(db: ReadableDB, vantages: VantageNames): VantageResultReads {
  const byId = vantages.names;
  type LatestRow = {
    monitor_id: number;
    vantage_id: number;
    ts: number;
    up: number;
    latency_ms: number | null;
  } & Record<(typeof PHASE_KEYS)[number], number | null>;
  const latestStmt = db.prepare<[], LatestRow>(
    // Per (monitor, vantage) the max ts, found by the primary key's order.
    `SELECT r.monitor_id, r.vantage_id, r.ts, r.up, r.latency_ms, r.dns, r.connect, r.tls, r.ttfb, r.download FROM
       (SELECT monitor_id, vantage_id, MAX(ts) AS ts FROM vantage_results GROUP BY monitor_id, vantage_id) m
       JOIN vantage_results r ON r.monitor_id = m.monitor_id AND r.vantage_id = m.vantage_id AND r.ts = m.ts`,
  );
  const seriesStmt = db.prepare<
    [{ from: number; bucket: number; id: number; to: number }],
    { vantage_id: number; b: number; up: number; down: number; avg: number | null }
  >(
    `SELECT vantage_id, CAST((ts - @from) / @bucket AS INTEGER) AS b, SUM(up) AS up, SUM(1 - up) AS down, AVG(latency_ms) AS avg
       FROM vantage_results WHERE monitor_id = @id AND ts >= @from AND ts < @to
       GROUP BY vantage_id, b ORDER BY vantage_id, b`,
  );
  const countStmt = db.prepare<[], number>('SELECT COUNT(*) FROM vantage_results').pluck();

  return {
    latest: () =>
      latestStmt.all().map((r) => {
        const phases = phasesOf(
          PHASE_KEYS.map((k) => r[k] ?? -1),
          0,
        );
        return {
          monitorId: r.monitor_id,
          vantage: byId.get(r.vantage_id) ?? String(r.vantage_id),
          ts: r.ts,
          up: r.up === 1,
          latencyMs: r.latency_ms,
          ...(phases ? { phases } : {}),
        };
      }),
    series(monitorId, from, to, maxPoints) {
      const bucketMs = Math.max(1000, Math.ceil((to - from) / maxPoints));
      const lines = new Map<string, VantageSeries['lines'][number]['points']>();
      for (const r of seriesStmt.all({ from, bucket: bucketMs, id: monitorId, to })) {
        const name = byId.get(r.vantage_id) ?? String(r.vantage_id);
        let pts = lines.get(name);
        if (!pts) lines.set(name, (pts = []));
        pts.push({
          t: from + r.b * bucketMs,
          up: r.up,
          degraded: 0,
          down: r.down,
          avg: r.avg === null ? null : Math.round(r.avg * 10) / 10,
        });
      }
      return {
        monitorId,
        bucketMs,
        lines: [...lines].sort(([a], [b]) => a.localeCompare(b)).map(([vantage, points]) => ({ vantage, points })),
      };
    },
    count: () => countStmt.get()!,
  };
}
