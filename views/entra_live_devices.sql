-- Devices that count as live: not deleted, and enabled unless AZSYNC_ENTRA_INCLUDE_INACTIVE=true.
CREATE VIEW entra_live_devices AS
SELECT *
FROM entra_devices
WHERE deleted_at IS NULL AND ({{include_inactive}} OR account_enabled = true)
