-- Connections between teams and creators, the invitations that make them, and notifications.
-- An invitation carries two single-use links (accept, decline), stored as digests; one pending
-- invitation at most per team and creator.

CREATE TABLE connection_invites (
    id TEXT PRIMARY KEY NOT NULL,
    team_id TEXT NOT NULL REFERENCES teams (id) ON DELETE CASCADE,
    creator_id TEXT NOT NULL REFERENCES creators (id) ON DELETE CASCADE,
    invited_by TEXT NOT NULL REFERENCES users (id),
    message TEXT,
    status TEXT NOT NULL CHECK (status IN ('pending', 'accepted', 'declined', 'revoked', 'expired')),
    accept_token_hash TEXT NOT NULL UNIQUE,
    decline_token_hash TEXT NOT NULL UNIQUE,
    created_at TIMESTAMP NOT NULL,
    expires_at TIMESTAMP NOT NULL,
    decided_at TIMESTAMP
);
CREATE UNIQUE INDEX connection_invites_one_pending ON connection_invites (team_id, creator_id)
    WHERE status = 'pending';
CREATE INDEX connection_invites_team ON connection_invites (team_id, created_at);
CREATE INDEX connection_invites_creator ON connection_invites (creator_id, created_at);
CREATE INDEX connection_invites_invited_by ON connection_invites (invited_by);

CREATE TABLE connections (
    id TEXT PRIMARY KEY NOT NULL,
    team_id TEXT NOT NULL REFERENCES teams (id) ON DELETE CASCADE,
    creator_id TEXT NOT NULL REFERENCES creators (id) ON DELETE CASCADE,
    influencer_id TEXT REFERENCES influencers (id) ON DELETE SET NULL,
    created_at TIMESTAMP NOT NULL,
    UNIQUE (team_id, creator_id)
);
CREATE INDEX connections_creator ON connections (creator_id, created_at);
CREATE INDEX connections_influencer ON connections (influencer_id);

CREATE TABLE notifications (
    id TEXT PRIMARY KEY NOT NULL,
    user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    text TEXT NOT NULL,
    team_id TEXT REFERENCES teams (id) ON DELETE CASCADE,
    creator_id TEXT REFERENCES creators (id) ON DELETE CASCADE,
    invite_id TEXT REFERENCES connection_invites (id) ON DELETE CASCADE,
    created_at TIMESTAMP NOT NULL,
    read_at TIMESTAMP
);
CREATE INDEX notifications_user ON notifications (user_id, id);
CREATE INDEX notifications_unread ON notifications (user_id) WHERE read_at IS NULL;
CREATE INDEX notifications_team ON notifications (team_id);
CREATE INDEX notifications_creator ON notifications (creator_id);
CREATE INDEX notifications_invite ON notifications (invite_id);
