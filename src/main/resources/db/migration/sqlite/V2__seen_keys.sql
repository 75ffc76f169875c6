-- Version 2: re-syncs no longer write unchanged rows. What a run saw is kept here, one row per
-- committed page and table (the seen keys' 64-bit hashes, 8 bytes each), in the page's transaction,
-- so a resumed run still knows what the run it resumes saw. Deletion detection reads it after the
-- last page; the rows of a stream are removed when its run ends or a fresh run starts.
CREATE TABLE IF NOT EXISTS sync_seen_keys (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  run_id BIGINT NOT NULL,
  connector TEXT NOT NULL,
  stream TEXT NOT NULL,
  table_name TEXT NOT NULL,
  key_columns TEXT NOT NULL,
  key_hashes BLOB NOT NULL
);

CREATE INDEX IF NOT EXISTS sync_seen_keys_stream_idx ON sync_seen_keys (connector, stream, table_name);

-- When a table's live rows were last all confirmed present by a run of the connector (a complete
-- full read that marked the rows it did not see, or a complete delta round): the last_seen_at of a
-- live row that has not changed since. scope_value is a subscription id for a run limited to
-- explicit subscriptions, '*' for the connector's whole scope.
CREATE TABLE IF NOT EXISTS table_sightings (
  connector TEXT NOT NULL,
  table_name TEXT NOT NULL,
  scope_value TEXT NOT NULL,
  seen_at TEXT NOT NULL,
  run_id BIGINT NOT NULL,
  PRIMARY KEY (connector, table_name, scope_value)
);

-- A run interrupted before the upgrade kept no seen keys for the pages it loaded: resuming it would
-- leave those pages' rows unseen and mark them deleted. Such a run starts over from its first page.
DELETE FROM sync_checkpoints;
