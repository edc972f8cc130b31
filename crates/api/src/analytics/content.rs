//! A board's Content tab: the hashtag it tracks (setting one reads the board's influencers'
//! recent posts at once, then daily with their figures), the posts found or added by hand, their
//! totals.

use chrono::NaiveDateTime;
use rapport_domain::analytics::StatsSource;
use rapport_domain::content::{
    sort_posts, totals, AddPost, BoardContent, ContentSort, TrackedPost, Tracking,
};
use rapport_domain::{BoardId, PostId, UserId};
use rapport_store::analytics::{self, PostRow};
use rapport_store::content::{self, BoardPostRow, TrackingRow};
use rapport_store::{boards, new_id, time, DbConnection};

use crate::access::board_for;
use crate::analytics::refresh::{self, Scope};
use crate::error::{ApiError, ApiResult};

/// The board's content, sorted.
pub fn view(
    conn: &mut DbConnection,
    actor: UserId,
    board: BoardId,
    sort: ContentSort,
) -> ApiResult<BoardContent> {
    board_for(conn, board, actor)?;
    content_of(conn, board, sort)
}

fn content_of(
    conn: &mut DbConnection,
    board: BoardId,
    sort: ContentSort,
) -> ApiResult<BoardContent> {
    let tracking = content::tracking(conn, board)?.map(|row| Tracking {
        hashtag: row.hashtag,
        since: time::utc(row.since),
    });
    let mut posts: Vec<TrackedPost> = content::posts_of_board(conn, board)?
        .into_iter()
        .map(|(link, post, account, influencer)| {
            let engagement_rate = account.followers.filter(|f| *f > 0).map(|followers| {
                (post.likes.unwrap_or(0) + post.comments.unwrap_or(0)) as f64 / followers as f64
            });
            TrackedPost {
                post: post.to_post(account.platform),
                influencer_id: influencer.id,
                influencer_name: influencer.display_name,
                handle: account.handle,
                followers: account.followers,
                engagement_rate,
                hashtag: link.hashtag,
            }
        })
        .collect();
    sort_posts(&mut posts, sort);
    Ok(BoardContent {
        tracking,
        totals: totals(&posts),
        posts,
    })
}

/// Sets the hashtag the board tracks (`None` stops; the posts found stay, labelled with their
/// hashtag). A new hashtag counts from now and queues a read of the board's influencers.
pub fn set_hashtag(
    conn: &mut DbConnection,
    actor: UserId,
    board: BoardId,
    hashtag: Option<String>,
    now: NaiveDateTime,
) -> ApiResult<BoardContent> {
    let (row, _) = board_for(conn, board, actor)?;
    let tracking = hashtag.map(|hashtag| TrackingRow {
        board_id: board,
        hashtag,
        since: now,
        set_by: Some(actor),
        updated_at: now,
    });
    content::set_tracking(conn, board, tracking.as_ref())?;
    if tracking.is_some() {
        refresh::queue(conn, row.team_id, Scope::Board(board), now)?;
    }
    content_of(conn, board, ContentSort::Newest)
}

/// Adds a post by hand to the board: its account must be one of the board's influencers', its
/// link of the account's platform. The same link again updates its figures.
pub fn add_post(
    conn: &mut DbConnection,
    actor: UserId,
    board: BoardId,
    request: &AddPost,
    now: NaiveDateTime,
) -> ApiResult<TrackedPost> {
    let (row, _) = board_for(conn, board, actor)?;
    let account = rapport_store::influencers::find_account_by_id(conn, request.account_id)?
        .filter(|account| account.team_id == row.team_id)
        .ok_or_else(|| ApiError::unknown_reference("account_id", "account"))?;
    if boards::find_card_of(conn, board, account.influencer_id)?.is_none() {
        let mut errors = rapport_domain::validation::FieldErrors::default();
        errors.add(
            "account_id",
            "not_on_board",
            "This influencer has no card on this board.",
        );
        return Err(errors.into());
    }
    let (link, caption) = request.validate_for(account.platform)?;
    let post = PostRow {
        id: new_id(),
        team_id: row.team_id,
        account_id: account.id,
        external_id: link.clone(),
        link: Some(link.clone()),
        caption,
        thumbnail_url: None,
        posted_at: Some(request.posted_at.map_or(now, |at| at.naive_utc())),
        likes: request.likes,
        comments: request.comments,
        views: request.views,
        source: StatsSource::Manual,
        read_at: now,
        created_at: now,
    };
    analytics::upsert_posts(conn, std::slice::from_ref(&post))?;
    let stored = analytics::find_posts(conn, account.id, &[link])?;
    let Some(stored) = stored.into_iter().next() else {
        return Err(ApiError::not_found("post"));
    };
    content::link_posts(
        conn,
        &[BoardPostRow {
            board_id: board,
            post_id: stored.id,
            hashtag: None,
            added_by: Some(actor),
            created_at: now,
        }],
    )?;
    content_of(conn, board, ContentSort::Newest)?
        .posts
        .into_iter()
        .find(|found| found.post.id == stored.id)
        .ok_or_else(|| ApiError::not_found("post"))
}

/// Takes a post off the board.
pub fn remove_post(
    conn: &mut DbConnection,
    actor: UserId,
    board: BoardId,
    post: PostId,
) -> ApiResult<()> {
    board_for(conn, board, actor)?;
    if content::unlink_post(conn, board, post)? {
        Ok(())
    } else {
        Err(ApiError::not_found("post"))
    }
}
