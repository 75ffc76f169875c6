-- Privileged role assignments (Owner, Contributor, User Access Administrator, Role Based Access
-- Control Administrator, or any role named ...Administrator) given to a guest user, or to a service
-- principal whose credentials (its own or its application's) expire within 30 days or have expired.
CREATE VIEW privileged_access_risks AS
SELECT a.assignment_id, a.principal_id, a.principal_type, a.principal_name, a.role_name, a.scope, a.scope_level,
  CASE WHEN a.principal_is_guest = 1 THEN 'guest' ELSE 'expiring credential' END AS risk,
  (SELECT MIN(c.days_to_expiry) FROM entra_expiring_credentials c
   WHERE c.connector = a.connector AND (c.owner_id = a.principal_id OR c.app_id = sp.app_id)) AS days_to_expiry,
  a.connector
FROM azure_access a
LEFT JOIN entra_service_principals sp ON sp.id = a.principal_id AND sp.deleted_at IS NULL
WHERE (a.role_name IN ('Owner', 'Contributor', 'User Access Administrator', 'Role Based Access Control Administrator')
       OR a.role_name LIKE '%Administrator')
  AND (a.principal_is_guest = 1
       OR (lower(a.principal_type) = 'serviceprincipal' AND EXISTS (SELECT 1 FROM entra_expiring_credentials c
           WHERE c.connector = a.connector AND (c.owner_id = a.principal_id OR c.app_id = sp.app_id) AND c.days_to_expiry <= 30)))
