/**
 * Synthetic history for the dashboard benches: N monitors (spread over the four service groups),
 * one result a minute for `days`, written straight into rollups (day and hour rows for the periods
 * closed by `now`, with their marks) and raw results for the last 26 h, as a store that had been
 * probing for that long would hold it (raw results older than that do not change what the
 * dashboard reads). Writing 43 million results through the real writer would take minutes; the
 * rows here are what that writer would have produced.
 */
import { MonitorDraft, SERVICE_GROUPS } from '../../shared/monitor';
import { openStore } from '../../electron/core/store';
import { HIST_COLS } from '../../electron/core/store/histogram';
import { connectionOf } from '../../electron/core/store/connection';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

export function writeSyntheticHistory(
  path: string,
  opts: { monitors: number; days: number; now: number; demoUrl?: string },
): number[] {
  const store = openStore({ path, flushIntervalMs: 60_000 });
  const db = connectionOf(store);
  const ids: number[] = [];
  db.transaction(() => {
    for (let i = 0; i < opts.monitors; i++) {
      const group = SERVICE_GROUPS[i % SERVICE_GROUPS.length]!;
      const draft = MonitorDraft.parse({
        name: `${group} ${String(i + 1).padStart(4, '0')}`,
        group,
        // Paused: the bench measures the console, not 1,000 probes of a host that is not there.
        paused: true,
        kind: 'http',
        config: { url: opts.demoUrl ?? `http://127.0.0.1:9/${i}` },
      });
      ids.push(store.monitors.create(draft).id);
    }
  })();

  const cols = [
    'monitor_id',
    'level',
    'bucket',
    'up',
    'degraded',
    'down',
    'unknown',
    'm_up',
    'm_degraded',
    'm_down',
    'm_unknown',
    'lat_n',
    'lat_sum',
    'lat_min',
    'lat_max',
    'h12',
  ];
  const insert = db.prepare(`INSERT INTO rollups (${cols.join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`);
  const raw = db.prepare(
    'INSERT INTO results (monitor_id, ts, status, latency, in_maintenance) VALUES (?, ?, ?, ?, 0)',
  );
  void HIST_COLS;
  let seed = 17;
  const rand = () => (seed = (seed * 1_103_515_245 + 12_345) >>> 0) / 2 ** 32;
  const end = Math.floor(opts.now / MIN) * MIN;
  const start = Math.floor((end - opts.days * DAY) / DAY) * DAY;
  const rawFrom = end - 26 * HOUR;
  // Hours and days are written once closed (see store/sealing.ts): the current ones are not yet.
  const hoursThrough = Math.floor(end / HOUR) * HOUR;
  const daysThrough = Math.floor(hoursThrough / DAY) * DAY;
  db.prepare('INSERT OR REPLACE INTO rollup_marks (level, through) VALUES (1, ?), (2, ?)').run(
    hoursThrough,
    daysThrough,
  );

  const write = db.transaction((id: number, index: number) => {
    // One monitor in twenty has an outage of up to 2 h somewhere in the span; a few minutes are slow.
    const outageAt = index % 20 === 0 ? start + Math.floor(rand() * (end - start)) : -1;
    const outageLen = Math.floor(rand() * 120) * MIN;
    const hour = [0, 0, 0, 0];
    const day = [0, 0, 0, 0];
    let hourBucket = start;
    let dayBucket = start;
    const flush = (level: number, bucket: number, c: number[]) => {
      const n = c[0]! + c[1]!;
      if (bucket + (level === 1 ? HOUR : DAY) > (level === 1 ? hoursThrough : daysThrough)) c.fill(0);
      if (c[0]! + c[1]! + c[2]! + c[3]! > 0)
        insert.run(id, level, bucket, c[0], c[1], c[2], c[3], 0, 0, 0, 0, n, n * 80, 40, 900, n);
      c.fill(0);
    };
    for (let t = start; t < end; t += MIN) {
      if (t - hourBucket >= HOUR) {
        flush(1, hourBucket, hour);
        hourBucket = t;
      }
      if (t - dayBucket >= DAY) {
        flush(2, dayBucket, day);
        dayBucket = t;
      }
      const status = t >= outageAt && t < outageAt + outageLen ? 2 : rand() < 0.0008 ? 1 : 0;
      hour[status]!++;
      day[status]!++;
      if (t >= rawFrom) raw.run(id, t + 1234, status, status === 2 ? null : 80);
    }
    flush(1, hourBucket, hour);
    flush(2, dayBucket, day);
  });
  ids.forEach((id, i) => write(id, i));
  store.close();
  return ids;
}
