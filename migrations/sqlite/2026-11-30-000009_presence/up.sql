-- Who has the app open, across servers: each server keeps a row per user with a socket open on
-- it, refreshed while the socket lives and removed when the user's last socket there closes; a
-- row past `seen_until` (its server died) counts for nothing.

CREATE TABLE presence (
    user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    server_id TEXT NOT NULL,
    seen_until TIMESTAMP NOT NULL,
    PRIMARY KEY (user_id, server_id)
);
CREATE INDEX presence_server ON presence (server_id);
