-- Account analytics: the figures of each platform account's recent posts, where they were read
-- and what went wrong last; one snapshot a day per account (older ones thinned); the posts the
-- figures were read from; and a team's keys for the platforms' APIs (sealed with the data key).
ALTER TABLE platform_accounts ADD COLUMN avg_likes DOUBLE PRECISION;
ALTER TABLE platform_accounts ADD COLUMN avg_comments DOUBLE PRECISION;
ALTER TABLE platform_accounts ADD COLUMN avg_views DOUBLE PRECISION;
ALTER TABLE platform_accounts ADD COLUMN stats_source TEXT COLLATE "C"
    CHECK (stats_source IN ('instagram', 'youtube', 'tiktok', 'manual'));
ALTER TABLE platform_accounts ADD COLUMN stats_problem TEXT COLLATE "C";

CREATE TABLE account_snapshots (
    account_id TEXT COLLATE "C" NOT NULL REFERENCES platform_accounts (id) ON DELETE CASCADE,
    -- Days since 1970-01-01 (UTC).
    day INTEGER NOT NULL,
    followers BIGINT,
    posts BIGINT,
    engagement_rate DOUBLE PRECISION,
    source TEXT COLLATE "C" NOT NULL CHECK (source IN ('instagram', 'youtube', 'tiktok', 'manual')),
    PRIMARY KEY (account_id, day)
);

CREATE TABLE posts (
    id TEXT COLLATE "C" PRIMARY KEY,
    team_id TEXT COLLATE "C" NOT NULL REFERENCES teams (id) ON DELETE CASCADE,
    account_id TEXT COLLATE "C" NOT NULL REFERENCES platform_accounts (id) ON DELETE CASCADE,
    external_id TEXT COLLATE "C" NOT NULL,
    link TEXT COLLATE "C",
    caption TEXT COLLATE "C",
    thumbnail_url TEXT COLLATE "C",
    posted_at TIMESTAMP WITHOUT TIME ZONE,
    likes BIGINT,
    comments BIGINT,
    views BIGINT,
    source TEXT COLLATE "C" NOT NULL CHECK (source IN ('instagram', 'youtube', 'tiktok', 'manual')),
    read_at TIMESTAMP WITHOUT TIME ZONE NOT NULL,
    created_at TIMESTAMP WITHOUT TIME ZONE NOT NULL,
    UNIQUE (account_id, external_id)
);
CREATE INDEX posts_account_posted ON posts (account_id, posted_at);
CREATE INDEX posts_team ON posts (team_id);

CREATE TABLE team_integrations (
    team_id TEXT COLLATE "C" NOT NULL REFERENCES teams (id) ON DELETE CASCADE,
    provider TEXT COLLATE "C" NOT NULL CHECK (provider IN ('youtube')),
    secret TEXT COLLATE "C" NOT NULL,
    secret_key_id TEXT COLLATE "C" NOT NULL,
    hint TEXT COLLATE "C" NOT NULL,
    created_by TEXT COLLATE "C" REFERENCES users (id) ON DELETE SET NULL,
    created_at TIMESTAMP WITHOUT TIME ZONE NOT NULL,
    updated_at TIMESTAMP WITHOUT TIME ZONE NOT NULL,
    PRIMARY KEY (team_id, provider)
);
CREATE INDEX team_integrations_created_by ON team_integrations (created_by);
