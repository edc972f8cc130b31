CREATE TABLE contacts_wide (
    source_id TEXT COLLATE "C" NOT NULL REFERENCES sources (id) ON DELETE CASCADE,
    email_hash TEXT COLLATE "C" NOT NULL,
    team_id TEXT COLLATE "C" NOT NULL,
    instagram_hash TEXT COLLATE "C",
    tiktok_hash TEXT COLLATE "C",
    youtube_hash TEXT COLLATE "C",
    detail TEXT COLLATE "C" NOT NULL,
    subscribed BOOLEAN NOT NULL,
    PRIMARY KEY (source_id, email_hash)
);
INSERT INTO contacts_wide
SELECT s.id, c.email_hash, s.team_id, c.instagram_hash, c.tiktok_hash, c.youtube_hash,
       CASE WHEN s.kind = 'csv' THEN 'in ' || s.name || ', ' || c.detail ELSE c.detail END,
       c.subscribed
FROM contacts c
JOIN source_numbers n ON n.number = c.source_number
JOIN sources s ON s.id = n.source_id;
DROP TABLE contacts;
ALTER TABLE contacts_wide RENAME TO contacts;
ALTER INDEX contacts_wide_pkey RENAME TO contacts_pkey;
CREATE INDEX contacts_email ON contacts (email_hash);
CREATE INDEX contacts_instagram ON contacts (instagram_hash) WHERE instagram_hash IS NOT NULL;
CREATE INDEX contacts_tiktok ON contacts (tiktok_hash) WHERE tiktok_hash IS NOT NULL;
CREATE INDEX contacts_youtube ON contacts (youtube_hash) WHERE youtube_hash IS NOT NULL;
DROP TABLE source_numbers;
