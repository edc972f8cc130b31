//! `/api/v1/influencers/{influencer_id}/notes` and `/api/v1/notes/{note_id}`: notes private to the team, shown on every board the influencer is on.

use actix_web::web::{Data, Json, Path, Query};
use actix_web::{delete, get, patch, post, HttpResponse};
use rapport_domain::notes::{Note, WriteBody};
use rapport_domain::page::{Page, PageQuery};
use rapport_domain::{InfluencerId, NoteId, Validate};
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

const KIND: NoteKind = NoteKind::Note;

fn to_api((row, author_name): Post) -> ApiResult<Note> {
    Ok(Note {
        id: parse_stored(&row.id)?,
        influencer_id: parse_stored(&row.influencer_id)?,
        author_id: parse_stored(&row.author_id)?,
        author_name,
        body: row.body,
        created_at: utc(row.created_at),
        updated_at: utc(row.updated_at),
    })
}

/// The influencer's notes, newest first.
#[utoipa::path(
    tag = "notes",
    security(("bearer" = [])),
    params(("influencer_id" = InfluencerId, Path, description = "The influencer's id."), PageQuery),
    responses((status = 200, description = "A page of notes.", body = Page<Note>), BadRequest, Unauthorized, NotFound)
)]
#[get("/influencers/{influencer_id}/notes")]
pub async fn list_notes(
    state: Data<AppState>,
    auth: AuthUser,
    path: Path<InfluencerId>,
    query: Query<PageQuery>,
) -> ApiResult<Json<Page<Note>>> {
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

/// Write a note on an influencer.
#[utoipa::path(
    tag = "notes",
    security(("bearer" = [])),
    params(("influencer_id" = InfluencerId, Path, description = "The influencer's id.")),
    request_body = WriteBody,
    responses(
        (status = 201, description = "Written.", body = Note),
        BadRequest, Unauthorized, NotFound, PayloadTooLarge, UnsupportedMediaType, Unprocessable
    )
)]
#[post("/influencers/{influencer_id}/notes")]
pub async fn create_note(
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

/// Edit a note (its author only).
#[utoipa::path(
    tag = "notes",
    security(("bearer" = [])),
    params(("note_id" = NoteId, Path, description = "The note's id.")),
    request_body = WriteBody,
    responses(
        (status = 200, description = "The edited note.", body = Note),
        BadRequest, Unauthorized, Forbidden, NotFound, PayloadTooLarge, UnsupportedMediaType, Unprocessable
    )
)]
#[patch("/notes/{note_id}")]
pub async fn update_note(
    state: Data<AppState>,
    auth: AuthUser,
    path: Path<NoteId>,
    body: Body<WriteBody>,
) -> ApiResult<Json<Note>> {
    let id = path.into_inner().to_string();
    let text = body.validate()?;
    let edited = state
        .db
        .write(move |conn| to_api(posts::edit(conn, KIND, &id, auth.0, text)?))
        .await?;
    Ok(Json(edited))
}

/// Delete a note (its author, an owner or an admin).
#[utoipa::path(
    tag = "notes",
    security(("bearer" = [])),
    params(("note_id" = NoteId, Path, description = "The note's id.")),
    responses((status = 204, description = "Deleted."), BadRequest, Unauthorized, Forbidden, NotFound)
)]
#[delete("/notes/{note_id}")]
pub async fn delete_note(
    state: Data<AppState>,
    auth: AuthUser,
    path: Path<NoteId>,
) -> ApiResult<HttpResponse> {
    let id = path.into_inner().to_string();
    state
        .db
        .write(move |conn| posts::remove(conn, KIND, &id, auth.0))
        .await?;
    Ok(HttpResponse::NoContent().finish())
}
