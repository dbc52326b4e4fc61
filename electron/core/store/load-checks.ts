import type {
  LoadCheck,
  LoadCheckSpec,
  LoadProgress,
  LoadRun,
  LoadSpan,
  ThresholdLine,
} from '../../../shared/loadcheck';
import type { WritableDB } from './db';

/** Load checks and their runs (tables `load_checks`, `load_runs`). */
export interface LoadCheckStore {
  list(): LoadCheck[];
  get(id: number): LoadCheck | undefined;
  create(spec: LoadCheckSpec, at: number): LoadCheck;
  update(id: number, spec: LoadCheckSpec, at: number): LoadCheck | undefined;
  delete(id: number): boolean;
  startRun(r: {
    checkId: number;
    name: string;
    host: string;
    target: string;
    startedAt: number;
    planned: number;
  }): number;
  endRun(
    id: number,
    r: {
      endedAt: number;
      outcome: LoadRun['outcome'];
      reason: string | null;
      verdict: LoadRun['verdict'];
      summary: LoadProgress;
      card: ThresholdLine[];
    },
  ): void;
  run(id: number): Omit<LoadRun, 'previous'> | undefined;
  /** Newest first. */
  runs(checkId: number | undefined, limit: number): Omit<LoadRun, 'previous'>[];
  /** The ended run of the same check before this one. */
  previousRun(checkId: number, beforeId: number): Omit<LoadRun, 'previous'> | undefined;
  /** Runs against any of these hosts overlapping [from, to) (open runs end at `now`). */
  spans(hosts: readonly string[], from: number, to: number, now: number): LoadSpan[];
  /** Runs left `running` by a console that closed: ended as failed. */
  closeOrphans(at: number): number;
}

interface CheckRow {
  id: number;
  body: string;
  created_at: number;
  updated_at: number;
}
interface RunRow {
  id: number;
  check_id: number;
  name: string;
  host: string;
  target: string;
  started_at: number;
  ended_at: number | null;
  outcome: string;
  reason: string | null;
  verdict: string | null;
  planned: number;
  summary: string | null;
  card: string | null;
}

const check = (r: CheckRow): LoadCheck => ({
  id: r.id,
  spec: JSON.parse(r.body) as LoadCheckSpec,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});
const run = (r: RunRow): Omit<LoadRun, 'previous'> => ({
  id: r.id,
  checkId: r.check_id,
  name: r.name,
  host: r.host,
  target: r.target,
  startedAt: r.started_at,
  endedAt: r.ended_at,
  outcome: r.outcome as LoadRun['outcome'],
  reason: r.reason,
  verdict: r.verdict as LoadRun['verdict'],
  plannedRequests: r.planned,
  summary: r.summary === null ? null : (JSON.parse(r.summary) as LoadProgress),
  card: r.card === null ? [] : (JSON.parse(r.card) as ThresholdLine[]),
});

export function createLoadCheckStore(db: WritableDB): LoadCheckStore {
  const listStmt = db.prepare<[], CheckRow>('SELECT * FROM load_checks ORDER BY id');
  const getStmt = db.prepare<[number], CheckRow>('SELECT * FROM load_checks WHERE id = ?');
  const insert = db.prepare<[string, number, number]>(
    'INSERT INTO load_checks (body, created_at, updated_at) VALUES (?, ?, ?)',
  );
  const updateStmt = db.prepare<[string, number, number]>(
    'UPDATE load_checks SET body = ?, updated_at = ? WHERE id = ?',
  );
  const del = db.prepare<[number]>('DELETE FROM load_checks WHERE id = ?');
  const insertRun = db.prepare<[number, string, string, string, number, number]>(
    "INSERT INTO load_runs (check_id, name, host, target, started_at, outcome, planned) VALUES (?, ?, ?, ?, ?, 'running', ?)",
  );
  const endStmt = db.prepare<[number, string, string | null, string | null, string, string, number]>(
    'UPDATE load_runs SET ended_at = ?, outcome = ?, reason = ?, verdict = ?, summary = ?, card = ? WHERE id = ?',
  );
  const runStmt = db.prepare<[number], RunRow>('SELECT * FROM load_runs WHERE id = ?');
  const runsAll = db.prepare<[number], RunRow>('SELECT * FROM load_runs ORDER BY id DESC LIMIT ?');
  const runsOf = db.prepare<[number, number], RunRow>(
    'SELECT * FROM load_runs WHERE check_id = ? ORDER BY id DESC LIMIT ?',
  );
  const prevStmt = db.prepare<[number, number], RunRow>(
    "SELECT * FROM load_runs WHERE check_id = ? AND id < ? AND outcome != 'running' ORDER BY id DESC LIMIT 1",
  );
  const spanStmt = db.prepare<
    [number, string, number, number],
    { id: number; name: string; started_at: number; ended: number }
  >(
    `SELECT id, name, started_at, coalesce(ended_at, ?) AS ended FROM load_runs
     WHERE host = ? AND started_at < ? AND coalesce(ended_at, started_at + 600000) >= ? ORDER BY started_at`,
  );
  const orphans = db.prepare<[number, string]>(
    "UPDATE load_runs SET ended_at = ?, outcome = 'failed', reason = ? WHERE outcome = 'running'",
  );

  return {
    list: () => listStmt.all().map(check),
    get: (id) => {
      const r = getStmt.get(id);
      return r && check(r);
    },
    create(spec, at) {
      const id = Number(insert.run(JSON.stringify(spec), at, at).lastInsertRowid);
      return check(getStmt.get(id)!);
    },
    update(id, spec, at) {
      if (updateStmt.run(JSON.stringify(spec), at, id).changes === 0) return undefined;
      return check(getStmt.get(id)!);
    },
    delete: (id) => del.run(id).changes > 0,
    startRun: (r) => Number(insertRun.run(r.checkId, r.name, r.host, r.target, r.startedAt, r.planned).lastInsertRowid),
    endRun(id, r) {
      endStmt.run(r.endedAt, r.outcome, r.reason, r.verdict, JSON.stringify(r.summary), JSON.stringify(r.card), id);
    },
    run: (id) => {
      const r = runStmt.get(id);
      return r && run(r);
    },
    runs: (checkId, limit) => (checkId === undefined ? runsAll.all(limit) : runsOf.all(checkId, limit)).map(run),
    previousRun: (checkId, beforeId) => {
      const r = prevStmt.get(checkId, beforeId);
      return r && run(r);
    },
    spans(hosts, from, to, now) {
      const out: LoadSpan[] = [];
      for (const h of hosts)
        for (const r of spanStmt.all(now, h, to, from))
          out.push({ runId: r.id, name: r.name, from: r.started_at, to: r.ended });
      return out.sort((a, b) => a.from - b.from);
    },
    closeOrphans: (at) => orphans.run(at, 'The console closed during the run').changes,
  };
}
