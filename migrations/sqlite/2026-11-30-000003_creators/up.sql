-- The creator side: a creator's profile (one a user), the categories and languages it is filed
-- under, and the platform accounts it claims (each account claimed by one creator network-wide).

CREATE TABLE creators (
    id TEXT PRIMARY KEY NOT NULL,
    user_id TEXT NOT NULL UNIQUE REFERENCES users (id) ON DELETE CASCADE,
    display_name TEXT NOT NULL,
    bio TEXT,
    country TEXT,
    city TEXT,
    discoverable BOOLEAN NOT NULL,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);

CREATE TABLE creator_categories (
    creator_id TEXT NOT NULL REFERENCES creators (id) ON DELETE CASCADE,
    category TEXT NOT NULL,
    position INTEGER NOT NULL,
    PRIMARY KEY (creator_id, category)
);
CREATE INDEX creator_categories_category ON creator_categories (category, creator_id);

CREATE TABLE creator_languages (
    creator_id TEXT NOT NULL REFERENCES creators (id) ON DELETE CASCADE,
    language TEXT NOT NULL,
    position INTEGER NOT NULL,
    PRIMARY KEY (creator_id, language)
);
CREATE INDEX creator_languages_language ON creator_languages (language, creator_id);

CREATE TABLE creator_accounts (
    id TEXT PRIMARY KEY NOT NULL,
    creator_id TEXT NOT NULL REFERENCES creators (id) ON DELETE CASCADE,
    platform TEXT NOT NULL CHECK (platform IN ('instagram', 'tiktok', 'youtube')),
    handle TEXT NOT NULL,
    handle_key TEXT NOT NULL,
    followers BIGINT,
    self_reported BOOLEAN NOT NULL,
    engagement_rate DOUBLE PRECISION,
    created_at TIMESTAMP NOT NULL,
    UNIQUE (platform, handle_key)
);
CREATE INDEX creator_accounts_creator_id ON creator_accounts (creator_id);
