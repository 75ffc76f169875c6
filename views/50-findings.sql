-- Defender for Cloud as findings: assessments (finding_type 'misconfiguration'), security alerts
-- ('alert') and vulnerabilities from sub-assessments ('vulnerability', with cve_ids). Severity and
-- score from the score map (model/scoring.yaml → severity_scores; '*' is the default row), status
-- from the source's status, linked to the VM asset it is about. A finding of a deleted VM is deleted too.
CREATE VIEW findings AS
SELECT
  a.id AS external_finding_id,
  CASE WHEN vm.id IS NOT NULL THEN 'azure:' || vm.id END AS asset_uid,
  vm.vm_id AS external_asset_id,
  a.resource_id AS azure_resource_id,
  a.display_name AS finding_name,
  a.description AS finding_description,
  COALESCE(s.severity, d.severity) AS finding_severity,
  COALESCE(s.score, d.score) AS finding_score,
  CASE lower(a.status_code) WHEN 'unhealthy' THEN 'open' WHEN 'healthy' THEN 'resolved' ELSE 'not_applicable' END AS finding_status,
  CASE WHEN lower(a.status_code) = 'unhealthy' THEN 'FAIL' ELSE 'PASS' END AS status_code,
  'misconfiguration' AS finding_sub_type,
  'misconfiguration' AS finding_type,
  NULL AS cve_ids,
  NULL AS cvss_base,
  a.assessment_key AS policy_id,
  a.policy_definition_id AS policy_definition_id,
  a.display_name AS policy_title,
  a.description AS policy_description,
  a.assessment_type AS policy_type,
  a.portal_link AS policy_finding_url,
  a.categories AS recommendation,
  a.user_impact AS impact,
  a.remediation_description AS remediation_strategy,
  a.severity AS source_severity,
  a.first_evaluation_date AS first_found_on,
  a.status_change_date AS updated_on,
  CASE WHEN lower(a.status_code) = 'healthy' THEN COALESCE(a.status_change_date, a.last_seen_at) END AS resolved_at,
  a.tactics AS mitre_tactics,
  a.techniques AS mitre_techniques,
  a.technique_ids AS mitre_technique_ids,
  a.connector,
  a.first_seen_at,
  -- last seen: the later of the row's last write and the last run that confirmed every live row of its table
  CASE WHEN a.deleted_at IS NULL THEN COALESCE((SELECT CASE WHEN MAX(s.seen_at) > a.last_seen_at THEN MAX(s.seen_at) END
    FROM table_sightings s WHERE s.connector = a.connector AND s.table_name = 'defender_assessments' AND s.scope_value IN ('*', a.subscription_id)), a.last_seen_at)
    ELSE a.last_seen_at END AS last_seen_at,
  COALESCE(a.deleted_at, vm.deleted_at) AS deleted_at
FROM defender_assessments a
LEFT JOIN azure_virtual_machines vm ON vm.id = a.resource_id
LEFT JOIN severity_scores s ON s.connector = a.connector AND s.source_value = lower(a.severity)
LEFT JOIN severity_scores d ON d.connector = a.connector AND d.source_value = '*'

