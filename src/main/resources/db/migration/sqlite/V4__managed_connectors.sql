-- Version 4: connectors created over the REST API live in the database, so every node of a cluster
-- sees them and a restart keeps them. The definition is JSON without its credential; the credential
-- (client secret or PEM certificate) is sealed with AES-GCM under AZSYNC_SECRET_KEY (SecretBox).
CREATE TABLE IF NOT EXISTS managed_connectors (
  name TEXT PRIMARY KEY,
  definition TEXT NOT NULL,
  credential TEXT NOT NULL,
  activated_at TEXT,
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  updated_by TEXT NOT NULL
);

-- What was done to a connector besides syncing it (created, updated, deleted, tested, enabled, disabled,
-- activated): the integration history shows these with the sync runs.
CREATE TABLE IF NOT EXISTS connector_events (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  connector TEXT NOT NULL,
  action TEXT NOT NULL,
  started_at TEXT NOT NULL,
  finished_at TEXT NOT NULL,
  started_by TEXT NOT NULL,
  status TEXT NOT NULL,
  detail TEXT
);

CREATE INDEX IF NOT EXISTS connector_events_connector_idx ON connector_events (connector, started_at);
