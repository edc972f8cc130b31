-- Team API keys. A key acts as a user of its own (named "API key “{name}”", no membership, a
-- password nobody knows), so what it does is recorded like anyone's, and its team's role checks
-- find it through this table. The secret is kept as a SHA-256 hash; its prefix (`rpk_` and 8
-- characters) finds the key and shows which one it is.
CREATE TABLE api_keys (
    id TEXT COLLATE "C" PRIMARY KEY,
    team_id TEXT COLLATE "C" NOT NULL REFERENCES teams (id) ON DELETE CASCADE,
    user_id TEXT COLLATE "C" NOT NULL UNIQUE REFERENCES users (id) ON DELETE CASCADE,
    name TEXT COLLATE "C" NOT NULL,
    prefix TEXT COLLATE "C" NOT NULL UNIQUE,
    secret_hash TEXT COLLATE "C" NOT NULL,
    scope TEXT COLLATE "C" NOT NULL CHECK (scope IN ('read', 'write')),
    expires_at TIMESTAMP WITHOUT TIME ZONE,
    last_used_at TIMESTAMP WITHOUT TIME ZONE,
    created_by TEXT COLLATE "C" REFERENCES users (id) ON DELETE SET NULL,
    created_at TIMESTAMP WITHOUT TIME ZONE NOT NULL,
    revoked_at TIMESTAMP WITHOUT TIME ZONE
);
CREATE INDEX api_keys_team ON api_keys (team_id);
CREATE INDEX api_keys_created_by ON api_keys (created_by);
