-- Which Entra ID device is which Azure VM: every enabled identification rule (model/identification.yaml
-- → identification_rules) proposes pairs; per device the rule of the lowest rank wins, and among its
-- VMs the first by id.
CREATE VIEW asset_device_matches AS
WITH candidates AS (
  SELECT d.id AS device_id, vm.id AS vm_id, r.rule_rank AS rule_rank, r.rule AS rule
  FROM entra_devices d
  JOIN azure_virtual_machines vm ON vm.id = d.azure_resource_id AND vm.deleted_at IS NULL
  JOIN identification_rules r ON r.connector = vm.connector AND r.rule = 'azure-resource-id' AND r.enabled = 1
  WHERE d.deleted_at IS NULL
  UNION ALL
  SELECT d.id, vm.id, r.rule_rank, r.rule
  FROM entra_devices d
  JOIN azure_virtual_machines vm ON lower(vm.vm_id) = d.azure_vm_id AND vm.deleted_at IS NULL
  JOIN identification_rules r ON r.connector = vm.connector AND r.rule = 'vm-id' AND r.enabled = 1
  WHERE d.deleted_at IS NULL
  UNION ALL
  SELECT d.id, vm.id, r.rule_rank, r.rule
  FROM entra_devices d
  JOIN azure_virtual_machines vm ON lower(vm.computer_name) = lower(d.display_name) AND vm.connector = d.connector AND vm.deleted_at IS NULL
  JOIN identification_rules r ON r.connector = vm.connector AND r.rule = 'entra-device' AND r.enabled = 1
  WHERE d.deleted_at IS NULL
  UNION ALL
  SELECT d.id, vm.id, r.rule_rank, r.rule
  FROM entra_devices d
  JOIN azure_network_interfaces n ON upper(replace(n.mac_address, ':', '-')) = upper(replace(d.mac_address, ':', '-')) AND n.deleted_at IS NULL
  JOIN azure_virtual_machines vm ON vm.id = n.virtual_machine_id AND vm.deleted_at IS NULL
  JOIN identification_rules r ON r.connector = vm.connector AND r.rule = 'mac-address' AND r.enabled = 1
  WHERE d.deleted_at IS NULL AND d.mac_address IS NOT NULL
  UNION ALL
  SELECT d.id, vm.id, r.rule_rank, r.rule
  FROM entra_devices d
  JOIN azure_virtual_machines vm ON (lower(vm.computer_name) = lower(d.display_name) OR lower(vm.name) = lower(d.display_name)) AND vm.deleted_at IS NULL
  JOIN identification_rules r ON r.connector = vm.connector AND r.rule = 'hostname' AND r.enabled = 1
  WHERE d.deleted_at IS NULL
)
SELECT c.device_id, MIN(c.vm_id) AS vm_id, MIN(c.rule) AS rule
FROM candidates c
WHERE c.rule_rank = (SELECT MIN(c2.rule_rank) FROM candidates c2 WHERE c2.device_id = c.device_id)
GROUP BY c.device_id
