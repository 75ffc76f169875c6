-- Open critical vulnerabilities on VMs reachable from the internet (a public IP): severity 5 from
-- the score map, or a CVSS base score of 9 or more (Defender rates most sub-assessments High at most).
CREATE VIEW exposed_critical_vulnerabilities AS
SELECT f.asset_uid, a.asset_name, a.ip_address, a.fqdn, a.management_port_open, f.external_finding_id, f.policy_id AS vulnerability_id,
  f.finding_name, f.cve_ids, f.cvss_base, f.source_severity, f.first_found_on, f.connector
FROM findings f
JOIN assets a ON a.asset_uid = f.asset_uid
WHERE f.finding_type = 'vulnerability' AND f.finding_status = 'open' AND (f.finding_severity = 5 OR f.cvss_base >= 9)
  AND f.deleted_at IS NULL
  AND a.deleted_at IS NULL AND a.has_public_ip = 1
