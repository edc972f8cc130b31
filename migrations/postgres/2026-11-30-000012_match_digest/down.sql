ALTER TABLE memberships DROP COLUMN match_digest;
