-- Creators' own logins: a creator proves an account theirs by logging in on its platform
-- (TikTok, Google for YouTube, Facebook for Instagram). A verification is started (its
-- one-time `state` kept as a hash, with the creator's choice to share the figures), and ends
-- when the platform sends them back: the account is then marked verified, and its tokens are
-- kept sealed (the access token, and the refresh token that renews it) so its figures can be
-- read for the brands the creator is connected with, if they allowed it.
ALTER TABLE creator_accounts ADD COLUMN verified_at TIMESTAMP;

CREATE TABLE account_verifications (
    id TEXT PRIMARY KEY NOT NULL,
    user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    platform TEXT NOT NULL CHECK (platform IN ('instagram', 'tiktok', 'youtube')),
    share_figures BOOLEAN NOT NULL,
    state_hash TEXT NOT NULL UNIQUE,
    created_at TIMESTAMP NOT NULL,
    expires_at TIMESTAMP NOT NULL
);
CREATE INDEX account_verifications_user ON account_verifications (user_id);

CREATE TABLE creator_logins (
    account_id TEXT PRIMARY KEY NOT NULL REFERENCES creator_accounts (id) ON DELETE CASCADE,
    external_id TEXT NOT NULL,
    access_token TEXT NOT NULL,
    refresh_token TEXT,
    secret_key_id TEXT NOT NULL,
    access_expires_at TIMESTAMP,
    refresh_expires_at TIMESTAMP,
    share_figures BOOLEAN NOT NULL,
    problem TEXT,
    connected_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
