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
  SELECT o.*, 'password' AS credential_type, c FROM owners o CROSS JOIN LATERAL jsonb_array_elements(COALESCE(o.password_credentials, '[]'::jsonb)) c
  UNION ALL
  SELECT o.*, 'certificate', c FROM owners o CROSS JOIN LATERAL jsonb_array_elements(COALESCE(o.key_credentials, '[]'::jsonb)) c
)
SELECT owner_type, id AS owner_id, app_id, display_name AS owner_name, credential_type,
  c->>'keyId' AS key_id, c->>'displayName' AS credential_name, (c->>'startDateTime')::timestamptz AS start_date_time,
  (c->>'endDateTime')::timestamptz AS end_date_time,
  trunc(EXTRACT(EPOCH FROM ((c->>'endDateTime')::timestamptz - now())) / 86400)::integer AS days_to_expiry,
  CASE WHEN (c->>'endDateTime')::timestamptz < now() THEN 1 ELSE 0 END AS expired, connector
FROM credentials
