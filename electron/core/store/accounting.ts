import type { Interval } from '../slo/intervals';
import type { ReadableDB } from './db';
import { DAY, HOUR } from './tiling';

/**
 * What the uptime accounting reads (electron/core/slo/accounting.ts): each monitor's first result,
 * its incidents (confirmed down state), degraded stretches and paused spans (its own and "pause
 * all"), and the console's gaps. All of it is
 * kept for as long as the monitor exists (retention prunes raw results only), so an accounting over
 * old ranges needs no per-state rollups.
 */
export interface StoredTimeline {
  first: number | null;
  down: Interval[];
  degraded: Interval[];
  /** Monitoring paused, by the operator: the monitor's own pauses and every "pause all". */
  paused: Interval[];
}

export interface AccountingSource {
  /** Timelines over [from, to) of the given monitors (all when omitted); open runs end at `now`. */
  timelines(from: number, to: number, now: number, monitorIds?: readonly number[]): Map<number, StoredTimeline>;
  gaps(from: number, to: number): Interval[];
}

type FirstRow = { id: number; raw: number | null; minute: number | null; hour: number | null; day: number | null };

/**
 * The first result to the precision history still has: raw results and minute rows (results that
 * retention took out of `results`) give it exactly or to the minute; older than those, hour and day rows.
 */
export function firstOf(r: Omit<FirstRow, 'id'>): number | null {
  let f: number | null = r.raw === null ? r.minute : r.minute === null ? r.raw : Math.min(r.raw, r.minute);
  if (r.hour !== null && (f === null || r.hour < f - (f % HOUR))) f = r.hour;
  if (r.day !== null && (f === null || r.day < f - (f % DAY))) f = r.day;
  return f;
}

export function createAccountingSource(db: ReadableDB): AccountingSource {
  const firstCols = `m.id AS id,
    (SELECT min(ts) FROM results WHERE monitor_id = m.id) AS raw,
    (SELECT min(bucket) FROM rollups WHERE monitor_id = m.id AND level = 0) AS minute,
    (SELECT min(bucket) FROM rollups WHERE monitor_id = m.id AND level = 1) AS hour,
    (SELECT min(bucket) FROM rollups WHERE monitor_id = m.id AND level = 2) AS day`;
  const firstAll = db.prepare<[], FirstRow>(`SELECT ${firstCols} FROM monitors m`);
  const firstOne = db.prepare<[number], FirstRow>(`SELECT ${firstCols} FROM monitors m WHERE m.id = ?`);
  const idsStmt = db.prepare<[], number>('SELECT id FROM monitors').pluck();
  const overlaps = 'started_at < @to AND (ended_at IS NULL OR ended_at > @from)';
  type RunRow = { m: number; s: number; e: number | null };
  const runs = (table: string) => ({
    all: db.prepare<{ from: number; to: number }, RunRow>(
      `SELECT monitor_id AS m, started_at AS s, ended_at AS e FROM ${table} WHERE ${overlaps}`,
    ),
    one: db.prepare<{ m: number; from: number; to: number }, RunRow>(
      `SELECT monitor_id AS m, started_at AS s, ended_at AS e FROM ${table} WHERE monitor_id = @m AND ${overlaps}`,
    ),
  });
  const incidents = runs('incidents');
  const degraded = runs('degraded_stretches');
  const gapStmt = db.prepare<[number, number], Interval>('SELECT start, end FROM gaps WHERE end > ? AND start < ?');
  // Few rows (an operator's pauses), so every overlapping one is read and handed to its monitors.
  const pauseStmt = db.prepare<{ from: number; to: number }, RunRow | { m: null; s: number; e: number | null }>(
    `SELECT monitor_id AS m, started_at AS s, ended_at AS e FROM pauses WHERE ${overlaps}`,
  );
  // A monitor's first result, once it has one, stays (probes of one monitor run one at a time, so
  // none can land before it; retention keeps the minute of pruned ones): found once, not per call,
  // which was most of a 1,000-monitor dashboard call. Ids are never reused (AUTOINCREMENT).
  const firsts = new Map<number, number>();
  function firstResults(monitorIds: readonly number[] | undefined): Map<number, number | null> {
    const out = new Map<number, number | null>();
    const missing: number[] = [];
    if (monitorIds === undefined) {
      const ids = idsStmt.all();
      for (const id of ids) if (!firsts.has(id)) missing.push(id);
      const rows = missing.length > 32 ? firstAll.all() : missing.flatMap((id) => firstOne.all(id));
      for (const r of rows) {
        const f = firstOf(r);
        if (f !== null) firsts.set(r.id, f);
      }
      for (const id of ids) out.set(id, firsts.get(id) ?? null);
      return out;
    }
    for (const id of monitorIds) {
      const cached = firsts.get(id);
      if (cached !== undefined) {
        out.set(id, cached);
        continue;
      }
      const r = firstOne.get(id);
      if (!r) continue;
      const f = firstOf(r);
      if (f !== null) firsts.set(id, f);
      out.set(id, f);
    }
    return out;
  }

  return {
    timelines(from, to, now, monitorIds) {
      const out = new Map<number, StoredTimeline>();
      for (const [id, first] of firstResults(monitorIds)) out.set(id, { first, down: [], degraded: [], paused: [] });
      const collect = (q: ReturnType<typeof runs>, key: 'down' | 'degraded') => {
        const rows =
          monitorIds === undefined ? q.all.all({ from, to }) : monitorIds.flatMap((m) => q.one.all({ m, from, to }));
        for (const r of rows) out.get(r.m)?.[key].push({ start: r.s, end: r.e ?? Math.max(r.s, now) });
      };
      collect(incidents, 'down');
      collect(degraded, 'degraded');
      for (const r of pauseStmt.all({ from, to })) {
        const span = { start: r.s, end: r.e ?? Math.max(r.s, now) };
        if (r.m === null) for (const t of out.values()) t.paused.push({ ...span });
        else out.get(r.m)?.paused.push(span);
      }
      return out;
    },
    gaps: (from, to) => gapStmt.all(from, to),
  };
}
