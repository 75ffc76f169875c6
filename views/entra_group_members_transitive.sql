-- Transitive group membership, resolved in the database: no Graph call per nesting level.
-- depth 1 is a direct member; recursion follows member groups and stops at 32 levels (and so on cycles).
CREATE VIEW entra_group_members_transitive AS
WITH RECURSIVE closure (group_id, member_id, member_type, depth) AS (
  SELECT group_id, member_id, member_type, 1
  FROM entra_group_members
  WHERE deleted_at IS NULL
  UNION
  SELECT c.group_id, m.member_id, m.member_type, c.depth + 1
  FROM closure c
  JOIN entra_group_members m ON m.group_id = c.member_id AND m.deleted_at IS NULL
  WHERE c.member_type = 'group' AND c.depth < 32
)
SELECT group_id, member_id, member_type, MIN(depth) AS depth
FROM closure
GROUP BY group_id, member_id, member_type
