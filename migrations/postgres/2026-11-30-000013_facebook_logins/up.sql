-- Facebook Login for a team's Instagram business account or Facebook page: a login is started
-- (its one-time `state` kept as a hash), comes back with a code that becomes a long-lived token
-- (kept sealed, like a source's secret), and ends when a page is picked or after half an hour.
-- A match may name the post it is about (an Instagram fan's tag or comment): only matches, never
-- unmatched contacts, keep one.
CREATE TABLE facebook_logins (
    id TEXT COLLATE "C" PRIMARY KEY,
    team_id TEXT COLLATE "C" NOT NULL REFERENCES teams (id) ON DELETE CASCADE,
    user_id TEXT COLLATE "C" NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    connect TEXT COLLATE "C" NOT NULL CHECK (connect IN ('instagram', 'facebook')),
    state_hash TEXT COLLATE "C" NOT NULL UNIQUE,
    secret TEXT COLLATE "C",
    secret_key_id TEXT COLLATE "C",
    created_at TIMESTAMP WITHOUT TIME ZONE NOT NULL,
    expires_at TIMESTAMP WITHOUT TIME ZONE NOT NULL
);
CREATE INDEX facebook_logins_team ON facebook_logins (team_id);
CREATE INDEX facebook_logins_user ON facebook_logins (user_id);
ALTER TABLE source_matches ADD COLUMN link TEXT COLLATE "C";
