-- Users that count as live: not deleted, and enabled unless AZSYNC_ENTRA_INCLUDE_INACTIVE=true.
-- Disabled users are always stored in entra_users (flagged by account_enabled); this view decides what is live.
CREATE VIEW entra_live_users AS
SELECT *
FROM entra_users
WHERE deleted_at IS NULL AND ({{include_inactive}} OR account_enabled = true)
