DROP TABLE network_revision;
DROP INDEX creators_revision;
ALTER TABLE creators DROP COLUMN revision;
