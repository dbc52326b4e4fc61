import type { Deploy, DeployComparison, DeploySource, DeployVerdict } from '../../../shared/deploys';
import type { ReadableDB, WritableDB } from './db';
import { joined, type TableDb } from './parts';

/** Deploy markers (table `deploys`). */
export interface DeployWrites {
  insert(
    d: {
      at: number;
      group: string | null;
      monitorIds: number[];
      version: string;
      note: string;
      source: DeploySource;
      windowMin: number;
    },
    createdAt: number,
  ): Deploy;
  setVerdict(id: number, c: DeployComparison, at: number): void;
  delete(id: number): boolean;
}

export interface DeployReads {
  get(id: number): Deploy | undefined;
  /** Newest first, overlapping [from, to) when given; a monitor's when given. */
  list(q: {
    from?: number | undefined;
    to?: number | undefined;
    monitorId?: number | undefined;
    limit: number;
  }): Deploy[];
  /** Not yet judged and their after window closed by `now`. */
  due(now: number): Deploy[];
  /** The last version seen from a detected deploy of this monitor (version header / JSON field). */
  lastDetected(monitorId: number): string | undefined;
  /** Deploys per service group in [from, to): the deployment-frequency KPI of the quarterly report. */
  countByGroup(from: number, to: number): { group: string; deploys: number; regressions: number }[];
  /** Deploys judged a regression in [from, to), oldest first: the report lists them. */
  regressions(from: number, to: number): Deploy[];
}

export type DeployStore = DeployReads & DeployWrites;

interface Row {
  id: number;
  at: number;
  group_name: string | null;
  monitor_ids: string;
  version: string;
  note: string;
  source: string;
  window_sec: number;
  verdict: string | null;
  comparison: string | null;
  evaluated_at: number | null;
}

const deploy = (r: Row): Deploy => ({
  id: r.id,
  at: r.at,
  group: r.group_name,
  monitorIds: JSON.parse(r.monitor_ids) as number[],
  version: r.version,
  note: r.note,
  source: r.source as DeploySource,
  windowMin: Math.round(r.window_sec / 60),
  verdict: r.verdict as DeployVerdict | null,
  comparison: r.comparison === null ? null : (JSON.parse(r.comparison) as DeployComparison),
  evaluatedAt: r.evaluated_at,
});

export function createDeployStore(db: TableDb): DeployStore {
  const reads = createDeployReads(db.read);
  return joined(reads, db.write && createDeployWrites(db.write, reads), 'change deploy markers');
}

export function createDeployReads(db: ReadableDB): DeployReads {
  const getStmt = db.prepare<[number], Row>('SELECT * FROM deploys WHERE id = ?');
  const listStmt = db.prepare<[number, number, number], Row>(
    'SELECT * FROM deploys WHERE at >= ? AND at < ? ORDER BY at DESC, id DESC LIMIT ?',
  );
  const dueStmt = db.prepare<[number], Row>(
    'SELECT * FROM deploys WHERE verdict IS NULL AND at + window_sec * 1000 <= ? ORDER BY at',
  );
  const lastDetectedStmt = db
    .prepare<[string], string>(
      "SELECT version FROM deploys WHERE source = 'detected' AND monitor_ids = ? ORDER BY at DESC, id DESC LIMIT 1",
    )
    .pluck();
  const byGroup = db.prepare<[number, number], { group: string; deploys: number; regressions: number }>(
    `SELECT coalesce(group_name, '(monitors)') AS "group", count(*) AS deploys, sum(verdict = 'regression') AS regressions
     FROM deploys WHERE at >= ? AND at < ? GROUP BY 1 ORDER BY 1`,
  );
  const regressionsStmt = db.prepare<[number, number], Row>(
    "SELECT * FROM deploys WHERE verdict = 'regression' AND at >= ? AND at < ? ORDER BY at, id",
  );
  return {
    get: (id) => {
      const r = getStmt.get(id);
      return r && deploy(r);
    },
    list(q) {
      const rows = listStmt
        .all(q.from ?? 0, q.to ?? Number.MAX_SAFE_INTEGER, q.monitorId === undefined ? q.limit : 10_000)
        .map(deploy);
      return q.monitorId === undefined
        ? rows
        : rows.filter((d) => d.monitorIds.includes(q.monitorId!)).slice(0, q.limit);
    },
    due: (now) => dueStmt.all(now).map(deploy),
    lastDetected: (monitorId) => lastDetectedStmt.get(JSON.stringify([monitorId])),
    regressions: (from, to) => regressionsStmt.all(from, to).map(deploy),
    countByGroup: (from, to) => byGroup.all(from, to).map((r) => ({ ...r, regressions: r.regressions ?? 0 })),
  };
}

export function createDeployWrites(db: WritableDB, reads: DeployReads): DeployWrites {
  const ins = db.prepare<[number, string | null, string, string, string, string, number, number]>(
    'INSERT INTO deploys (at, group_name, monitor_ids, version, note, source, window_sec, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const setStmt = db.prepare<[string, string, number, number]>(
    'UPDATE deploys SET verdict = ?, comparison = ?, evaluated_at = ? WHERE id = ?',
  );
  const del = db.prepare<[number]>('DELETE FROM deploys WHERE id = ?');
  return {
    insert(d, createdAt) {
      const id = Number(
        ins.run(d.at, d.group, JSON.stringify(d.monitorIds), d.version, d.note, d.source, d.windowMin * 60, createdAt)
          .lastInsertRowid,
      );
      return reads.get(id)!;
    },
    setVerdict(id, c, at) {
      setStmt.run(c.verdict, JSON.stringify(c), at, id);
    },
    delete: (id) => del.run(id).changes > 0,
  };
}
