//! A board's Content tab: `/api/v1/boards/{board_id}/content`, the hashtag it tracks, and posts
//! added by hand.

use actix_web::web::{Data, Json, Path, Query};
use actix_web::{delete, get, post, put, HttpResponse};
use rapport_domain::content::{AddPost, BoardContent, ContentQuery, SetHashtag, TrackedPost};
use rapport_domain::{BoardId, PostId, Validate};

use crate::analytics::content;
use crate::auth::AuthUser;
use crate::body::Body;
use crate::error::ApiResult;
use crate::openapi::{
    BadRequest, NotFound, PayloadTooLarge, Unauthorized, Unprocessable, UnsupportedMediaType,
};
use crate::state::AppState;

/// The board's content: the hashtag it tracks and since when, the posts of its influencers that
/// carry it (and those added by hand) with their figures, and the totals.
#[utoipa::path(
    tag = "content",
    security(("bearer" = [])),
    params(("board_id" = BoardId, Path, description = "The board's id."), ContentQuery),
    responses((status = 200, description = "The content.", body = BoardContent), BadRequest, Unauthorized, NotFound)
)]
#[get("/boards/{board_id}/content")]
pub async fn get_board_content(
    state: Data<AppState>,
    auth: AuthUser,
    path: Path<BoardId>,
    query: Query<ContentQuery>,
) -> ApiResult<Json<BoardContent>> {
    let board = path.into_inner();
    let sort = query.into_inner().sort.unwrap_or_default();
    let found = state
        .db
        .run(move |conn| content::view(conn, auth.0, board, sort))
        .await?;
    Ok(Json(found))
}

/// Track a hashtag on the board (one per board; `null` stops). Posts of the board's influencers
/// whose caption carries exactly that tag (any case), posted from now on, are collected in the
/// background with their figures, read again for 30 days. A new hashtag keeps the posts found
/// with the old one.
#[utoipa::path(
    tag = "content",
    security(("bearer" = [])),
    params(("board_id" = BoardId, Path, description = "The board's id.")),
    request_body = SetHashtag,
    responses(
        (status = 200, description = "The content.", body = BoardContent),
        BadRequest, Unauthorized, NotFound, PayloadTooLarge, UnsupportedMediaType, Unprocessable
    )
)]
#[put("/boards/{board_id}/hashtag")]
pub async fn set_board_hashtag(
    state: Data<AppState>,
    auth: AuthUser,
    path: Path<BoardId>,
    body: Body<SetHashtag>,
) -> ApiResult<Json<BoardContent>> {
    let board = path.into_inner();
    let hashtag = body.validate()?;
    let now = state.clock.now();
    let found = state
        .db
        .write(move |conn| content::set_hashtag(conn, auth.0, board, hashtag, now))
        .await?;
    Ok(Json(found))
}

/// Add a post by hand, by its link, with its figures typed in (when the platform cannot be
/// read). The account must be of an influencer on the board, the link of its platform.
#[utoipa::path(
    tag = "content",
    security(("bearer" = [])),
    params(("board_id" = BoardId, Path, description = "The board's id.")),
    request_body = AddPost,
    responses(
        (status = 201, description = "The post on the board.", body = TrackedPost),
        BadRequest, Unauthorized, NotFound, PayloadTooLarge, UnsupportedMediaType, Unprocessable
    )
)]
#[post("/boards/{board_id}/posts")]
pub async fn add_board_post(
    state: Data<AppState>,
    auth: AuthUser,
    path: Path<BoardId>,
    body: Body<AddPost>,
) -> ApiResult<HttpResponse> {
    let board = path.into_inner();
    let request = body.into_inner();
    let now = state.clock.now();
    let found = state
        .db
        .write(move |conn| content::add_post(conn, auth.0, board, &request, now))
        .await?;
    Ok(HttpResponse::Created().json(found))
}

/// Take a post off the board's Content tab.
#[utoipa::path(
    tag = "content",
    security(("bearer" = [])),
    params(
        ("board_id" = BoardId, Path, description = "The board's id."),
        ("post_id" = PostId, Path, description = "The post's id.")
    ),
    responses((status = 204, description = "Taken off."), BadRequest, Unauthorized, NotFound)
)]
#[delete("/boards/{board_id}/posts/{post_id}")]
pub async fn remove_board_post(
    state: Data<AppState>,
    auth: AuthUser,
    path: Path<(BoardId, PostId)>,
) -> ApiResult<HttpResponse> {
    let (board, post) = path.into_inner();
    state
        .db
        .write(move |conn| content::remove_post(conn, auth.0, board, post))
        .await?;
    Ok(HttpResponse::NoContent().finish())
}
