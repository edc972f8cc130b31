-- Team API keys. A key acts as a user of its own (named "API key “{name}”", no membership, a
-- password nobody knows), so what it does is recorded like anyone's, and its team's role checks
-- find it through this table. The secret is kept as a SHA-256 hash; its prefix (`rpk_` and 8
-- characters) finds the key and shows which one it is.
CREATE TABLE api_keys (
    id TEXT PRIMARY KEY NOT NULL,
    team_id TEXT NOT NULL REFERENCES teams (id) ON DELETE CASCADE,
    user_id TEXT NOT NULL UNIQUE REFERENCES users (id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    prefix TEXT NOT NULL UNIQUE,
    secret_hash TEXT NOT NULL,
    scope TEXT NOT NULL CHECK (scope IN ('read', 'write')),
    expires_at TIMESTAMP,
    last_used_at TIMESTAMP,
    created_by TEXT REFERENCES users (id) ON DELETE SET NULL,
    created_at TIMESTAMP NOT NULL,
    revoked_at TIMESTAMP
);
CREATE INDEX api_keys_team ON api_keys (team_id);
CREATE INDEX api_keys_created_by ON api_keys (created_by);
