-- Host assets: one row per Azure VM (asset_uid 'azure:<VM id>'), enriched with its network facts,
-- the Entra device matched to it and its open findings; plus one row per Entra device that matches
-- no VM (asset_uid 'entra:<device object id>'), unless exclude-unknown-assets is on.
-- risk_score (0-100) = highest open finding score
--                    + 2 for each further open finding (at most +20)
--                    + 20 when a public IP reaches a management port (22/3389) from the internet,
--                      else + 10 when the VM has a public IP
--                    capped at 100.
CREATE VIEW assets AS
SELECT
  'azure:' || vm.id AS asset_uid,
  vm.vm_id AS external_asset_id,
  vm.id AS azure_resource_id,
  vm.name AS asset_name,
  COALESCE(vm.computer_name, vm.name) AS hostname,
  vm.image_offer AS operating_system_name,
  vm.image_version AS operating_system_version,
  vm.os_type,
  net.mac_address,
  net.private_ip_address,
  net.ip_address,
  net.fqdn,
  vm.subscription_id,
  vm.resource_group,
  vm.location,
  vm.tags,
  CASE WHEN m.device_id IS NULL THEN 'azure' ELSE 'azure,entra' END AS sources,
  m.device_id AS entra_device_id,
  m.rule AS identified_by,
  CASE WHEN vm.deleted_at IS NULL THEN 1 ELSE 0 END AS is_active,
  net.has_public_ip,
  net.management_port_open,
  COALESCE(f.open_findings, 0) AS open_findings,
  f.max_finding_severity,
  CASE WHEN base.risk > 100 THEN 100 ELSE base.risk END AS risk_score,
  vm.first_seen_at,
  -- last seen: the later of the row's last write and the last run that confirmed every live row of its table
  CASE WHEN vm.deleted_at IS NULL THEN COALESCE((SELECT CASE WHEN MAX(s.seen_at) > vm.last_seen_at THEN MAX(s.seen_at) END
    FROM table_sightings s WHERE s.connector = vm.connector AND s.table_name = 'azure_virtual_machines' AND s.scope_value IN ('*', vm.subscription_id)), vm.last_seen_at)
    ELSE vm.last_seen_at END AS last_seen_at,
  vm.deleted_at
FROM azure_virtual_machines vm
LEFT JOIN asset_network net ON net.vm_id = vm.id
LEFT JOIN (SELECT vm_id, MIN(device_id) AS device_id, MIN(rule) AS rule FROM asset_device_matches GROUP BY vm_id) m ON m.vm_id = vm.id
LEFT JOIN (
  SELECT asset_uid, COUNT(*) AS open_findings, MAX(finding_severity) AS max_finding_severity, MAX(finding_score) AS max_finding_score
  FROM findings WHERE finding_status = 'open' AND deleted_at IS NULL GROUP BY asset_uid
) f ON f.asset_uid = 'azure:' || vm.id
JOIN (
  SELECT v.id AS vm_id,
    COALESCE(ff.max_score, 0)
    + 2 * (CASE WHEN COALESCE(ff.open_count, 0) > 11 THEN 10 WHEN COALESCE(ff.open_count, 0) > 1 THEN ff.open_count - 1 ELSE 0 END)
    + (CASE WHEN n.has_public_ip = 1 AND n.management_port_open = 1 THEN 20 WHEN n.has_public_ip = 1 THEN 10 ELSE 0 END) AS risk
  FROM azure_virtual_machines v
  LEFT JOIN asset_network n ON n.vm_id = v.id
  LEFT JOIN (SELECT asset_uid, COUNT(*) AS open_count, MAX(finding_score) AS max_score FROM findings
             WHERE finding_status = 'open' AND deleted_at IS NULL GROUP BY asset_uid) ff ON ff.asset_uid = 'azure:' || v.id
) base ON base.vm_id = vm.id
UNION ALL
SELECT
  'entra:' || d.id,
  d.device_id,
  NULL,
  d.display_name,
  d.display_name,
  d.operating_system,
  d.operating_system_version,
  lower(d.operating_system),
  d.mac_address,
  NULL,
  NULL,
  NULL,
  NULL,
  NULL,
  NULL,
  NULL,
  'entra',
  d.id,
  NULL,
  CASE WHEN d.deleted_at IS NULL AND ({{include_inactive}} OR d.account_enabled = true) THEN 1 ELSE 0 END,
  0,
  0,
  0,
  NULL,
  0,
  d.first_seen_at,
  -- last seen: the later of the row's last write and the last run that confirmed every live row of its table
  CASE WHEN d.deleted_at IS NULL THEN COALESCE((SELECT CASE WHEN MAX(s.seen_at) > d.last_seen_at THEN MAX(s.seen_at) END
    FROM table_sightings s WHERE s.connector = d.connector AND s.table_name = 'entra_devices' AND s.scope_value = '*'), d.last_seen_at)
    ELSE d.last_seen_at END AS last_seen_at,
  d.deleted_at
FROM entra_devices d
WHERE NOT {{exclude_unknown_assets}}
  AND NOT EXISTS (SELECT 1 FROM asset_device_matches m WHERE m.device_id = d.id)
