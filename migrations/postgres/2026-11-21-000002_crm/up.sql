-- The CRM: influencers and their platform accounts, boards of columns and cards, labels,
-- notes, reminders, team comments and the activity history.
-- Order keys (sort_key) are fractional-index hex strings compared bytewise.

CREATE TABLE influencers (
    id TEXT COLLATE "C" PRIMARY KEY,
    team_id TEXT COLLATE "C" NOT NULL REFERENCES teams (id) ON DELETE CASCADE,
    display_name TEXT COLLATE "C" NOT NULL,
    email TEXT COLLATE "C",
    phone TEXT COLLATE "C",
    ship_name TEXT COLLATE "C",
    ship_line1 TEXT COLLATE "C",
    ship_line2 TEXT COLLATE "C",
    ship_city TEXT COLLATE "C",
    ship_region TEXT COLLATE "C",
    ship_postal_code TEXT COLLATE "C",
    ship_country TEXT COLLATE "C",
    tags TEXT COLLATE "C" NOT NULL DEFAULT '[]',
    created_at TIMESTAMP WITHOUT TIME ZONE NOT NULL,
    updated_at TIMESTAMP WITHOUT TIME ZONE NOT NULL
);
CREATE INDEX influencers_team_id ON influencers (team_id, id);

CREATE TABLE platform_accounts (
    id TEXT COLLATE "C" PRIMARY KEY,
    team_id TEXT COLLATE "C" NOT NULL REFERENCES teams (id) ON DELETE CASCADE,
    influencer_id TEXT COLLATE "C" NOT NULL REFERENCES influencers (id) ON DELETE CASCADE,
    platform TEXT COLLATE "C" NOT NULL CHECK (platform IN ('instagram', 'tiktok', 'youtube')),
    handle TEXT COLLATE "C" NOT NULL,
    handle_key TEXT COLLATE "C" NOT NULL,
    followers BIGINT,
    posts BIGINT,
    engagement_rate DOUBLE PRECISION,
    stats_updated_at TIMESTAMP WITHOUT TIME ZONE,
    created_at TIMESTAMP WITHOUT TIME ZONE NOT NULL,
    UNIQUE (team_id, platform, handle_key)
);
CREATE INDEX platform_accounts_influencer_id ON platform_accounts (influencer_id);

CREATE TABLE boards (
    id TEXT COLLATE "C" PRIMARY KEY,
    team_id TEXT COLLATE "C" NOT NULL REFERENCES teams (id) ON DELETE CASCADE,
    name TEXT COLLATE "C" NOT NULL,
    archived_at TIMESTAMP WITHOUT TIME ZONE,
    created_at TIMESTAMP WITHOUT TIME ZONE NOT NULL,
    updated_at TIMESTAMP WITHOUT TIME ZONE NOT NULL
);
CREATE INDEX boards_team_id ON boards (team_id, id);

CREATE TABLE board_columns (
    id TEXT COLLATE "C" PRIMARY KEY,
    board_id TEXT COLLATE "C" NOT NULL REFERENCES boards (id) ON DELETE CASCADE,
    name TEXT COLLATE "C" NOT NULL,
    sort_key TEXT COLLATE "C" NOT NULL,
    created_at TIMESTAMP WITHOUT TIME ZONE NOT NULL
);
CREATE INDEX board_columns_board_id ON board_columns (board_id, sort_key);

CREATE TABLE cards (
    id TEXT COLLATE "C" PRIMARY KEY,
    board_id TEXT COLLATE "C" NOT NULL REFERENCES boards (id) ON DELETE CASCADE,
    column_id TEXT COLLATE "C" NOT NULL REFERENCES board_columns (id) ON DELETE CASCADE,
    influencer_id TEXT COLLATE "C" NOT NULL REFERENCES influencers (id) ON DELETE CASCADE,
    sort_key TEXT COLLATE "C" NOT NULL,
    created_at TIMESTAMP WITHOUT TIME ZONE NOT NULL,
    UNIQUE (board_id, influencer_id)
);
CREATE INDEX cards_column_id ON cards (column_id, sort_key);
CREATE INDEX cards_influencer_id ON cards (influencer_id);

