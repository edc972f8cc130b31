//! Content tracking: the hashtag a board tracks (`board_tracking`) and the posts on its Content
//! tab (`board_posts`, each with the hashtag it was found with, or added by hand).

use chrono::NaiveDateTime;
use diesel::prelude::*;
use rapport_domain::{BoardId, InfluencerId, PostId, UserId};

use crate::analytics::PostRow;
use crate::influencers::{AccountRow, InfluencerRow};
use crate::schema::{
    board_posts, board_tracking, boards, cards, influencers, platform_accounts, posts,
};
use crate::DbConnection;

/// What a board tracks.
#[derive(Debug, Clone, PartialEq, Eq, Queryable, Selectable, Insertable)]
#[diesel(table_name = board_tracking)]
pub struct TrackingRow {
    /// The board.
    pub board_id: BoardId,
    /// The hashtag, without its `#`.
    pub hashtag: String,
    /// Posts from then on are collected.
    pub since: NaiveDateTime,
    /// Who set it.
    pub set_by: Option<UserId>,
    /// Last set.
    pub updated_at: NaiveDateTime,
}

/// A post on a board.
#[derive(Debug, Clone, PartialEq, Eq, Queryable, Selectable, Insertable)]
#[diesel(table_name = board_posts)]
pub struct BoardPostRow {
    /// The board.
    pub board_id: BoardId,
    /// The post.
    pub post_id: PostId,
    /// The hashtag it was found with; none for a post added by hand.
    pub hashtag: Option<String>,
    /// Who added it by hand.
    pub added_by: Option<UserId>,
    /// When it came on the board.
    pub created_at: NaiveDateTime,
}

/// What the board tracks.
pub fn tracking(conn: &mut DbConnection, board: BoardId) -> QueryResult<Option<TrackingRow>> {
    board_tracking::table
        .find(board)
        .select(TrackingRow::as_select())
        .first(conn)
        .optional()
}

/// Sets what the board tracks (a new hashtag counts from `row.since`; the same hashtag again
/// keeps its start), or stops tracking (`None`).
pub fn set_tracking(
    conn: &mut DbConnection,
    board: BoardId,
    row: Option<&TrackingRow>,
) -> QueryResult<()> {
    let current = tracking(conn, board)?;
    match (current, row) {
        (_, None) => {
            diesel::delete(board_tracking::table.find(board)).execute(conn)?;
        }
        (Some(current), Some(row))
            if current.hashtag.to_lowercase() == row.hashtag.to_lowercase() =>
        {
            diesel::update(board_tracking::table.find(board))
                .set((
                    board_tracking::hashtag.eq(&row.hashtag),
                    board_tracking::updated_at.eq(row.updated_at),
                ))
                .execute(conn)?;
        }
        (Some(_), Some(row)) => {
            diesel::update(board_tracking::table.find(board))
                .set((
                    board_tracking::hashtag.eq(&row.hashtag),
                    board_tracking::since.eq(row.since),
                    board_tracking::set_by.eq(row.set_by),
                    board_tracking::updated_at.eq(row.updated_at),
                ))
                .execute(conn)?;
        }
        (None, Some(row)) => {
            diesel::insert_into(board_tracking::table)
                .values(row)
                .execute(conn)?;
        }
    }
    Ok(())
}

/// The live boards tracking a hashtag that the influencer has a card on.
pub fn trackings_of_influencer(
    conn: &mut DbConnection,
    influencer: InfluencerId,
) -> QueryResult<Vec<TrackingRow>> {
    board_tracking::table
        .inner_join(boards::table)
        .filter(boards::archived_at.is_null())
        .filter(diesel::dsl::exists(
            cards::table
                .filter(cards::board_id.eq(board_tracking::board_id))
                .filter(cards::influencer_id.eq(influencer)),
        ))
        .select(TrackingRow::as_select())
        .load(conn)
}

/// Puts posts on boards (a post already on a board stays as it is).
pub fn link_posts(conn: &mut DbConnection, rows: &[BoardPostRow]) -> QueryResult<usize> {
    let mut linked = 0;
    for row in rows {
        let exists: bool = diesel::select(diesel::dsl::exists(
            board_posts::table.find((row.board_id, row.post_id)),
        ))
        .get_result(conn)?;
        if !exists {
            linked += diesel::insert_into(board_posts::table)
                .values(row)
                .execute(conn)?;
        }
    }
    Ok(linked)
}

/// Takes a post off a board; returns whether it was on it.
pub fn unlink_post(conn: &mut DbConnection, board: BoardId, post: PostId) -> QueryResult<bool> {
    Ok(diesel::delete(board_posts::table.find((board, post))).execute(conn)? > 0)
}

/// A board's posts with their accounts and influencers, newest first.
pub fn posts_of_board(
    conn: &mut DbConnection,
    board: BoardId,
) -> QueryResult<Vec<(BoardPostRow, PostRow, AccountRow, InfluencerRow)>> {
    board_posts::table
        .filter(board_posts::board_id.eq(board))
        .inner_join(
            posts::table.inner_join(platform_accounts::table.inner_join(influencers::table)),
        )
        .select((
            BoardPostRow::as_select(),
            PostRow::as_select(),
            AccountRow::as_select(),
            InfluencerRow::as_select(),
        ))
        .order(posts::posted_at.desc())
        .load(conn)
}

/// The platform ids of an account's posts on boards, posted since `since` (whose figures are
/// read again).
pub fn tracked_external_ids(
    conn: &mut DbConnection,
    account: rapport_domain::AccountId,
    since: NaiveDateTime,
) -> QueryResult<Vec<String>> {
    posts::table
        .filter(posts::account_id.eq(account))
        .filter(posts::posted_at.ge(since))
        .filter(diesel::dsl::exists(
            board_posts::table.filter(board_posts::post_id.eq(posts::id)),
        ))
        .select(posts::external_id)
        .distinct()
        .load(conn)
}
