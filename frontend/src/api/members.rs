//! `/teams/{team_id}/members`: roles, removing members, leaving.

use gloo_net::http::Method;
use rapport_domain::page::{Page, PageQuery};
use rapport_domain::teams::{Member, UpdateMember};
use rapport_domain::{TeamId, UserId};

use super::{get, page_query, send_empty, send_json, ApiError};

/// `GET /teams/{team_id}/members`.
pub async fn list_members(team: TeamId, page: &PageQuery) -> Result<Page<Member>, ApiError> {
    get(&format!("/teams/{team}/members{}", page_query(page))).await
}

/// `PATCH /teams/{team_id}/members/{user_id}`: changes a member's role (owners only).
pub async fn update_member(
    team: TeamId,
    user: UserId,
    request: &UpdateMember,
) -> Result<Member, ApiError> {
    send_json(
        Method::PATCH,
        &format!("/teams/{team}/members/{user}"),
        request,
    )
    .await
}

/// `DELETE /teams/{team_id}/members/{user_id}`: removes a member, or leaves with your own id.
pub async fn remove_member(team: TeamId, user: UserId) -> Result<(), ApiError> {
    send_empty(Method::DELETE, &format!("/teams/{team}/members/{user}")).await
}
