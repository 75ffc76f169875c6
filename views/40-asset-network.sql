-- Network facts per Azure VM: its primary NIC (the one marked primary, else the first by id), that
-- NIC's MAC and first private address, the first public IP attached to any of its ip configurations,
-- and its exposure: a public IP, and a NIC security rule that lets the internet reach a management
-- port (22 or 3389). Subnet-level NSGs are not considered.
CREATE VIEW asset_network AS
SELECT
  vm.id AS vm_id,
  nic.id AS nic_id,
  nic.mac_address,
  nic.private_ip_address,
  -- the primary NIC's first public IP, else any NIC's (no outer column in ORDER BY: SQLite before 3.45 refuses it)
  COALESCE(
    (SELECT p.ip_address FROM azure_public_ip_addresses p
     WHERE p.ip_configuration_id LIKE nic.id || '/%' AND p.deleted_at IS NULL AND p.ip_address IS NOT NULL
     ORDER BY p.id LIMIT 1),
    (SELECT p.ip_address FROM azure_public_ip_addresses p JOIN azure_network_interfaces n ON p.ip_configuration_id LIKE n.id || '/%'
     WHERE n.virtual_machine_id = vm.id AND n.deleted_at IS NULL AND p.deleted_at IS NULL AND p.ip_address IS NOT NULL
     ORDER BY p.id LIMIT 1)) AS ip_address,
  COALESCE(
    (SELECT p.fqdn FROM azure_public_ip_addresses p
     WHERE p.ip_configuration_id LIKE nic.id || '/%' AND p.deleted_at IS NULL AND p.fqdn IS NOT NULL
     ORDER BY p.id LIMIT 1),
    (SELECT p.fqdn FROM azure_public_ip_addresses p JOIN azure_network_interfaces n ON p.ip_configuration_id LIKE n.id || '/%'
     WHERE n.virtual_machine_id = vm.id AND n.deleted_at IS NULL AND p.deleted_at IS NULL AND p.fqdn IS NOT NULL
     ORDER BY p.id LIMIT 1)) AS fqdn,
  CASE WHEN EXISTS (
    SELECT 1 FROM azure_network_interfaces n JOIN azure_public_ip_addresses p ON p.ip_configuration_id LIKE n.id || '/%'
    WHERE n.virtual_machine_id = vm.id AND n.deleted_at IS NULL AND p.deleted_at IS NULL) THEN 1 ELSE 0 END AS has_public_ip,
  CASE WHEN EXISTS (
    SELECT 1 FROM azure_network_interfaces n
    JOIN azure_network_security_group_rules r ON r.nsg_id = n.network_security_group_id AND r.deleted_at IS NULL
    WHERE n.virtual_machine_id = vm.id AND n.deleted_at IS NULL
      AND lower(r.direction) = 'inbound' AND lower(r.access) = 'allow'
      AND (r.source_address_prefix IN ('*', 'Internet', '0.0.0.0/0', 'Any')
           OR CAST(r.source_address_prefixes AS TEXT) LIKE '%"0.0.0.0/0"%')
      AND ((r.destination_port_low <= 22 AND r.destination_port_high >= 22)
           OR (r.destination_port_low <= 3389 AND r.destination_port_high >= 3389)
           OR CAST(r.destination_port_ranges AS TEXT) LIKE '%"22"%'
           OR CAST(r.destination_port_ranges AS TEXT) LIKE '%"3389"%')) THEN 1 ELSE 0 END AS management_port_open
FROM azure_virtual_machines vm
LEFT JOIN azure_network_interfaces nic ON nic.id = (
  SELECT n.id FROM azure_network_interfaces n
  WHERE n.virtual_machine_id = vm.id AND n.deleted_at IS NULL
  ORDER BY CASE WHEN n.primary_nic = true THEN 0 ELSE 1 END, n.id LIMIT 1)
