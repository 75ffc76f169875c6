-- Credentials of application registrations and service principals (key ids, names, dates: never a
-- secret value), one row each, with the days left until they expire (negative: expired).
CREATE VIEW entra_expiring_credentials AS
WITH owners AS (
  SELECT 'application' AS owner_type, id, app_id, display_name, password_credentials, key_credentials, connector
  FROM entra_applications WHERE deleted_at IS NULL
  UNION ALL
  SELECT 'service principal', id, app_id, display_name, password_credentials, key_credentials, connector
  FROM entra_service_principals WHERE deleted_at IS NULL
), credentials AS (
  SELECT o.*, 'password' AS credential_type, c.value AS c FROM owners o, json_each(COALESCE(o.password_credentials, '[]')) c
  UNION ALL
  SELECT o.*, 'certificate', c.value FROM owners o, json_each(COALESCE(o.key_credentials, '[]')) c
)
SELECT owner_type, id AS owner_id, app_id, display_name AS owner_name, credential_type,
  json_extract(c, '$.keyId') AS key_id, json_extract(c, '$.displayName') AS credential_name,
  json_extract(c, '$.startDateTime') AS start_date_time, json_extract(c, '$.endDateTime') AS end_date_time,
  CAST(julianday(json_extract(c, '$.endDateTime')) - julianday('now') AS INTEGER) AS days_to_expiry,
  CASE WHEN julianday(json_extract(c, '$.endDateTime')) < julianday('now') THEN 1 ELSE 0 END AS expired, connector
FROM credentials
