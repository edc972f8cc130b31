-- The network's revision: one counter, raised by every change to what explore shows of a creator
-- (in the transaction making it, so changes take revisions in commit order), and the revision of
-- each creator's last change. A server's search index asks for the creators changed since the
-- revision it holds.

ALTER TABLE creators ADD COLUMN revision BIGINT NOT NULL DEFAULT 0;
CREATE INDEX creators_revision ON creators (revision);

CREATE TABLE network_revision (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    revision BIGINT NOT NULL
);
INSERT INTO network_revision (id, revision) VALUES (1, 0);
