-- azsync's fixed tables, version 1: the run ledger, checkpoints, delta state, connector states, leases and
-- process heartbeats, and the unified model's tables. Entity tables are not here: they follow the
-- transform maps (created and widened at start, never dropped). A database made before versioned
-- migrations already has these tables: IF NOT EXISTS leaves them as they are.

CREATE TABLE IF NOT EXISTS sync_runs (
  run_id INTEGER PRIMARY KEY AUTOINCREMENT,
  connector TEXT NOT NULL,
  stream TEXT NOT NULL,
  trigger TEXT NOT NULL,
  state TEXT NOT NULL,
  started_at TEXT NOT NULL,
  finished_at TEXT,
  pages BIGINT NOT NULL DEFAULT 0,
  records_read BIGINT NOT NULL DEFAULT 0,
  records_written BIGINT NOT NULL DEFAULT 0,
  records_unchanged BIGINT NOT NULL DEFAULT 0,
  records_rejected BIGINT NOT NULL DEFAULT 0,
  records_deleted BIGINT NOT NULL DEFAULT 0,
  error TEXT,
  owner TEXT
);

CREATE INDEX IF NOT EXISTS sync_runs_stream_idx ON sync_runs (connector, stream, started_at);

CREATE TABLE IF NOT EXISTS rejected_records (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  run_id BIGINT NOT NULL,
  connector TEXT NOT NULL,
  stream TEXT NOT NULL,
  reason TEXT NOT NULL,
  raw_payload TEXT,
  rejected_at TEXT NOT NULL
);

CREATE INDEX IF NOT EXISTS rejected_records_run_idx ON rejected_records (run_id);

CREATE TABLE IF NOT EXISTS sync_state (
  connector TEXT NOT NULL,
  stream TEXT NOT NULL,
  delta_link TEXT NOT NULL,
  fingerprint TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  full_read_at TEXT,
  PRIMARY KEY (connector, stream)
);

CREATE TABLE IF NOT EXISTS sync_checkpoints (
  connector TEXT NOT NULL,
  stream TEXT NOT NULL,
  run_ids TEXT NOT NULL,
  resume_token TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  blocked_reason TEXT,
  PRIMARY KEY (connector, stream)
);

CREATE TABLE IF NOT EXISTS connector_states (
  connector TEXT PRIMARY KEY,
  state TEXT NOT NULL,
  next_fire_time TEXT,
  last_run_start TEXT,
  last_run_end TEXT,
  consecutive_failures BIGINT NOT NULL DEFAULT 0,
  last_error TEXT,
  updated_at TEXT NOT NULL
);

CREATE TABLE IF NOT EXISTS azsync_processes (
  holder TEXT PRIMARY KEY,
  started_at TEXT NOT NULL,
  heartbeat_at TEXT NOT NULL,
  expires_ms BIGINT NOT NULL
);

CREATE TABLE IF NOT EXISTS stream_leases (
  connector TEXT NOT NULL,
  stream TEXT NOT NULL,
  holder TEXT NOT NULL,
  run_id BIGINT NOT NULL,
  acquired_at TEXT NOT NULL,
  PRIMARY KEY (connector, stream)
);

CREATE TABLE IF NOT EXISTS severity_scores (
  connector TEXT NOT NULL,
  source_value TEXT NOT NULL,
  severity INTEGER NOT NULL,
  score INTEGER NOT NULL,
  PRIMARY KEY (connector, source_value)
);

CREATE TABLE IF NOT EXISTS identification_rules (
  connector TEXT NOT NULL,
  rule TEXT NOT NULL,
  rule_rank INTEGER NOT NULL,
  enabled INTEGER NOT NULL,
  PRIMARY KEY (connector, rule)
);
