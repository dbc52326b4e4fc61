/**
 * Schema history. Entry i is migration i + 1 and takes `PRAGMA user_version` from i to i + 1.
 * Append-only once a build has shipped: never edit an entry a user may already have applied.
 */

/** `PRAGMA application_id` of every Lookout database ("LKOT"); anything else is not ours. */
export const APPLICATION_ID = 0x4c4b4f54;

/** Histogram columns h0..h31 of `rollups` (see rollups.ts for the bucket bounds). */
export const HIST_BUCKETS = 32;
const histColumns = Array.from({ length: HIST_BUCKETS }, (_, i) => `h${i} INTEGER NOT NULL DEFAULT 0`).join(',\n  ');

export const MIGRATIONS: readonly string[] = [
  /* 1: initial schema */ `
-- AUTOINCREMENT: a deleted monitor's id is never reused, so a late probe result, an open chart or
-- a stored reference to the old id can never land on a different monitor.
CREATE TABLE monitors (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  name TEXT NOT NULL,
  group_name TEXT NOT NULL,
  interval_sec INTEGER NOT NULL,
  retries INTEGER NOT NULL,
  paused INTEGER NOT NULL CHECK (paused IN (0, 1)),
  kind TEXT NOT NULL,
  config TEXT NOT NULL,
  created_at INTEGER NOT NULL
) STRICT;

-- Keyed by (monitor, ts) so a monitor's history is one contiguous range of the b-tree.
-- Latencies are whole ms; message is kept only for results that are not up.
CREATE TABLE results (
  monitor_id INTEGER NOT NULL REFERENCES monitors(id) ON DELETE CASCADE,
  ts INTEGER NOT NULL,
  status INTEGER NOT NULL CHECK (status BETWEEN 0 AND 3),
  latency INTEGER,
  dns INTEGER,
  connect INTEGER,
  tls INTEGER,
  ttfb INTEGER,
  download INTEGER,
  error_code TEXT,
  message TEXT,
  in_maintenance INTEGER NOT NULL CHECK (in_maintenance IN (0, 1)),
  PRIMARY KEY (monitor_id, ts)
) STRICT, WITHOUT ROWID;

-- One table for the three levels (0 = minute, 1 = hour, 2 = day) rather than three tables:
-- the columns are identical, so one upsert and one range query serve every level, and the
-- level is simply part of the key. bucket = start of the bucket, ms since epoch (UTC).
-- Counts by status include results in maintenance; m_* count the ones in maintenance, so
-- excluding maintenance is a subtraction. Latency stats cover results with a latency.
CREATE TABLE rollups (
  monitor_id INTEGER NOT NULL REFERENCES monitors(id) ON DELETE CASCADE,
  level INTEGER NOT NULL,
  bucket INTEGER NOT NULL,
  up INTEGER NOT NULL,
  degraded INTEGER NOT NULL,
  down INTEGER NOT NULL,
  unknown INTEGER NOT NULL,
  m_up INTEGER NOT NULL,
  m_degraded INTEGER NOT NULL,
  m_down INTEGER NOT NULL,
  m_unknown INTEGER NOT NULL,
  lat_n INTEGER NOT NULL,
  lat_sum INTEGER NOT NULL,
  lat_min INTEGER,
  lat_max INTEGER,
  ${histColumns},
  PRIMARY KEY (monitor_id, level, bucket)
) STRICT, WITHOUT ROWID;

CREATE TABLE settings (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
) STRICT, WITHOUT ROWID;
`,
  /* 2: kind-specific details (JSON) kept with a result; NULL for plain probes, so it costs a byte */ `
ALTER TABLE results ADD COLUMN details TEXT;
`,
];

export const SCHEMA_VERSION = MIGRATIONS.length;

/** Tables a database at SCHEMA_VERSION must have; used to recognise a damaged or foreign file. */
export const REQUIRED_TABLES = ['monitors', 'results', 'rollups', 'settings'] as const;
