//! Invitations: `/teams/{team_id}/invites` and `/invites/{token}`.

use gloo_net::http::Method;
use rapport_domain::page::{Page, PageQuery};
use rapport_domain::teams::{CreateInvite, Invite, InvitePreview, Team};
use rapport_domain::{InviteId, TeamId};

use super::{get, page_query, public, send_empty, send_json, ApiError};

/// `GET /teams/{team_id}/invites`.
pub async fn list_invites(team: TeamId, page: &PageQuery) -> Result<Page<Invite>, ApiError> {
    get(&format!("/teams/{team}/invites{}", page_query(page))).await
}

/// `POST /teams/{team_id}/invites`: invites someone by e-mail.
pub async fn create_invite(team: TeamId, request: &CreateInvite) -> Result<Invite, ApiError> {
    send_json(Method::POST, &format!("/teams/{team}/invites"), request).await
}

/// `DELETE /teams/{team_id}/invites/{invite_id}`.
pub async fn revoke_invite(team: TeamId, invite: InviteId) -> Result<(), ApiError> {
    send_empty(Method::DELETE, &format!("/teams/{team}/invites/{invite}")).await
}

/// `GET /invites/{token}`: what the invitation is for (no session needed).
pub async fn get_invite(token: &str) -> Result<InvitePreview, ApiError> {
    public::<(), _>(Method::GET, &format!("/invites/{token}"), None).await
}

/// `POST /invites/{token}/accept`: joins the team.
pub async fn accept_invite(token: &str) -> Result<Team, ApiError> {
    send_empty(Method::POST, &format!("/invites/{token}/accept")).await
}
