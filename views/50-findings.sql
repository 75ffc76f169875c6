-- Defender for Cloud assessments as findings: severity and score from the score map
-- (model/scoring.yaml → severity_scores; '*' is the default row), status from the assessment's
-- status code, linked to the VM asset it is about. A finding of a deleted VM is deleted too.
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
