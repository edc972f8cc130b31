-- Contacts, leaner (a list of a million contacts is a million rows): a contact's team is its
-- source's (read through it), and an uploaded list's contact keeps only its line ("line 1,234"),
-- the list's name being the source's ("in VIP customers.csv, line 1,234" when shown).
-- A contact's source is not a foreign key: PostgreSQL checks one with a trigger per row (4 of the
-- 7 seconds of storing a million contacts), so a source's contacts are deleted with it by the
-- code that deletes a source (`rapport_store::sources::delete`), on both databases alike.
UPDATE contacts c
SET detail = substr(c.detail, length(s.name) + 6)
FROM sources s
WHERE s.id = c.source_id AND s.kind = 'csv'
  AND substr(c.detail, 1, length(s.name) + 5) = 'in ' || s.name || ', ';
ALTER TABLE contacts DROP COLUMN team_id;
ALTER TABLE contacts DROP CONSTRAINT contacts_source_id_fkey;
