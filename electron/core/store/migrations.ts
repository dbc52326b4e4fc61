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
  /* incidents, their notes, persisted monitor state, console gaps (scheduler / incidents) */ `
CREATE TABLE incidents (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  monitor_id INTEGER NOT NULL REFERENCES monitors(id) ON DELETE CASCADE,
  started_at INTEGER NOT NULL,
  ended_at INTEGER,
  first_error_code TEXT,
  first_error TEXT,
  last_error_code TEXT,
  last_error TEXT,
  failed_probes INTEGER NOT NULL,
  acknowledged_by TEXT,
  acknowledged_at INTEGER,
  maintenance_window_id INTEGER
) STRICT;
-- Open ones first (ended_at IS NULL), then newest: the Incidents page's order.
CREATE INDEX incidents_by_recency ON incidents ((ended_at IS NULL) DESC, started_at DESC);
CREATE INDEX incidents_by_monitor ON incidents (monitor_id, started_at);
CREATE TABLE incident_notes (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  incident_id INTEGER NOT NULL REFERENCES incidents(id) ON DELETE CASCADE,
  at INTEGER NOT NULL,
  author TEXT,
  text TEXT NOT NULL
) STRICT;
CREATE INDEX incident_notes_by_incident ON incident_notes (incident_id, at);
-- Confirmed state per monitor, so a restart neither forgets an outage nor alerts it again.
CREATE TABLE monitor_states (
  monitor_id INTEGER PRIMARY KEY REFERENCES monitors(id) ON DELETE CASCADE,
  state TEXT NOT NULL,
  since INTEGER,
  changes TEXT NOT NULL,
  alerted INTEGER NOT NULL CHECK (alerted IN (0, 1)),
  last_alert_at INTEGER,
  snoozed_until INTEGER
) STRICT;
-- Stretches the console could not see (asleep, offline, not running): shown on charts, never downtime.
CREATE TABLE gaps (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  start INTEGER NOT NULL,
  end INTEGER NOT NULL,
  reason TEXT NOT NULL CHECK (reason IN ('asleep', 'offline', 'stopped'))
) STRICT;
CREATE INDEX gaps_by_end ON gaps (end);
`,
  /* monitor SLO target (issue 7); NULL = the service group's target from settings */ `
ALTER TABLE monitors ADD COLUMN slo_target REAL;
`,
  /* maintenance windows, peak events, occurrence records (issue 8; queries in store/windows.ts) */ `
CREATE TABLE maintenance_windows (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  title TEXT NOT NULL,
  description TEXT NOT NULL,
  start_local TEXT NOT NULL,
  zone TEXT NOT NULL,
  duration_min INTEGER NOT NULL CHECK (duration_min > 0),
  recurrence TEXT,
  rrule TEXT,
  monitor_ids TEXT NOT NULL,
  groups TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
) STRICT;
CREATE TABLE peak_events (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  title TEXT NOT NULL,
  description TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('live_stream', 'submission_deadline', 'other')),
  start_local TEXT NOT NULL,
  zone TEXT NOT NULL,
  duration_min INTEGER NOT NULL CHECK (duration_min > 0),
  recurrence TEXT,
  rrule TEXT,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
) STRICT;
-- Only occurrences something happened to have a row; the rest follow the clock.
-- start = planned start (UTC ms), which identifies the occurrence within its window.
CREATE TABLE maintenance_occurrences (
  window_id INTEGER NOT NULL REFERENCES maintenance_windows(id) ON DELETE CASCADE,
  start INTEGER NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('scheduled', 'in_progress', 'completed', 'cancelled')),
  extended_min INTEGER NOT NULL DEFAULT 0,
  ended_early_at INTEGER,
  changed_at INTEGER NOT NULL,
  PRIMARY KEY (window_id, start)
) STRICT, WITHOUT ROWID;
`,
  /* notification drafts: template versions (every save a row), current template per step, saved drafts */ `
CREATE TABLE template_versions (
  step TEXT NOT NULL,
  version INTEGER NOT NULL CHECK (version > 0),
  parts TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  PRIMARY KEY (step, version)
) STRICT, WITHOUT ROWID;

CREATE TABLE templates (
  step TEXT PRIMARY KEY,
  current_version INTEGER NOT NULL,
  FOREIGN KEY (step, current_version) REFERENCES template_versions (step, version)
) STRICT, WITHOUT ROWID;

-- source_id is a window or incident id owned by other modules: no foreign key, so a draft
-- outlives its source (the context snapshot is kept).
CREATE TABLE drafts (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  source_kind TEXT NOT NULL CHECK (source_kind IN ('window', 'incident')),
  source_id INTEGER NOT NULL,
  occurrence_start INTEGER,
  step TEXT NOT NULL,
  template_version INTEGER NOT NULL,
  source_version TEXT,
  context TEXT NOT NULL,
  audience_zones TEXT NOT NULL,
  content TEXT NOT NULL,
  edited INTEGER NOT NULL CHECK (edited IN (0, 1)),
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
) STRICT;
CREATE INDEX drafts_by_source ON drafts (source_kind, source_id, created_at);
`,
  /* rollups sealed when their period closes (see store/sealing.ts) */ `
-- How far hour (level 1) and day (level 2) rollups are complete: they are now written when their
-- period closes, and readers take the open part of a range from raw results.
CREATE TABLE rollup_marks (
  level INTEGER PRIMARY KEY,
  through INTEGER NOT NULL
) STRICT;
-- Rollups so far were written with every result, so everything before the latest hour / day is complete.
INSERT INTO rollup_marks (level, through) SELECT 1, coalesce(max(bucket), 0) FROM rollups WHERE level = 1;
INSERT INTO rollup_marks (level, through) SELECT 2, coalesce(max(bucket), 0) FROM rollups WHERE level = 2;
-- Minute rows now hold only results that retention took out of results (a result is in exactly
-- one of the two): drop those that duplicate raw results still stored.
DELETE FROM rollups WHERE level = 0
  AND bucket >= (SELECT min(ts) - min(ts) % 60000 FROM results WHERE results.monitor_id = rollups.monitor_id);
`,
  /* alert channels, rules, the outbox (one row per message per channel), delivery attempts, escalations (issue 17) */ `
-- body = the channel as validated (shared/channels.ts), secret fields sealed.
CREATE TABLE alert_channels (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  kind TEXT NOT NULL,
  body TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
) STRICT;
CREATE TABLE alert_rules (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  body TEXT NOT NULL
) STRICT;
-- Written before anything is sent; dedupe_key = (incident or monitor, alert kind, channel).
-- channel_id has no foreign key: the log outlives a deleted channel (its name is kept).
CREATE TABLE alert_outbox (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  dedupe_key TEXT NOT NULL UNIQUE,
  channel_id INTEGER NOT NULL,
  channel_name TEXT NOT NULL,
  channel_kind TEXT NOT NULL,
  kind TEXT NOT NULL,
  monitor_id INTEGER,
  monitor_name TEXT,
  incident_id INTEGER,
  title TEXT NOT NULL,
  body TEXT NOT NULL,
  message TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('pending', 'sending', 'delivered', 'failed', 'suppressed')),
  reason TEXT,
  tries INTEGER NOT NULL DEFAULT 0,
  next_at INTEGER NOT NULL,
  created_at INTEGER NOT NULL,
  delivered_at INTEGER
) STRICT;
CREATE INDEX alert_outbox_due ON alert_outbox (next_at) WHERE status IN ('pending', 'sending');
CREATE INDEX alert_outbox_by_monitor ON alert_outbox (monitor_id, id);
CREATE INDEX alert_outbox_by_channel ON alert_outbox (channel_id, id);
CREATE INDEX alert_outbox_failed ON alert_outbox (id) WHERE status = 'failed';
CREATE TABLE alert_attempts (
  outbox_id INTEGER NOT NULL REFERENCES alert_outbox(id) ON DELETE CASCADE,
  at INTEGER NOT NULL,
  ok INTEGER NOT NULL CHECK (ok IN (0, 1)),
  ms INTEGER NOT NULL,
  answer TEXT NOT NULL,
  code TEXT
) STRICT;
CREATE INDEX alert_attempts_by_outbox ON alert_attempts (outbox_id, at);
-- The next tier due for an unacknowledged incident; deleted when acknowledged, closed or sent.
CREATE TABLE alert_escalations (
  incident_id INTEGER NOT NULL,
  route INTEGER NOT NULL,
  tier INTEGER NOT NULL,
  due_at INTEGER NOT NULL,
  message TEXT NOT NULL,
  PRIMARY KEY (incident_id, route, tier)
) STRICT, WITHOUT ROWID;
`,
  /* degraded stretches (issue 16): runs of confirmed degraded state, stored like incidents */ `
-- A maximal run of confirmed degraded state for one monitor: counted as up, reported as its own time.
CREATE TABLE degraded_stretches (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  monitor_id INTEGER NOT NULL REFERENCES monitors(id) ON DELETE CASCADE,
  started_at INTEGER NOT NULL,
  ended_at INTEGER,
  reason_code TEXT,
  reason TEXT,
  worst_latency INTEGER,
  probes INTEGER NOT NULL
) STRICT;
CREATE INDEX degraded_by_monitor ON degraded_stretches (monitor_id, started_at);
CREATE INDEX degraded_by_recency ON degraded_stretches ((ended_at IS NULL) DESC, started_at DESC);
`,
  /* workspace file (issue 21): the file's stable slugs for database rows, and named sealed secrets (store/workspace.ts) */ `
-- section = 'monitors' | 'windows' | 'peaks' | 'channels'; a renamed item keeps its row, so its history stays.
-- refs = the file's secret references of the item (JSON path -> text), so an export writes them back.
CREATE TABLE workspace_ids (
  section TEXT NOT NULL,
  slug TEXT NOT NULL,
  db_id INTEGER NOT NULL,
  refs TEXT,
  PRIMARY KEY (section, slug)
) STRICT, WITHOUT ROWID;
CREATE UNIQUE INDEX workspace_ids_by_db ON workspace_ids (section, db_id);
-- What a file's secret:NAME references resolve to; sealed like monitor secrets (secrets/box.ts).
CREATE TABLE named_secrets (
  name TEXT PRIMARY KEY,
  sealed TEXT NOT NULL,
  updated_at INTEGER NOT NULL
) STRICT, WITHOUT ROWID;
`,
  /* probe memory (issue 19): what a probe remembers between runs (HLS sequences), kept across restarts (store/probe-memory.ts) */ `
CREATE TABLE probe_memory (
  monitor_id INTEGER NOT NULL REFERENCES monitors(id) ON DELETE CASCADE,
  key TEXT NOT NULL,
  value TEXT NOT NULL,
  updated_at INTEGER NOT NULL,
  PRIMARY KEY (monitor_id, key)
) STRICT, WITHOUT ROWID;
`,
  /* load checks and their runs, deploy markers (issue 23): store/load-checks.ts, store/deploys.ts */ `
-- body = the check as validated (shared/loadcheck.ts).
CREATE TABLE load_checks (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  body TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
) STRICT;
-- One row per run; host is what monitors' charts match their own host against (the run's span).
CREATE TABLE load_runs (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  check_id INTEGER NOT NULL REFERENCES load_checks(id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  host TEXT NOT NULL,
  target TEXT NOT NULL,
  started_at INTEGER NOT NULL,
  ended_at INTEGER,
  outcome TEXT NOT NULL,
  reason TEXT,
  verdict TEXT,
  planned INTEGER NOT NULL,
  summary TEXT,
  card TEXT
) STRICT;
CREATE INDEX load_runs_by_check ON load_runs (check_id, id);
CREATE INDEX load_runs_by_host ON load_runs (host, started_at);
-- monitor_ids = JSON array of the monitors the deploy affects (a group's members when it was recorded).
CREATE TABLE deploys (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  at INTEGER NOT NULL,
  group_name TEXT,
  monitor_ids TEXT NOT NULL,
  version TEXT NOT NULL,
  note TEXT NOT NULL,
  source TEXT NOT NULL,
  window_sec INTEGER NOT NULL,
  verdict TEXT,
  comparison TEXT,
  evaluated_at INTEGER,
  created_at INTEGER NOT NULL
) STRICT;
CREATE INDEX deploys_by_at ON deploys (at);
`,
  /* remote vantage points (issue 22): what Prometheus' blackbox_exporters saw, apart from local results (store/vantage-results.ts) */ `
-- A monitor's remote vantage option (JSON, shared/vantage.ts); NULL = local only.
ALTER TABLE monitors ADD COLUMN vantage TEXT;
-- Vantage names (regions) once, so each result row carries a small integer.
CREATE TABLE vantages (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE
) STRICT;
-- One row per Prometheus step that had a fresh sample: status 1 = up, 0 = down (no row = unknown).
CREATE TABLE vantage_results (
  monitor_id INTEGER NOT NULL REFERENCES monitors(id) ON DELETE CASCADE,
  vantage_id INTEGER NOT NULL,
  ts INTEGER NOT NULL,
  up INTEGER NOT NULL,
  latency_ms INTEGER,
  PRIMARY KEY (monitor_id, vantage_id, ts)
) STRICT, WITHOUT ROWID;
`,
  /* notices sent through an alert channel (issue 17): the sent copy, its recipients and the server's answer, with the draft */ `
CREATE TABLE draft_sends (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  draft_id INTEGER NOT NULL REFERENCES drafts(id) ON DELETE CASCADE,
  at INTEGER NOT NULL,
  channel_id INTEGER NOT NULL,
  channel_name TEXT NOT NULL,
  channel_kind TEXT NOT NULL,
  recipients TEXT NOT NULL,
  subject TEXT NOT NULL,
  text TEXT NOT NULL,
  ok INTEGER NOT NULL CHECK (ok IN (0, 1)),
  answer TEXT NOT NULL
) STRICT;
CREATE INDEX draft_sends_by_draft ON draft_sends (draft_id, at);
`,
  /* remote vantages' HTTP timing phases (issue 22), whole ms like results' own; NULL when the blackbox module has none */ `
ALTER TABLE vantage_results ADD COLUMN dns INTEGER;
ALTER TABLE vantage_results ADD COLUMN connect INTEGER;
ALTER TABLE vantage_results ADD COLUMN tls INTEGER;
ALTER TABLE vantage_results ADD COLUMN ttfb INTEGER;
ALTER TABLE vantage_results ADD COLUMN download INTEGER;
`,
  /* per-recipient delivery of an outbox message (SMS: one request per number), so a retry skips who already has it (store/alert-outbox.ts) */ `
-- ok = 1: delivered (kept as is); ok = 0: the newest error while the recipient is still owed.
CREATE TABLE alert_recipients (
  outbox_id INTEGER NOT NULL REFERENCES alert_outbox(id) ON DELETE CASCADE,
  recipient TEXT NOT NULL,
  ok INTEGER NOT NULL CHECK (ok IN (0, 1)),
  at INTEGER NOT NULL,
  answer TEXT NOT NULL,
  code TEXT,
  PRIMARY KEY (outbox_id, recipient)
) STRICT, WITHOUT ROWID;
`,
  /* 17: paused spans (store/gaps.ts): time the operator chose not to measure, excluded from uptime like a gap */ `
-- monitor_id NULL = "pause all" (every monitor); ended_at NULL while still paused.
CREATE TABLE pauses (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  monitor_id INTEGER REFERENCES monitors(id) ON DELETE CASCADE,
  started_at INTEGER NOT NULL,
  ended_at INTEGER,
  CHECK (ended_at IS NULL OR ended_at >= started_at)
) STRICT;
CREATE INDEX pauses_by_end ON pauses (ended_at);
`,
];

export const SCHEMA_VERSION = MIGRATIONS.length;

/** Tables a database at SCHEMA_VERSION must have; used to recognise a damaged or foreign file. */
export const REQUIRED_TABLES = ['monitors', 'results', 'rollups', 'settings'] as const;
