/**
 * How a time range is answered from rollups: the coarsest aligned rollup buckets that fit inside it,
 * and raw results only for the unaligned edges. Shared by uptime, latency stats and series.
 */

export const MINUTE = 60_000;
export const HOUR = 3_600_000;
export const DAY = 86_400_000;

/** Coarsest first; `level` is the on-disk value. Days are UTC days (bucket = multiple of DAY). */
export const LEVELS = [
  { level: 2, ms: DAY },
  { level: 1, ms: HOUR },
  { level: 0, ms: MINUTE },
] as const;
export type Level = (typeof LEVELS)[number];

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
  const e = Math.floor(to / lvl.ms) * lvl.ms;
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

/** Named parameters for segmentUnionSql; unused arms get an empty range. */
export function segmentParams(monitorId: number, segments: readonly Segment[]): Record<string, number> {
  const params: Record<string, number> = { m: monitorId };
  for (const s of SOURCES) for (const i of [0, 1]) params[`${sourceKey(s)}_${i}a`] = params[`${sourceKey(s)}_${i}b`] = 0;
  const used = new Map<string, number>();
  for (const seg of segments) {
    const key = sourceKey(seg.source);
    const i = used.get(key) ?? 0;
    if (i > 1) throw new Error(`tile produced more than two ${key} segments`);
    used.set(key, i + 1);
    params[`${key}_${i}a`] = seg.a;
    params[`${key}_${i}b`] = seg.b;
  }
  return params;
}
