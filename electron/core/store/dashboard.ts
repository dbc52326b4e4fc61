import { SPARK_CODES, SPARK_POINTS, type SparkStatus } from '../../../shared/dashboard';
import type { ReadableDB } from './db';
import { SEAL_GRACE_MS } from './sealing';
import { DAY, HOUR, MINUTE, type RollupMarks } from './tiling';

/**
 * The dashboard's status strip for every monitor at once: 60 points over 24 h, the worst result in
 * each, from rollups and raw results. Each statement is driven by `monitors` (one primary key range
 * per monitor) so the cost is ~ monitors x hours, never a scan. Uptime figures (and whether a bucket
 * reads "down") come from the accounting (electron/core/slo/), not from these counts.
 */

export const DASHBOARD_RANGES = { d1: DAY, d7: 7 * DAY, d30: 30 * DAY } as const;
export type RangeKey = keyof typeof DASHBOARD_RANGES;

export interface DashboardMonitor {
  id: number;
  intervalSec: number;
}

export interface DashboardFigures {
  spark: string;
}

export interface DashboardAnswer {
  sparkFrom: number;
  sparkBucketMs: number;
  figures: Map<number, DashboardFigures>;
}

/** The strip's buckets sit on a fixed 24-minute grid (it divides the day); a bucket's number is ts / BUCKET_MS. */
const BUCKET_MS = DAY / SPARK_POINTS;

/** Worst last: one down result makes the bucket read "down". */
const SEVERITY: SparkStatus[] = ['none', 'up', 'unknown', 'degraded', 'down'];
const CODES = SEVERITY.map((s) => SPARK_CODES[s]);
const CODE_BYTES = CODES.map((c) => c.charCodeAt(0));

type Counts = { up: number; degraded: number; down: number; unknown: number };
type SparkRow = Counts & { m: number; h: number; i: number };

function worst(r: Counts): number {
  if (r.down > 0) return 4;
  if (r.degraded > 0) return 3;
  if (r.unknown > 0) return 2;
  if (r.up > 0) return 1;
  return 0;
}

/**
 * What one hour puts on the strip: per monitor, the severity of each of the (at most three) grid
 * buckets the hour overlaps, three bits each, the first at the hour's first bucket. A number per
 * monitor-hour keeps a day of 1,000 monitors in a few hundred KB.
 */
type HourMarks = Map<number, number>;

/** An hour of the strip as read: from hour rows once sealed, else from raw results (`counts`: how many per monitor). */
interface Painted {
  sealed: boolean;
  marks: HourMarks;
  counts: Map<number, number>;
}

function raise(marks: HourMarks, hour: number, monitorId: number, bucket: number, severity: number): void {
  const shift = 3 * (bucket - Math.floor(hour / BUCKET_MS));
  const packed = marks.get(monitorId) ?? 0;
  if (((packed >> shift) & 7) < severity) marks.set(monitorId, (packed & ~(7 << shift)) | (severity << shift));
}

/** Raises `strip` (one severity per bucket) with an hour's three packed buckets, the first at `offset`. */
function raiseStrip(strip: Uint8Array, offset: number, packed: number): void {
  for (let k = 0; k < 3; k++) {
    const s = (packed >> (3 * k)) & 7;
    const i = offset + k;
    if (i >= 0 && i < SPARK_POINTS && s > strip[i]!) strip[i] = s;
  }
}

/** Sealed hours written again (late results) come after `seen`: forget what was read of them. */
function dropResealed(past: Map<number, unknown>, resealed: RollupMarks['resealed'], seen: number): number {
  if (!resealed || resealed.count === seen) return seen;
  const fresh = resealed.count - seen;
  if (fresh > resealed.hours.length) past.clear();
  else for (const h of resealed.hours.slice(-fresh)) past.delete(h);
  return resealed.count;
}

