/**
 * How a time range is answered from rollups: the coarsest aligned rollup buckets that fit inside it,
 * and raw results only for the unaligned edges. Shared by uptime, latency stats and series.
 */

export const MINUTE = 60_000;
export const HOUR = 3_600_000;
export const DAY = 86_400_000;

/**
 * A rollup level; `until` (a multiple of `ms`) is where its rows stop being complete: hour and day
 * rows are written when their period closes (see sealing.ts), so the open part of a range is read
 * from the finer sources. Minute rows only ever hold results that retention took out of `results`,
 * so a minute range is read from both minute rows and raw results (each result is in exactly one).
 */
export interface Level {
  level: 0 | 1 | 2;
  ms: number;
  until?: number;
}

/** Coarsest first; `level` is the on-disk value. Days are UTC days (bucket = multiple of DAY). */
export const LEVELS: readonly Level[] = [
  { level: 2, ms: DAY },
  { level: 1, ms: HOUR },
  { level: 0, ms: MINUTE },
];

/** Hour / day rows are complete for buckets before these (ms, multiples of HOUR / DAY). */
export interface RollupMarks {
  hours: number;
  days: number;
  /**
   * Sealed hours written again since the store opened because late results arrived: how many
   * times in all, and the newest of those hours (at most RESEAL_LOG, oldest first). Readers that
   * keep what they read of sealed hours (the dashboard's strip) read these again.
   */
  resealed?: { count: number; hours: readonly number[] };
}

export const RESEAL_LOG = 64;

/** LEVELS limited to where their rows are complete. */
export function sealedLevels(marks: RollupMarks, levels: readonly Level[] = LEVELS): Level[] {
  return levels.map((l) =>
    l.level === 2 ? { ...l, until: marks.days } : l.level === 1 ? { ...l, until: marks.hours } : l,
  );
}

/** A half-open range [a, b) answered from one source. */
export interface Segment {
  source: Level['level'] | 'raw';
  a: number;
  b: number;
}

/**
 * Splits [from, to) into the coarsest aligned pieces of the given levels (coarsest first), with
 * raw results for what is left at the edges. Each source gets at most two segments (left and right
 * of the coarser middle), which is what the fixed-shape queries below rely on.
 */
export function tile(from: number, to: number, levels: readonly Level[]): Segment[] {
  if (from >= to) return [];
  const [lvl, ...rest] = levels;
  if (!lvl) return [{ source: 'raw', a: from, b: to }];
  const s = Math.ceil(from / lvl.ms) * lvl.ms;
  const e = Math.min(Math.floor(to / lvl.ms) * lvl.ms, lvl.until ?? Infinity);
  if (s >= e) return tile(from, to, rest);
  return [...tile(from, s, rest), { source: lvl.level, a: s, b: e }, ...tile(e, to, rest)];
}

const SOURCES = [2, 1, 0, 'raw'] as const;
const sourceKey = (s: Segment['source']) => (s === 'raw' ? 'r' : `l${s}`);

/**
 * UNION ALL of eight arms, two ranges per source, each arm a plain key range (an OR of ranges in
 * one arm would not use the primary key). `rollupCols` / `rawCols` must yield the same columns;
 * raw columns are evaluated over `results`, rollup columns over `rollups`. Both expose `ts`.
 */
export function segmentUnionSql(rollupCols: string, rawCols: string): string {
  const arms: string[] = [];
  for (const s of SOURCES) {
    for (const i of [0, 1]) {
      const k = `${sourceKey(s)}_${i}`;
      arms.push(
        s === 'raw'
          ? `SELECT ts, ${rawCols} FROM results WHERE monitor_id = @m AND ts >= @${k}a AND ts < @${k}b`
          : `SELECT bucket AS ts, ${rollupCols} FROM rollups WHERE monitor_id = @m AND level = ${s} AND bucket >= @${k}a AND bucket < @${k}b`,
      );
    }
  }
  return arms.join('\nUNION ALL\n');
}

/**
 * What to read for a tiling: minute ranges are read from minute rows and from raw results (each
 * result is in exactly one of them), so raw edges are widened over the minute segments next to
 * them. Still at most two raw segments: minute segments only ever sit next to raw edges.
 */
export function readPlan(segments: readonly Segment[]): Segment[] {
  const out: Segment[] = [];
  for (const seg of segments) {
    if (seg.source === 0) out.push(seg);
    if (seg.source !== 0 && seg.source !== 'raw') continue;
    const last = findLastRaw(out);
    if (last && last.b === seg.a) last.b = seg.b;
    else out.push({ source: 'raw', a: seg.a, b: seg.b });
  }
  for (const seg of segments) if (seg.source === 1 || seg.source === 2) out.push(seg);
  return out;
}

function findLastRaw(segs: Segment[]): Segment | undefined {
  for (let i = segs.length - 1; i >= 0; i--) if (segs[i]!.source === 'raw') return segs[i];
  return undefined;
}

/** Named parameters for segmentUnionSql (over readPlan(segments)); unused arms get an empty range. */
export function segmentParams(monitorId: number, segments: readonly Segment[]): Record<string, number> {
  const params: Record<string, number> = { m: monitorId };
  for (const s of SOURCES)
    for (const i of [0, 1]) params[`${sourceKey(s)}_${i}a`] = params[`${sourceKey(s)}_${i}b`] = 0;
  const used = new Map<string, number>();
  for (const seg of readPlan(segments)) {
    const key = sourceKey(seg.source);
    const i = used.get(key) ?? 0;
    if (i > 1) throw new Error(`tile produced more than two ${key} segments`);
    used.set(key, i + 1);
    params[`${key}_${i}a`] = seg.a;
    params[`${key}_${i}b`] = seg.b;
  }
  return params;
}
