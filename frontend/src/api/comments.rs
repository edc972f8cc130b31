//! Team comments: `/influencers/{influencer_id}/comments` and `/comments/{comment_id}`.

use gloo_net::http::Method;
use rapport_domain::notes::{Comment, WriteBody};
use rapport_domain::page::{Page, PageQuery};
use rapport_domain::{InfluencerId, NoteId};

use super::{get, page_query, send_empty, send_json, ApiError};

/// `GET /influencers/{influencer_id}/comments`: newest first.
pub async fn list_comments(
    influencer: InfluencerId,
    page: &PageQuery,
) -> Result<Page<Comment>, ApiError> {
    get(&format!(
        "/influencers/{influencer}/comments{}",
        page_query(page)
    ))
    .await
}

/// `POST /influencers/{influencer_id}/comments`.
pub async fn create_comment(
    influencer: InfluencerId,
    request: &WriteBody,
) -> Result<Comment, ApiError> {
    send_json(
        Method::POST,
        &format!("/influencers/{influencer}/comments"),
        request,
    )
    .await
}

/// `PATCH /comments/{comment_id}` (its author only).
pub async fn update_comment(comment: NoteId, request: &WriteBody) -> Result<Comment, ApiError> {
    send_json(Method::PATCH, &format!("/comments/{comment}"), request).await
}

/// `DELETE /comments/{comment_id}`.
pub async fn delete_comment(comment: NoteId) -> Result<(), ApiError> {
    send_empty(Method::DELETE, &format!("/comments/{comment}")).await
}
