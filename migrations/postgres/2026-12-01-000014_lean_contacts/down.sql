DELETE FROM contacts c WHERE NOT EXISTS (SELECT 1 FROM sources s WHERE s.id = c.source_id);
ALTER TABLE contacts ADD CONSTRAINT contacts_source_id_fkey
    FOREIGN KEY (source_id) REFERENCES sources (id) ON DELETE CASCADE;
ALTER TABLE contacts ADD COLUMN team_id TEXT COLLATE "C";
UPDATE contacts c
SET team_id = s.team_id,
    detail = CASE WHEN s.kind = 'csv' THEN 'in ' || s.name || ', ' || c.detail ELSE c.detail END
FROM sources s
WHERE s.id = c.source_id;
ALTER TABLE contacts ALTER COLUMN team_id SET NOT NULL;
