-- Data sources: where a team finds creators who already know it (an uploaded CSV list, a
-- Mailchimp or Klaviyo list, its Instagram fans, one influencer added by hand). A source's
-- contacts are kept only as keyed hashes (HMAC with the server's key) of the normalised e-mail
-- address and of any handles, with the source's own words about them ("line 1,234", "subscriber
-- since 2024-03-01"): enough to match a creator who joins later, nothing to read. A match links a
-- contact to a network creator or one of the team's influencers. A contact's team is its source's
-- (kept beside it for matching; the source's cascade removes it); most contacts carry no handle,
-- so the handles' indexes hold only those that do.

CREATE TABLE sources (
    id TEXT COLLATE "C" PRIMARY KEY,
    team_id TEXT COLLATE "C" NOT NULL REFERENCES teams (id) ON DELETE CASCADE,
    kind TEXT COLLATE "C" NOT NULL CHECK (kind IN ('csv', 'mailchimp', 'klaviyo', 'instagram', 'facebook', 'manual')),
    name TEXT COLLATE "C" NOT NULL,
    state TEXT COLLATE "C" NOT NULL CHECK (state IN ('new', 'syncing', 'synced', 'failed')),
    error TEXT COLLATE "C",
    contacts BIGINT NOT NULL DEFAULT 0,
    matches BIGINT NOT NULL DEFAULT 0,
    settings TEXT COLLATE "C",
    secret TEXT COLLATE "C",
    secret_key_id TEXT COLLATE "C",
    created_by TEXT COLLATE "C" REFERENCES users (id) ON DELETE SET NULL,
    synced_at TIMESTAMP WITHOUT TIME ZONE,
    created_at TIMESTAMP WITHOUT TIME ZONE NOT NULL,
    updated_at TIMESTAMP WITHOUT TIME ZONE NOT NULL,
    UNIQUE (team_id, kind, name)
);
CREATE INDEX sources_created_by ON sources (created_by);

CREATE TABLE contacts (
    source_id TEXT COLLATE "C" NOT NULL REFERENCES sources (id) ON DELETE CASCADE,
    email_hash TEXT COLLATE "C" NOT NULL,
    team_id TEXT COLLATE "C" NOT NULL,
    instagram_hash TEXT COLLATE "C",
    tiktok_hash TEXT COLLATE "C",
    youtube_hash TEXT COLLATE "C",
    detail TEXT COLLATE "C" NOT NULL,
    subscribed BOOLEAN NOT NULL,
    PRIMARY KEY (source_id, email_hash)
);
CREATE INDEX contacts_email ON contacts (email_hash);
CREATE INDEX contacts_instagram ON contacts (instagram_hash) WHERE instagram_hash IS NOT NULL;
CREATE INDEX contacts_tiktok ON contacts (tiktok_hash) WHERE tiktok_hash IS NOT NULL;
CREATE INDEX contacts_youtube ON contacts (youtube_hash) WHERE youtube_hash IS NOT NULL;

CREATE TABLE source_matches (
    id TEXT COLLATE "C" PRIMARY KEY,
    team_id TEXT COLLATE "C" NOT NULL REFERENCES teams (id) ON DELETE CASCADE,
    source_id TEXT COLLATE "C" NOT NULL REFERENCES sources (id) ON DELETE CASCADE,
    email_hash TEXT COLLATE "C" NOT NULL,
    creator_id TEXT COLLATE "C" REFERENCES creators (id) ON DELETE CASCADE,
    influencer_id TEXT COLLATE "C" REFERENCES influencers (id) ON DELETE CASCADE,
    matched_by TEXT COLLATE "C" NOT NULL CHECK (matched_by IN ('email', 'instagram', 'tiktok', 'youtube')),
    detail TEXT COLLATE "C" NOT NULL,
    dismissed BOOLEAN NOT NULL DEFAULT FALSE,
    created_at TIMESTAMP WITHOUT TIME ZONE NOT NULL,
    CHECK ((creator_id IS NULL) <> (influencer_id IS NULL))
);
CREATE UNIQUE INDEX source_matches_creator ON source_matches (source_id, email_hash, creator_id) WHERE creator_id IS NOT NULL;
CREATE UNIQUE INDEX source_matches_influencer ON source_matches (source_id, email_hash, influencer_id) WHERE influencer_id IS NOT NULL;
CREATE INDEX source_matches_team ON source_matches (team_id, created_at);
CREATE INDEX source_matches_creator_id ON source_matches (creator_id);
CREATE INDEX source_matches_influencer_id ON source_matches (influencer_id);