-- (vulnerabilities before alerts: PostgreSQL types a UNION pairwise, and cve_ids is only typed in this branch)
UNION ALL
SELECT
  v.id AS external_finding_id,
  CASE WHEN vm.id IS NOT NULL THEN 'azure:' || vm.id END AS asset_uid,
  vm.vm_id AS external_asset_id,
  v.resource_id AS azure_resource_id,
  v.display_name AS finding_name,
  v.description AS finding_description,
  COALESCE(s.severity, d.severity) AS finding_severity,
  COALESCE(s.score, d.score) AS finding_score,
  CASE lower(v.status_code) WHEN 'unhealthy' THEN 'open' WHEN 'healthy' THEN 'resolved' ELSE 'not_applicable' END AS finding_status,
  CASE WHEN lower(v.status_code) = 'unhealthy' THEN 'FAIL' ELSE 'PASS' END AS status_code,
  'vulnerability' AS finding_sub_type,
  'vulnerability' AS finding_type,
  v.cve_ids AS cve_ids,
  v.cvss_base AS cvss_base,
  v.vulnerability_id AS policy_id,
  NULL AS policy_definition_id,
  v.display_name AS policy_title,
  v.description AS policy_description,
  v.assessed_resource_type AS policy_type,
  NULL AS policy_finding_url,
  NULL AS recommendation,
  v.impact AS impact,
  v.remediation AS remediation_strategy,
  v.severity AS source_severity,
  v.time_generated AS first_found_on,
  v.time_generated AS updated_on,
  CASE WHEN lower(v.status_code) = 'healthy' THEN v.last_seen_at END AS resolved_at,
  NULL AS mitre_tactics,
  NULL AS mitre_techniques,
  NULL AS mitre_technique_ids,
  v.connector,
  v.first_seen_at,
  CASE WHEN v.deleted_at IS NULL THEN COALESCE((SELECT CASE WHEN MAX(s.seen_at) > v.last_seen_at THEN MAX(s.seen_at) END
    FROM table_sightings s WHERE s.connector = v.connector AND s.table_name = 'defender_sub_assessments' AND s.scope_value IN ('*', v.subscription_id)), v.last_seen_at)
    ELSE v.last_seen_at END AS last_seen_at,
  COALESCE(v.deleted_at, vm.deleted_at) AS deleted_at
FROM defender_sub_assessments v
LEFT JOIN azure_virtual_machines vm ON vm.id = v.resource_id
LEFT JOIN severity_scores s ON s.connector = v.connector AND s.source_value = lower(v.severity)
LEFT JOIN severity_scores d ON d.connector = v.connector AND d.source_value = '*'
UNION ALL
SELECT
  al.id AS external_finding_id,
  CASE WHEN vm.id IS NOT NULL THEN 'azure:' || vm.id END AS asset_uid,
  vm.vm_id AS external_asset_id,
  al.resource_id AS azure_resource_id,
  al.display_name AS finding_name,
  al.description AS finding_description,
  COALESCE(s.severity, d.severity) AS finding_severity,
  COALESCE(s.score, d.score) AS finding_score,
  CASE WHEN lower(al.status) IN ('active', 'inprogress') THEN 'open' ELSE 'resolved' END AS finding_status,
  CASE WHEN lower(al.status) IN ('active', 'inprogress') THEN 'FAIL' ELSE 'PASS' END AS status_code,
  'alert' AS finding_sub_type,
  'alert' AS finding_type,
  NULL AS cve_ids,
  NULL AS cvss_base,
  al.alert_type AS policy_id,
  NULL AS policy_definition_id,
  al.display_name AS policy_title,
  al.description AS policy_description,
  'Alert' AS policy_type,
  al.portal_link AS policy_finding_url,
  NULL AS recommendation,
  al.compromised_entity AS impact,
  NULL AS remediation_strategy,
  al.severity AS source_severity,
  al.start_time AS first_found_on,
  COALESCE(al.end_time, al.start_time) AS updated_on,
  CASE WHEN lower(al.status) NOT IN ('active', 'inprogress') THEN COALESCE(al.end_time, al.last_seen_at) END AS resolved_at,
  NULL AS mitre_tactics,
  al.techniques AS mitre_techniques,
  NULL AS mitre_technique_ids,
  al.connector,
  al.first_seen_at,
  CASE WHEN al.deleted_at IS NULL THEN COALESCE((SELECT CASE WHEN MAX(s.seen_at) > al.last_seen_at THEN MAX(s.seen_at) END
    FROM table_sightings s WHERE s.connector = al.connector AND s.table_name = 'defender_alerts' AND s.scope_value IN ('*', al.subscription_id)), al.last_seen_at)
    ELSE al.last_seen_at END AS last_seen_at,
  COALESCE(al.deleted_at, vm.deleted_at) AS deleted_at
FROM defender_alerts al
LEFT JOIN azure_virtual_machines vm ON vm.id = al.resource_id
LEFT JOIN severity_scores s ON s.connector = al.connector AND s.source_value = lower(al.severity)
LEFT JOIN severity_scores d ON d.connector = al.connector AND d.source_value = '*'