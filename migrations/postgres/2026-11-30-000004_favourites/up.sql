-- A team's favourite creators (starred in the network), shared by the team.

CREATE TABLE favourites (
    team_id TEXT COLLATE "C" NOT NULL REFERENCES teams (id) ON DELETE CASCADE,
    creator_id TEXT COLLATE "C" NOT NULL REFERENCES creators (id) ON DELETE CASCADE,
    created_by TEXT COLLATE "C" REFERENCES users (id) ON DELETE SET NULL,
    created_at TIMESTAMP WITHOUT TIME ZONE NOT NULL,
    PRIMARY KEY (team_id, creator_id)
);
CREATE INDEX favourites_team_created ON favourites (team_id, created_at, creator_id);
CREATE INDEX favourites_creator_id ON favourites (creator_id);
CREATE INDEX favourites_created_by ON favourites (created_by);
