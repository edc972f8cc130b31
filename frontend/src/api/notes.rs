//! Notes: `/influencers/{influencer_id}/notes` and `/notes/{note_id}`.

use gloo_net::http::Method;
use rapport_domain::notes::{Note, WriteBody};
use rapport_domain::page::{Page, PageQuery};
use rapport_domain::{InfluencerId, NoteId};

use super::{get, page_query, send_empty, send_json, ApiError};

/// `GET /influencers/{influencer_id}/notes`: newest first.
pub async fn list_notes(
    influencer: InfluencerId,
    page: &PageQuery,
) -> Result<Page<Note>, ApiError> {
    get(&format!(
        "/influencers/{influencer}/notes{}",
        page_query(page)
    ))
    .await
}

/// `POST /influencers/{influencer_id}/notes`.
pub async fn create_note(influencer: InfluencerId, request: &WriteBody) -> Result<Note, ApiError> {
    send_json(
        Method::POST,
        &format!("/influencers/{influencer}/notes"),
        request,
    )
    .await
}

/// `PATCH /notes/{note_id}` (its author only).
pub async fn update_note(note: NoteId, request: &WriteBody) -> Result<Note, ApiError> {
    send_json(Method::PATCH, &format!("/notes/{note}"), request).await
}

/// `DELETE /notes/{note_id}`.
pub async fn delete_note(note: NoteId) -> Result<(), ApiError> {
    send_empty(Method::DELETE, &format!("/notes/{note}")).await
}