CREATE TABLE labels (
    id TEXT COLLATE "C" PRIMARY KEY,
    board_id TEXT COLLATE "C" NOT NULL REFERENCES boards (id) ON DELETE CASCADE,
    name TEXT COLLATE "C" NOT NULL,
    name_key TEXT COLLATE "C" NOT NULL,
    color TEXT COLLATE "C" NOT NULL,
    created_at TIMESTAMP WITHOUT TIME ZONE NOT NULL,
    UNIQUE (board_id, name_key)
);

CREATE TABLE card_labels (
    card_id TEXT COLLATE "C" NOT NULL REFERENCES cards (id) ON DELETE CASCADE,
    label_id TEXT COLLATE "C" NOT NULL REFERENCES labels (id) ON DELETE CASCADE,
    PRIMARY KEY (card_id, label_id)
);
CREATE INDEX card_labels_label_id ON card_labels (label_id);

-- Notes and team comments share one shape; `kind` tells them apart.
CREATE TABLE notes (
    id TEXT COLLATE "C" PRIMARY KEY,
    influencer_id TEXT COLLATE "C" NOT NULL REFERENCES influencers (id) ON DELETE CASCADE,
    kind TEXT COLLATE "C" NOT NULL CHECK (kind IN ('note', 'comment')),
    author_id TEXT COLLATE "C" NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    body TEXT COLLATE "C" NOT NULL,
    created_at TIMESTAMP WITHOUT TIME ZONE NOT NULL,
    updated_at TIMESTAMP WITHOUT TIME ZONE NOT NULL
);
CREATE INDEX notes_influencer_id ON notes (influencer_id, kind, id);
CREATE INDEX notes_author_id ON notes (author_id);

CREATE TABLE reminders (
    id TEXT COLLATE "C" PRIMARY KEY,
    team_id TEXT COLLATE "C" NOT NULL REFERENCES teams (id) ON DELETE CASCADE,
    influencer_id TEXT COLLATE "C" NOT NULL REFERENCES influencers (id) ON DELETE CASCADE,
    text TEXT COLLATE "C" NOT NULL,
    due_at TIMESTAMP WITHOUT TIME ZONE NOT NULL,
    assignee_id TEXT COLLATE "C" NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_by TEXT COLLATE "C" NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    done_at TIMESTAMP WITHOUT TIME ZONE,
    created_at TIMESTAMP WITHOUT TIME ZONE NOT NULL,
    updated_at TIMESTAMP WITHOUT TIME ZONE NOT NULL
);
CREATE INDEX reminders_team_id ON reminders (team_id, due_at, id);
CREATE INDEX reminders_influencer_id ON reminders (influencer_id, due_at);
CREATE INDEX reminders_assignee_id ON reminders (assignee_id, due_at);
CREATE INDEX reminders_created_by ON reminders (created_by);

-- The history, and the change feed of boards: every change that shows on a board writes a row
-- tagged with the board (a card's row also names its influencer; a column's or label's names only
-- the board), so the newest id of a board's rows tells whether a board has changed.
CREATE TABLE activities (
    id TEXT COLLATE "C" PRIMARY KEY,
    influencer_id TEXT COLLATE "C" REFERENCES influencers (id) ON DELETE CASCADE,
    board_id TEXT COLLATE "C" REFERENCES boards (id) ON DELETE CASCADE,
    actor_id TEXT COLLATE "C" REFERENCES users (id) ON DELETE SET NULL,
    -- PostgreSQL numbers rows from a sequence (see `board_revision`); SQLite orders by id.
    seq BIGSERIAL NOT NULL,
    kind TEXT COLLATE "C" NOT NULL,
    data TEXT COLLATE "C" NOT NULL,
    created_at TIMESTAMP WITHOUT TIME ZONE NOT NULL
);
CREATE INDEX activities_influencer_id ON activities (influencer_id, id);
CREATE INDEX activities_board_id ON activities (board_id, id);
CREATE INDEX activities_actor_id ON activities (actor_id);
CREATE INDEX activities_board_seq ON activities (board_id, seq);
