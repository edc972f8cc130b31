ALTER TABLE source_matches DROP COLUMN link;
DROP TABLE facebook_logins;
