-- Each existing chain's head is the hash of its newest row (chains are per agency, 'none' without one).
INSERT INTO audit_heads (chain, hash)
SELECT DISTINCT ON (coalesce(agency_id::text, 'none')) coalesce(agency_id::text, 'none'), hash
  FROM audit_log
 ORDER BY coalesce(agency_id::text, 'none'), seq DESC
ON CONFLICT (chain) DO NOTHING;
