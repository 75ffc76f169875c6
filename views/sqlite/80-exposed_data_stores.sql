-- Storage accounts and key vaults reachable from the internet: public network access not
-- disabled and network rules that allow by default (plus, for storage, whether anonymous blob access
-- is allowed), from the whole inventory (azure_resources).
CREATE VIEW exposed_data_stores AS
SELECT r.id, r.type, r.name, r.subscription_id, r.resource_group, r.location,
  json_extract(r.properties, '$.publicNetworkAccess') AS public_network_access,
  json_extract(r.properties, '$.networkAcls.defaultAction') AS network_default_action,
  CASE WHEN json_extract(r.properties, '$.allowBlobPublicAccess') IN (1, 'true') THEN 1 ELSE 0 END AS anonymous_blob_access,
  r.connector
FROM azure_resources r
WHERE r.deleted_at IS NULL
  AND r.type IN ('microsoft.storage/storageaccounts', 'microsoft.keyvault/vaults')
  AND COALESCE(lower(json_extract(r.properties, '$.publicNetworkAccess')), 'enabled') <> 'disabled'
  AND COALESCE(lower(json_extract(r.properties, '$.networkAcls.defaultAction')), 'allow') = 'allow'
