-- A daily e-mail digest of the matches the team's data sources found: each member keeps it on
-- (the default) or turns it off, per team.
ALTER TABLE memberships ADD COLUMN match_digest BOOLEAN NOT NULL DEFAULT TRUE;
