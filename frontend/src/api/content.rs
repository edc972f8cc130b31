//! A board's Content tab: `/boards/{board_id}/content`, the hashtag the board tracks, and posts
//! added by hand.

use gloo_net::http::Method;
use rapport_domain::content::{AddPost, BoardContent, ContentSort, SetHashtag, TrackedPost};
use rapport_domain::{BoardId, PostId};

use super::{get, send_empty, send_json, ApiError};

/// How `sort` reads in a query string: `newest`, `likes`, `comments`, `views`, `engagement`.
pub fn sort_key(sort: ContentSort) -> &'static str {
    match sort {
        ContentSort::Newest => "newest",
        ContentSort::Likes => "likes",
        ContentSort::Comments => "comments",
        ContentSort::Views => "views",
        ContentSort::Engagement => "engagement",
    }
}

/// `GET /boards/{board_id}/content?sort=`.
pub async fn get_content(board: BoardId, sort: ContentSort) -> Result<BoardContent, ApiError> {
    get(&format!("/boards/{board}/content?sort={}", sort_key(sort))).await
}

/// `PUT /boards/{board_id}/hashtag`: track `hashtag` (with or without its `#`), or stop with
/// `None`; the posts found stay.
pub async fn set_hashtag(
    board: BoardId,
    hashtag: Option<String>,
) -> Result<BoardContent, ApiError> {
    send_json(
        Method::PUT,
        &format!("/boards/{board}/hashtag"),
        &SetHashtag { hashtag },
    )
    .await
}

/// `POST /boards/{board_id}/posts`: a post added by hand, by its link.
pub async fn add_post(board: BoardId, request: &AddPost) -> Result<TrackedPost, ApiError> {
    send_json(Method::POST, &format!("/boards/{board}/posts"), request).await
}

/// `DELETE /boards/{board_id}/posts/{post_id}`: off the board's Content tab.
pub async fn remove_post(board: BoardId, post: PostId) -> Result<(), ApiError> {
    send_empty(Method::DELETE, &format!("/boards/{board}/posts/{post}")).await
}
