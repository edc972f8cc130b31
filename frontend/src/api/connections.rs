//! Invitations to connect and connections, for both sides: `/teams/{team_id}/connection-invites`,
//! `/teams/{team_id}/connections`, `/creator/connection-invites`, `/creator/connections`,
//! `/connection-links/{token}`.

use gloo_net::http::Method;
use rapport_domain::connections::{
    ConnectionLink, CreateConnectionInvite, CreatorConnection, ReceivedInvite, SentInvite,
    TeamConnection,
};
use rapport_domain::page::{Page, PageQuery};
use rapport_domain::{ConnectionId, ConnectionInviteId, TeamId};

use super::{get, page_query, public, send_empty, send_json, ApiError};

/// `GET /teams/{team_id}/connection-invites`: the team's pending invitations.
pub async fn list_sent(team: TeamId, page: &PageQuery) -> Result<Page<SentInvite>, ApiError> {
    get(&format!(
        "/teams/{team}/connection-invites{}",
        page_query(page)
    ))
    .await
}

/// `POST /teams/{team_id}/connection-invites`.
pub async fn send_invite(
    team: TeamId,
    request: &CreateConnectionInvite,
) -> Result<SentInvite, ApiError> {
    send_json(
        Method::POST,
        &format!("/teams/{team}/connection-invites"),
        request,
    )
    .await
}

/// `DELETE /teams/{team_id}/connection-invites/{invite_id}`: revoke.
pub async fn revoke(team: TeamId, invite: ConnectionInviteId) -> Result<(), ApiError> {
    send_empty(
        Method::DELETE,
        &format!("/teams/{team}/connection-invites/{invite}"),
    )
    .await
}

/// `GET /teams/{team_id}/connections`.
pub async fn list_team(team: TeamId, page: &PageQuery) -> Result<Page<TeamConnection>, ApiError> {
    get(&format!("/teams/{team}/connections{}", page_query(page))).await
}

/// `DELETE /teams/{team_id}/connections/{connection_id}`.
pub async fn end_for_team(team: TeamId, connection: ConnectionId) -> Result<(), ApiError> {
    send_empty(
        Method::DELETE,
        &format!("/teams/{team}/connections/{connection}"),
    )
    .await
}

/// `GET /creator/connection-invites`.
pub async fn list_received(page: &PageQuery) -> Result<Page<ReceivedInvite>, ApiError> {
    get(&format!("/creator/connection-invites{}", page_query(page))).await
}

/// `POST /creator/connection-invites/{invite_id}/accept`.
pub async fn accept(invite: ConnectionInviteId) -> Result<CreatorConnection, ApiError> {
    send_empty(
        Method::POST,
        &format!("/creator/connection-invites/{invite}/accept"),
    )
    .await
}

/// `POST /creator/connection-invites/{invite_id}/decline`.
pub async fn decline(invite: ConnectionInviteId) -> Result<(), ApiError> {
    send_empty(
        Method::POST,
        &format!("/creator/connection-invites/{invite}/decline"),
    )
    .await
}

/// `GET /creator/connections`.
pub async fn list_mine(page: &PageQuery) -> Result<Page<CreatorConnection>, ApiError> {
    get(&format!("/creator/connections{}", page_query(page))).await
}

/// `DELETE /creator/connections/{connection_id}`.
pub async fn end_mine(connection: ConnectionId) -> Result<(), ApiError> {
    send_empty(
        Method::DELETE,
        &format!("/creator/connections/{connection}"),
    )
    .await
}

/// `GET /connection-links/{token}`: what a mail's link would do (no session needed).
pub async fn get_link(token: &str) -> Result<ConnectionLink, ApiError> {
    public::<(), _>(Method::GET, &format!("/connection-links/{token}"), None).await
}

/// `POST /connection-links/{token}`: confirm the link's decision (no session needed).
pub async fn follow_link(token: &str) -> Result<ConnectionLink, ApiError> {
    public::<(), _>(Method::POST, &format!("/connection-links/{token}"), None).await
}
