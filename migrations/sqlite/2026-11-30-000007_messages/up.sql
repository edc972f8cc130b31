-- Conversations between a team and one of its influencers, and their messages. A conversation
-- has a reply token (its e-mail reply address) and a read marker per side (the newest message
-- that side has read). An e-mailed reply keeps its Message-ID, so a mail posted twice is kept once.

CREATE TABLE conversations (
    id TEXT PRIMARY KEY NOT NULL,
    team_id TEXT NOT NULL REFERENCES teams (id) ON DELETE CASCADE,
    influencer_id TEXT NOT NULL REFERENCES influencers (id) ON DELETE CASCADE,
    reply_token TEXT NOT NULL UNIQUE,
    team_read_upto TEXT,
    influencer_read_upto TEXT,
    creator_mailed_at TIMESTAMP,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    UNIQUE (team_id, influencer_id)
);
CREATE INDEX conversations_influencer ON conversations (influencer_id);
CREATE INDEX conversations_team_updated ON conversations (team_id, updated_at);

CREATE TABLE messages (
    id TEXT PRIMARY KEY NOT NULL,
    conversation_id TEXT NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
    side TEXT NOT NULL CHECK (side IN ('team', 'influencer')),
    author_id TEXT REFERENCES users (id) ON DELETE SET NULL,
    author_name TEXT NOT NULL,
    text TEXT NOT NULL,
    by_email BOOLEAN NOT NULL,
    email_message_id TEXT,
    created_at TIMESTAMP NOT NULL,
    UNIQUE (conversation_id, email_message_id)
);
CREATE INDEX messages_conversation ON messages (conversation_id, id);
CREATE INDEX messages_author ON messages (author_id);

ALTER TABLE notifications ADD COLUMN conversation_id TEXT REFERENCES conversations (id) ON DELETE CASCADE;
CREATE INDEX notifications_conversation ON notifications (conversation_id);

-- A mail may carry a sender name (the team's, before the configured address) and a Reply-To.
ALTER TABLE outbox_mails ADD COLUMN from_name TEXT;
ALTER TABLE outbox_mails ADD COLUMN reply_to TEXT;
