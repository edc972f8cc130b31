-- Content tracking: the hashtag a board tracks (and since when), and the posts on a board's
-- Content tab (found with the hashtag they carried, or added by hand).
CREATE TABLE board_tracking (
    board_id TEXT COLLATE "C" PRIMARY KEY REFERENCES boards (id) ON DELETE CASCADE,
    hashtag TEXT COLLATE "C" NOT NULL,
    since TIMESTAMP WITHOUT TIME ZONE NOT NULL,
    set_by TEXT COLLATE "C" REFERENCES users (id) ON DELETE SET NULL,
    updated_at TIMESTAMP WITHOUT TIME ZONE NOT NULL
);
CREATE INDEX board_tracking_set_by ON board_tracking (set_by);

CREATE TABLE board_posts (
    board_id TEXT COLLATE "C" NOT NULL REFERENCES boards (id) ON DELETE CASCADE,
    post_id TEXT COLLATE "C" NOT NULL REFERENCES posts (id) ON DELETE CASCADE,
    hashtag TEXT COLLATE "C",
    added_by TEXT COLLATE "C" REFERENCES users (id) ON DELETE SET NULL,
    created_at TIMESTAMP WITHOUT TIME ZONE NOT NULL,
    PRIMARY KEY (board_id, post_id)
);
CREATE INDEX board_posts_post ON board_posts (post_id);
CREATE INDEX board_posts_added_by ON board_posts (added_by);
