-- The creator side: a creator's profile (one a user), the categories and languages it is filed
-- under, and the platform accounts it claims (each account claimed by one creator network-wide).

CREATE TABLE creators (
    id TEXT COLLATE "C" PRIMARY KEY,
    user_id TEXT COLLATE "C" NOT NULL UNIQUE REFERENCES users (id) ON DELETE CASCADE,
    display_name TEXT COLLATE "C" NOT NULL,
    bio TEXT COLLATE "C",
    country TEXT COLLATE "C",
    city TEXT COLLATE "C",
    discoverable BOOLEAN NOT NULL,
    created_at TIMESTAMP WITHOUT TIME ZONE NOT NULL,
    updated_at TIMESTAMP WITHOUT TIME ZONE NOT NULL
);

CREATE TABLE creator_categories (
    creator_id TEXT COLLATE "C" NOT NULL REFERENCES creators (id) ON DELETE CASCADE,
    category TEXT COLLATE "C" NOT NULL,
    position INTEGER NOT NULL,
    PRIMARY KEY (creator_id, category)
);
CREATE INDEX creator_categories_category ON creator_categories (category, creator_id);

CREATE TABLE creator_languages (
    creator_id TEXT COLLATE "C" NOT NULL REFERENCES creators (id) ON DELETE CASCADE,
    language TEXT COLLATE "C" NOT NULL,
    position INTEGER NOT NULL,
    PRIMARY KEY (creator_id, language)
);
CREATE INDEX creator_languages_language ON creator_languages (language, creator_id);

CREATE TABLE creator_accounts (
    id TEXT COLLATE "C" PRIMARY KEY,
    creator_id TEXT COLLATE "C" NOT NULL REFERENCES creators (id) ON DELETE CASCADE,
    platform TEXT COLLATE "C" NOT NULL CHECK (platform IN ('instagram', 'tiktok', 'youtube')),
    handle TEXT COLLATE "C" NOT NULL,
    handle_key TEXT COLLATE "C" NOT NULL,
    followers BIGINT,
    self_reported BOOLEAN NOT NULL,
    engagement_rate DOUBLE PRECISION,
    created_at TIMESTAMP WITHOUT TIME ZONE NOT NULL,
    UNIQUE (platform, handle_key)
);
CREATE INDEX creator_accounts_creator_id ON creator_accounts (creator_id);
