-- Contacts, leaner (a list of a million contacts is a million rows). A contact carries its
-- source's number (8 bytes; the source's id takes 36, in each row and in the e-mail index) from
-- `source_numbers`, given once per source and never reused; not its team (its source's); and an
-- uploaded list's contact keeps only its line ("line 1,234"), the list's name being the source's
-- ("in VIP customers.csv, line 1,234" when shown). The table is clustered on its key (source
-- number, e-mail hash) instead of a row id and a second copy of that key.
-- A contact's source is not a foreign key: PostgreSQL checks one with a trigger per row (4 of the
-- 7 seconds of storing a million contacts), so a source's contacts are deleted with it by the
-- code that deletes a source (`rapport_store::sources::delete`), on both databases alike.
CREATE TABLE source_numbers (
    number INTEGER PRIMARY KEY AUTOINCREMENT,
    source_id TEXT NOT NULL UNIQUE REFERENCES sources (id) ON DELETE CASCADE
);
INSERT INTO source_numbers (source_id) SELECT id FROM sources ORDER BY created_at, id;

CREATE TABLE contacts_lean (
    source_number BIGINT NOT NULL,
    email_hash TEXT NOT NULL,
    instagram_hash TEXT,
    tiktok_hash TEXT,
    youtube_hash TEXT,
    detail TEXT NOT NULL,
    subscribed BOOLEAN NOT NULL,
    PRIMARY KEY (source_number, email_hash)
) WITHOUT ROWID;
INSERT INTO contacts_lean
SELECT n.number, c.email_hash, c.instagram_hash, c.tiktok_hash, c.youtube_hash,
       CASE WHEN s.kind = 'csv' AND substr(c.detail, 1, length(s.name) + 5) = 'in ' || s.name || ', '
            THEN substr(c.detail, length(s.name) + 6)
            ELSE c.detail END,
       c.subscribed
FROM contacts c
JOIN sources s ON s.id = c.source_id
JOIN source_numbers n ON n.source_id = c.source_id
ORDER BY n.number, c.email_hash;
DROP TABLE contacts;
ALTER TABLE contacts_lean RENAME TO contacts;
CREATE INDEX contacts_email ON contacts (email_hash);
CREATE INDEX contacts_instagram ON contacts (instagram_hash) WHERE instagram_hash IS NOT NULL;
CREATE INDEX contacts_tiktok ON contacts (tiktok_hash) WHERE tiktok_hash IS NOT NULL;
CREATE INDEX contacts_youtube ON contacts (youtube_hash) WHERE youtube_hash IS NOT NULL;
