-- Version 5: ledger columns that releases before versioned migrations added one by one. A database
-- made by such a release and baselined at version 0 may lack them; version 1 made them for every
-- newer one, so on those this changes nothing.
ALTER TABLE sync_runs ADD COLUMN IF NOT EXISTS owner TEXT;
ALTER TABLE sync_checkpoints ADD COLUMN IF NOT EXISTS blocked_reason TEXT;
ALTER TABLE sync_state ADD COLUMN IF NOT EXISTS full_read_at TIMESTAMPTZ;
