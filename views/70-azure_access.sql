-- Who can do what where: every live Azure RBAC role assignment with its role's name, the principal
-- it is given to (an Entra user, group or service principal, when those streams are on), and the
-- level of its scope (root, management group, subscription, resource group, resource).
CREATE VIEW azure_access AS
SELECT
  ra.id AS assignment_id,
  ra.principal_id,
  ra.principal_type,
  COALESCE(u.user_principal_name, g.display_name, sp.display_name) AS principal_name,
  CASE WHEN u.id IS NOT NULL AND lower(u.user_type) = 'guest' THEN 1 ELSE 0 END AS principal_is_guest,
  ra.role_definition_name AS role_definition_guid,
  rd.role_name,
  ra.scope,
  CASE
    WHEN ra.scope = '/' THEN 'root'
    WHEN ra.scope LIKE '/providers/microsoft.management/managementgroups/%' THEN 'management group'
    WHEN ra.scope LIKE '/subscriptions/%/resourcegroups/%/providers/%' THEN 'resource'
    WHEN ra.scope LIKE '/subscriptions/%/resourcegroups/%' THEN 'resource group'
    WHEN ra.scope LIKE '/subscriptions/%' THEN 'subscription'
    ELSE 'other'
  END AS scope_level,
  ra.subscription_id,
  ra.condition,
  ra.connector,
  ra.created_on
FROM azure_role_assignments ra
LEFT JOIN (SELECT connector, name, MAX(role_name) AS role_name FROM azure_role_definitions WHERE deleted_at IS NULL
           GROUP BY connector, name) rd ON rd.connector = ra.connector AND rd.name = ra.role_definition_name
LEFT JOIN entra_users u ON u.id = ra.principal_id AND u.deleted_at IS NULL
LEFT JOIN entra_groups g ON g.id = ra.principal_id AND g.deleted_at IS NULL
LEFT JOIN entra_service_principals sp ON sp.id = ra.principal_id AND sp.deleted_at IS NULL
WHERE ra.deleted_at IS NULL
