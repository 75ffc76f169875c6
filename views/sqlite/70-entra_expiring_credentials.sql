-- Credentials of application registrations and service principals (key ids, names, dates: never a
-- secret value), one row each, with the days left until they expire (negative: expired).
CREATE VIEW entra_expiring_credentials AS
SELECT 'application' AS owner_type, o.id AS owner_id, o.app_id, o.display_name AS owner_name, 'password' AS credential_type,
  json_extract(c.value, '$.keyId') AS key_id, json_extract(c.value, '$.displayName') AS credential_name,
  json_extract(c.value, '$.startDateTime') AS start_date_time, json_extract(c.value, '$.endDateTime') AS end_date_time,
  CAST(julianday(json_extract(c.value, '$.endDateTime')) - julianday('now') AS INTEGER) AS days_to_expiry,
  CASE WHEN julianday(json_extract(c.value, '$.endDateTime')) < julianday('now') THEN 1 ELSE 0 END AS expired, o.connector
FROM entra_applications o, json_each(COALESCE(o.password_credentials, '[]')) c
WHERE o.deleted_at IS NULL
UNION ALL
SELECT 'application' AS owner_type, o.id AS owner_id, o.app_id, o.display_name AS owner_name, 'certificate' AS credential_type,
  json_extract(c.value, '$.keyId') AS key_id, json_extract(c.value, '$.displayName') AS credential_name,
  json_extract(c.value, '$.startDateTime') AS start_date_time, json_extract(c.value, '$.endDateTime') AS end_date_time,
  CAST(julianday(json_extract(c.value, '$.endDateTime')) - julianday('now') AS INTEGER) AS days_to_expiry,
  CASE WHEN julianday(json_extract(c.value, '$.endDateTime')) < julianday('now') THEN 1 ELSE 0 END AS expired, o.connector
FROM entra_applications o, json_each(COALESCE(o.key_credentials, '[]')) c
WHERE o.deleted_at IS NULL
UNION ALL
SELECT 'service principal' AS owner_type, o.id AS owner_id, o.app_id, o.display_name AS owner_name, 'password' AS credential_type,
  json_extract(c.value, '$.keyId') AS key_id, json_extract(c.value, '$.displayName') AS credential_name,
  json_extract(c.value, '$.startDateTime') AS start_date_time, json_extract(c.value, '$.endDateTime') AS end_date_time,
  CAST(julianday(json_extract(c.value, '$.endDateTime')) - julianday('now') AS INTEGER) AS days_to_expiry,
  CASE WHEN julianday(json_extract(c.value, '$.endDateTime')) < julianday('now') THEN 1 ELSE 0 END AS expired, o.connector
FROM entra_service_principals o, json_each(COALESCE(o.password_credentials, '[]')) c
WHERE o.deleted_at IS NULL
UNION ALL
SELECT 'service principal' AS owner_type, o.id AS owner_id, o.app_id, o.display_name AS owner_name, 'certificate' AS credential_type,
  json_extract(c.value, '$.keyId') AS key_id, json_extract(c.value, '$.displayName') AS credential_name,
  json_extract(c.value, '$.startDateTime') AS start_date_time, json_extract(c.value, '$.endDateTime') AS end_date_time,
  CAST(julianday(json_extract(c.value, '$.endDateTime')) - julianday('now') AS INTEGER) AS days_to_expiry,
  CASE WHEN julianday(json_extract(c.value, '$.endDateTime')) < julianday('now') THEN 1 ELSE 0 END AS expired, o.connector
FROM entra_service_principals o, json_each(COALESCE(o.key_credentials, '[]')) c
WHERE o.deleted_at IS NULL
