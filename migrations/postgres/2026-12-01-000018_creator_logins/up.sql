-- Creators' own logins: a creator proves an account theirs by logging in on its platform
-- (TikTok, Google for YouTube, Facebook for Instagram). A verification is started (its
-- one-time `state` kept as a hash, with the creator's choice to share the figures), and ends
-- when the platform sends them back: the account is then marked verified, and its tokens are
-- kept sealed (the access token, and the refresh token that renews it) so its figures can be
-- read for the brands the creator is connected with, if they allowed it.
ALTER TABLE creator_accounts ADD COLUMN verified_at TIMESTAMP WITHOUT TIME ZONE;

CREATE TABLE account_verifications (
    id TEXT COLLATE "C" PRIMARY KEY,
    user_id TEXT COLLATE "C" NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    platform TEXT COLLATE "C" NOT NULL CHECK (platform IN ('instagram', 'tiktok', 'youtube')),
    share_figures BOOLEAN NOT NULL,
    state_hash TEXT COLLATE "C" NOT NULL UNIQUE,
    created_at TIMESTAMP WITHOUT TIME ZONE NOT NULL,
    expires_at TIMESTAMP WITHOUT TIME ZONE NOT NULL
);
CREATE INDEX account_verifications_user ON account_verifications (user_id);

CREATE TABLE creator_logins (
    account_id TEXT COLLATE "C" PRIMARY KEY REFERENCES creator_accounts (id) ON DELETE CASCADE,
    external_id TEXT COLLATE "C" NOT NULL,
    access_token TEXT COLLATE "C" NOT NULL,
    refresh_token TEXT COLLATE "C",
    secret_key_id TEXT COLLATE "C" NOT NULL,
    access_expires_at TIMESTAMP WITHOUT TIME ZONE,
    refresh_expires_at TIMESTAMP WITHOUT TIME ZONE,
    share_figures BOOLEAN NOT NULL,
    problem TEXT COLLATE "C",
    connected_at TIMESTAMP WITHOUT TIME ZONE NOT NULL,
    updated_at TIMESTAMP WITHOUT TIME ZONE NOT NULL
);
