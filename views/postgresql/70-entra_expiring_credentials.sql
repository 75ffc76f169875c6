-- Credentials of application registrations and service principals (key ids, names, dates: never a
-- secret value), one row each, with the days left until they expire (negative: expired).
CREATE VIEW entra_expiring_credentials AS
SELECT 'application' AS owner_type, o.id AS owner_id, o.app_id, o.display_name AS owner_name, 'password' AS credential_type,
  c->>'keyId' AS key_id, c->>'displayName' AS credential_name, (c->>'startDateTime')::timestamptz AS start_date_time,
  (c->>'endDateTime')::timestamptz AS end_date_time,
  trunc(EXTRACT(EPOCH FROM ((c->>'endDateTime')::timestamptz - now())) / 86400)::integer AS days_to_expiry,
  CASE WHEN (c->>'endDateTime')::timestamptz < now() THEN 1 ELSE 0 END AS expired, o.connector
FROM entra_applications o CROSS JOIN LATERAL jsonb_array_elements(COALESCE(o.password_credentials, '[]'::jsonb)) c
WHERE o.deleted_at IS NULL
UNION ALL
SELECT 'application' AS owner_type, o.id AS owner_id, o.app_id, o.display_name AS owner_name, 'certificate' AS credential_type,
  c->>'keyId' AS key_id, c->>'displayName' AS credential_name, (c->>'startDateTime')::timestamptz AS start_date_time,
  (c->>'endDateTime')::timestamptz AS end_date_time,
  trunc(EXTRACT(EPOCH FROM ((c->>'endDateTime')::timestamptz - now())) / 86400)::integer AS days_to_expiry,
  CASE WHEN (c->>'endDateTime')::timestamptz < now() THEN 1 ELSE 0 END AS expired, o.connector
FROM entra_applications o CROSS JOIN LATERAL jsonb_array_elements(COALESCE(o.key_credentials, '[]'::jsonb)) c
WHERE o.deleted_at IS NULL
UNION ALL
SELECT 'service principal' AS owner_type, o.id AS owner_id, o.app_id, o.display_name AS owner_name, 'password' AS credential_type,
  c->>'keyId' AS key_id, c->>'displayName' AS credential_name, (c->>'startDateTime')::timestamptz AS start_date_time,
  (c->>'endDateTime')::timestamptz AS end_date_time,
  trunc(EXTRACT(EPOCH FROM ((c->>'endDateTime')::timestamptz - now())) / 86400)::integer AS days_to_expiry,
  CASE WHEN (c->>'endDateTime')::timestamptz < now() THEN 1 ELSE 0 END AS expired, o.connector
FROM entra_service_principals o CROSS JOIN LATERAL jsonb_array_elements(COALESCE(o.password_credentials, '[]'::jsonb)) c
WHERE o.deleted_at IS NULL
UNION ALL
SELECT 'service principal' AS owner_type, o.id AS owner_id, o.app_id, o.display_name AS owner_name, 'certificate' AS credential_type,
  c->>'keyId' AS key_id, c->>'displayName' AS credential_name, (c->>'startDateTime')::timestamptz AS start_date_time,
  (c->>'endDateTime')::timestamptz AS end_date_time,
  trunc(EXTRACT(EPOCH FROM ((c->>'endDateTime')::timestamptz - now())) / 86400)::integer AS days_to_expiry,
  CASE WHEN (c->>'endDateTime')::timestamptz < now() THEN 1 ELSE 0 END AS expired, o.connector
FROM entra_service_principals o CROSS JOIN LATERAL jsonb_array_elements(COALESCE(o.key_credentials, '[]'::jsonb)) c
WHERE o.deleted_at IS NULL