export function createDashboardQuery(db: ReadableDB, marks: () => RollupMarks) {
  // The strip over sealed hours, in two passes so single results are read only where something went wrong:
  // 1. hours: an hour with `up` results marks the buckets it overlaps `up` (so a monitor probing
  //    less often than every 24 min reads up across a good hour rather than gappy);
  //    (one row per monitor: the hours' offsets from @hfrom, comma-separated, to keep rows few)
  const hoursStmt = db.prepare<Record<string, number>, { m: number; hours: string | null }>(
    `SELECT mm.id AS m, group_concat((h.bucket - CAST(@hfrom AS INTEGER)) / ${HOUR}) AS hours
     FROM monitors mm CROSS JOIN rollups h ON h.monitor_id = mm.id AND h.level = 1 AND h.bucket >= @hfrom AND h.bucket < @to
     WHERE h.up > 0 AND mm.id BETWEEN @m0 AND @m1 GROUP BY mm.id`,
  );
  // 2. the results that were not up (raw, or summed in minute rows once retention took them),
  //    only inside hours that had any, bucketed in SQL, raise their bucket.
  const badIn = (source: 'raw' | 'minutes') => {
    const [table, t, cond, sums] =
      source === 'raw'
        ? ['results', 'ts', 'r.status != 0', ['0', '1', '2', '3'].map((k) => `SUM(r.status = ${k})`)]
        : [
            'rollups',
            'bucket',
            'r.level = 0 AND r.degraded + r.down + r.unknown > 0',
            ['up', 'degraded', 'down', 'unknown'].map((c) => `SUM(r.${c})`),
          ];
    return db.prepare<Record<string, number>, SparkRow>(
      `SELECT r.monitor_id AS m, h.bucket AS h, r.${t} / ${BUCKET_MS} AS i,
         ${sums[0]} AS up, ${sums[1]} AS degraded, ${sums[2]} AS down, ${sums[3]} AS unknown
       FROM monitors mm
       CROSS JOIN rollups h ON h.monitor_id = mm.id AND h.level = 1 AND h.bucket >= @hfrom AND h.bucket < @to
         AND h.degraded + h.down + h.unknown > 0
       CROSS JOIN ${table} r ON r.monitor_id = h.monitor_id${source === 'minutes' ? ' AND r.level = 0' : ''}
         AND r.${t} >= h.bucket AND r.${t} < h.bucket + ${HOUR}
       WHERE ${cond} AND mm.id BETWEEN @m0 AND @m1
       GROUP BY r.monitor_id, h.bucket, i`,
    );
  };
  const badStmts = [badIn('raw'), badIn('minutes')];
  // Hours not sealed yet: every result, bucketed in SQL, each bucket's worst (SEVERITY's index)
  // and count; rows as arrays: this is what every call reads (the last few minutes). `late`: at or
  // after @s, so one pass (1,000 seeks per statement) serves the settled part and the tail.
  const openIn = (source: 'raw' | 'minutes') => {
    const [t, severity, count] =
      source === 'raw'
        ? ['ts', 'CASE x.status WHEN 2 THEN 4 WHEN 1 THEN 3 WHEN 3 THEN 2 ELSE 1 END', 'count(*)']
        : [
            'bucket',
            'CASE WHEN x.down > 0 THEN 4 WHEN x.degraded > 0 THEN 3 WHEN x.unknown > 0 THEN 2 WHEN x.up > 0 THEN 1 ELSE 0 END',
            'SUM(x.up + x.degraded + x.down + x.unknown)',
          ];
    return db
      .prepare<Record<string, number>, [m: number, h: number, i: number, severity: number, n: number, late: number]>(
        `SELECT x.monitor_id, x.${t} - x.${t} % ${HOUR} AS h, x.${t} / ${BUCKET_MS} AS i, MAX(${severity}), ${count},
           x.${t} >= @s AS late
         FROM monitors mm CROSS JOIN ${source === 'raw' ? 'results' : 'rollups'} x ON x.monitor_id = mm.id${source === 'minutes' ? ' AND x.level = 0' : ''}
           AND x.${t} >= @a AND x.${t} < @b
         GROUP BY x.monitor_id, h, i, late`,
      )
      .raw();
  };
  const openStmts = [openIn('raw'), openIn('minutes')];

  // One hour's rows of every monitor: whether the results it sums are the ones painted from raw.
  const hourRowsStmt = db.prepare<Record<string, number>, Counts & { m: number }>(
    `SELECT mm.id AS m, h.up, h.degraded, h.down, h.unknown
     FROM monitors mm CROSS JOIN rollups h ON h.monitor_id = mm.id AND h.level = 1 AND h.bucket = @h`,
  );

  const smearUp = (marks: HourMarks, h: number, m: number) => {
    for (let i = Math.floor(h / BUCKET_MS); i <= Math.floor((h + HOUR - 1) / BUCKET_MS); i++) raise(marks, h, m, i, 1);
  };

  /** Paints the sealed hours [a, b) of monitors m0..m1 from hour rows (and the single results of hours that had failures). */
  function paintSealed(into: (hour: number) => Painted, a: number, b: number, m0 = 0, m1 = Number.MAX_SAFE_INTEGER) {
    const q = { hfrom: a, to: b, m0, m1 };
    for (const { m, hours } of hoursStmt.all(q))
      for (const offset of hours ? hours.split(',') : []) {
        const h = a + Number(offset) * HOUR;
        smearUp(into(h).marks, h, m);
      }
    for (const stmt of badStmts) for (const r of stmt.all(q)) raise(into(r.h).marks, r.h, r.m, r.i, worst(r));
  }

  /** Paints every result in [a, b) (not sealed yet) into its hour (`late`: at or after `s`), counting them. */
  function paintOpen(into: (hour: number, late: boolean) => Painted, a: number, b: number, s = b): void {
    if (b <= a) return;
    for (const stmt of openStmts)
      for (const [m, h, i, severity, n, late] of stmt.all({ a, b, s })) {
        const p = into(h, late === 1);
        raise(p.marks, h, m, i, severity);
        p.counts.set(m, (p.counts.get(m) ?? 0) + n);
      }
  }

  /**
   * An hour painted from raw results has just been sealed. Its hour rows say how many results
   * each monitor had: where that is what was painted, the strip only gains the sealed hour's `up`
   * across it; a monitor with results painted late (a probe started before the hour turned that
   * reported after it was read) is read again from its rows. So a seal costs one row per monitor.
   */
  function seal(h: number, p: Painted): void {
    const stale: number[] = [];
    for (const r of hourRowsStmt.all({ h })) {
      if (r.up + r.degraded + r.down + r.unknown !== (p.counts.get(r.m) ?? 0)) stale.push(r.m);
      else if (r.up > 0) smearUp(p.marks, h, r.m);
    }
    for (const m of stale) {
      p.marks.delete(m);
      paintSealed(() => p, h, h + HOUR, m, m);
    }
    p.sealed = true;
    p.counts = new Map();
  }

  /**
   * Each hour of the strip is read once and kept: before the current hour, results are stored with
   * the time their probe started, so an hour changes only when it is sealed (a couple of minutes
   * after it turned, see `seal`, so a result of a probe started at 12:59:59 shows) or when a late
   * result re-seals it (the sealer says which, see RollupMarks.resealed; that hour is read again).
   * A call at the turn of an hour, or of a strip bucket, then reads a few minutes, never the day.
   */
  const past = new Map<number, Painted>();
  let seenResealed = 0;
  /**
   * The current hour up to `through`, painted, and extended as results settle: the open hour comes
   * from raw results (one row per probe, up to 720 per monitor at a 5 s interval), so each call
   * reads only what is newer than the grace a probe has to report (SEAL_GRACE_MS). A result
   * reporting later than that shows once the hour is sealed.
   */
  let current: { hour: number; through: number; painted: Painted } | undefined;

  /** Whether anything in `past` changed. */
  function readPast(hfrom: number, hourStart: number, sealedThrough: number): boolean {
    let changed = false;
    for (const h of past.keys()) if ((h < hfrom || h >= hourStart) && past.delete(h)) changed = true;
    if (current && current.hour !== hourStart) {
      changed = true;
      // The hour turned: finish the one that was current from raw results, until it is sealed.
      const { hour, painted } = current;
      if (hour >= hfrom && hour < hourStart && !past.has(hour)) {
        paintOpen(() => painted, current.through, hour + HOUR);
        past.set(hour, painted);
      }
      current = undefined;
    }
    const isSealed = (x: number) => x < sealedThrough;
    for (const [h, p] of past)
      if (!p.sealed && isSealed(h)) {
        seal(h, p);
        changed = true;
      }
    // Hours not read yet (all of them on the first call), in runs of one source, each run in one
    // pass of the statements.
    const at = (h: number) => {
      let p = past.get(h);
      if (!p) past.set(h, (p = { sealed: isSealed(h), marks: new Map(), counts: new Map() }));
      return p;
    };
    let h = hfrom;
    while (h < hourStart) {
      if (past.has(h)) {
        h += HOUR;
        continue;
      }
      const sealed = isSealed(h);
      let end = h + HOUR;
      while (end < hourStart && !past.has(end) && isSealed(end) === sealed) end += HOUR;
      if (sealed) paintSealed(at, h, end);
      else paintOpen(at, h, end);
      for (let x = h; x < end; x += HOUR) at(x);
      h = end;
      changed = true;
    }
    return changed;
  }

  /**
   * The strip of the hours in `past`, composed when they change or the strip moves on a bucket
   * (about once in 24 calls a minute apart), so a call adds only the current hour to it.
   */
  let base: { from: number; strips: Map<number, Uint8Array> } | undefined;

  return function dashboard(now: number, monitors: readonly DashboardMonitor[]): DashboardAnswer {
    const hourStart = Math.floor(now / HOUR) * HOUR;
    // The last bucket holds now.
    const to = Math.floor(now / BUCKET_MS) * BUCKET_MS + BUCKET_MS;
    const from = to - DAY;
    const m = marks();
    const seen = seenResealed;
    seenResealed = dropResealed(past, m.resealed, seenResealed);
    if (readPast(Math.floor(from / HOUR) * HOUR, hourStart, m.hours) || seen !== seenResealed || base?.from !== from)
      base = undefined;

    current ??= {
      hour: hourStart,
      through: hourStart,
      painted: { sealed: false, marks: new Map(), counts: new Map() },
    };
    const cur = current;
    // What is older than the grace joins the current hour for good; the rest (the tail) is read again next call.
    const settleTo = Math.max(cur.through, Math.floor((now - SEAL_GRACE_MS) / MINUTE) * MINUTE);
    const tail: Painted = { sealed: false, marks: new Map(), counts: new Map() };
    paintOpen((_, late) => (late ? tail : cur.painted), cur.through, to, settleTo);
    cur.through = settleTo;

    const first = from / BUCKET_MS;
    if (!base) {
      const strips = new Map<number, Uint8Array>();
      for (const [hour, p] of past) {
        const offset = Math.floor(hour / BUCKET_MS) - first;
        for (const [id, packed] of p.marks) {
          let strip = strips.get(id);
          if (!strip) strips.set(id, (strip = new Uint8Array(SPARK_POINTS)));
          raiseStrip(strip, offset, packed);
        }
      }
      base = { from, strips };
    }

    const figures = new Map<number, DashboardFigures>();
    const none = CODES[0]!.repeat(SPARK_POINTS);
    const text = Buffer.alloc(SPARK_POINTS);
    const strip = new Uint8Array(SPARK_POINTS);
    const offset = Math.floor(hourStart / BUCKET_MS) - first;
    for (const mon of monitors) {
      const kept = base.strips.get(mon.id);
      const settled = cur.painted.marks.get(mon.id);
      const recent = tail.marks.get(mon.id);
      if (!kept && settled === undefined && recent === undefined) {
        figures.set(mon.id, { spark: none });
        continue;
      }
      if (kept) strip.set(kept);
      else strip.fill(0);
      if (settled !== undefined) raiseStrip(strip, offset, settled);
      if (recent !== undefined) raiseStrip(strip, offset, recent);
      for (let i = 0; i < SPARK_POINTS; i++) text[i] = CODE_BYTES[strip[i]!]!;
      figures.set(mon.id, { spark: text.toString('latin1') });
    }
    return { sparkFrom: from, sparkBucketMs: BUCKET_MS, figures };
  };
}
