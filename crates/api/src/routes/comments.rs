//! `/api/v1/influencers/{influencer_id}/comments` and `/api/v1/comments/{comment_id}`: team comments, visible to the team only.

use actix_web::web::{Data, Json, Path, Query};
use actix_web::{delete, get, patch, post, HttpResponse};
use rapport_domain::notes::{Comment, WriteBody};
use rapport_domain::page::{Page, PageQuery};
use rapport_domain::{CommentId, InfluencerId, Validate};
use rapport_store::notes::NoteKind;
use rapport_store::time::utc;

use crate::auth::AuthUser;
use crate::body::Body;
use crate::crm::posts::{self, Post};
use crate::error::ApiResult;
use crate::openapi::{
    BadRequest, Forbidden, NotFound, PayloadTooLarge, Unauthorized, Unprocessable,
    UnsupportedMediaType,
};
use crate::routes::access::{parse_stored, PageRequest};
use crate::state::AppState;

const KIND: NoteKind = NoteKind::Comment;

fn to_api((row, author_name): Post) -> ApiResult<Comment> {
    Ok(Comment {
        id: parse_stored(&row.id)?,
        influencer_id: parse_stored(&row.influencer_id)?,
        author_id: parse_stored(&row.author_id)?,
        author_name,
        body: row.body,
        created_at: utc(row.created_at),
        updated_at: utc(row.updated_at),
    })
}

/// The influencer's comments, newest first.
#[utoipa::path(
    tag = "comments",
    security(("bearer" = [])),
    params(("influencer_id" = InfluencerId, Path, description = "The influencer's id."), PageQuery),
    responses((status = 200, description = "A page of comments.", body = Page<Comment>), BadRequest, Unauthorized, NotFound)
)]
#[get("/influencers/{influencer_id}/comments")]
pub async fn list_comments(
    state: Data<AppState>,
    auth: AuthUser,
    path: Path<InfluencerId>,
    query: Query<PageQuery>,
) -> ApiResult<Json<Page<Comment>>> {
    let influencer = path.into_inner();
    let paging = PageRequest::from_query(&query)?;
    let page = state
        .db
        .run(move |conn| {
            let rows = posts::list(conn, KIND, influencer, auth.0, &paging)?
                .into_iter()
                .map(|(key, post)| Ok((key, to_api(post)?)))
                .collect::<ApiResult<Vec<_>>>()?;
            Ok(paging.page(rows))
        })
        .await?;
    Ok(Json(page))
}

/// Write a comment on an influencer.
#[utoipa::path(
    tag = "comments",
    security(("bearer" = [])),
    params(("influencer_id" = InfluencerId, Path, description = "The influencer's id.")),
    request_body = WriteBody,
    responses(
        (status = 201, description = "Written.", body = Comment),
        BadRequest, Unauthorized, NotFound, PayloadTooLarge, UnsupportedMediaType, Unprocessable
    )
)]
#[post("/influencers/{influencer_id}/comments")]
pub async fn create_comment(
    state: Data<AppState>,
    auth: AuthUser,
    path: Path<InfluencerId>,
    body: Body<WriteBody>,
) -> ApiResult<HttpResponse> {
    let influencer = path.into_inner();
    let text = body.validate()?;
    let created = state
        .db
        .write(move |conn| to_api(posts::create(conn, KIND, influencer, auth.0, text)?))
        .await?;
    Ok(HttpResponse::Created().json(created))
}

/// Edit a comment (its author only).
#[utoipa::path(
    tag = "comments",
    security(("bearer" = [])),
    params(("comment_id" = CommentId, Path, description = "The comment's id.")),
    request_body = WriteBody,
    responses(
        (status = 200, description = "The edited comment.", body = Comment),
        BadRequest, Unauthorized, Forbidden, NotFound, PayloadTooLarge, UnsupportedMediaType, Unprocessable
    )
)]
#[patch("/comments/{comment_id}")]
pub async fn update_comment(
    state: Data<AppState>,
    auth: AuthUser,
    path: Path<CommentId>,
    body: Body<WriteBody>,
) -> ApiResult<Json<Comment>> {
    let id = path.into_inner().to_string();
    let text = body.validate()?;
    let edited = state
        .db
        .write(move |conn| to_api(posts::edit(conn, KIND, &id, auth.0, text)?))
        .await?;
    Ok(Json(edited))
}

/// Delete a comment (its author, an owner or an admin).
#[utoipa::path(
    tag = "comments",
    security(("bearer" = [])),
    params(("comment_id" = CommentId, Path, description = "The comment's id.")),
    responses((status = 204, description = "Deleted."), BadRequest, Unauthorized, Forbidden, NotFound)
)]
#[delete("/comments/{comment_id}")]
pub async fn delete_comment(
    state: Data<AppState>,
    auth: AuthUser,
    path: Path<CommentId>,
) -> ApiResult<HttpResponse> {
    let id = path.into_inner().to_string();
    state
        .db
        .write(move |conn| posts::remove(conn, KIND, &id, auth.0))
        .await?;
    Ok(HttpResponse::NoContent().finish())
}
