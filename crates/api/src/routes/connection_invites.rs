//! Invitations to connect: `/api/v1/teams/{team_id}/connection-invites[/{invite_id}]` (the team),
//! `/api/v1/creator/connection-invites[/{invite_id}/accept|decline]` (the creator), and
//! `/api/v1/connection-links/{token}` (a mail's link: GET shows, POST decides, no sign-in).

use actix_web::web::{Data, Json, Path, Query};
use actix_web::{delete, get, post, HttpResponse};
use rapport_domain::connections::{
    ConnectionLink, CreateConnectionInvite, CreatorConnection, ReceivedInvite, SentInvite,
};
use rapport_domain::page::{Page, PageQuery};
use rapport_domain::{ConnectionInviteId, TeamId, Validate};

use crate::auth::AuthUser;
use crate::body::Body;
use crate::error::ApiResult;
use crate::network::invitations::{self, Sending};
use crate::openapi::{
    BadRequest, Conflict, NotFound, PayloadTooLarge, TooManyRequests, Unauthorized, Unprocessable,
    UnsupportedMediaType,
};
use crate::paging::PageRequest;
use crate::state::AppState;

/// The team's pending invitations to connect, newest first.
#[utoipa::path(
    tag = "connections",
    security(("bearer" = [])),
    params(("team_id" = TeamId, Path, description = "The team's id."), PageQuery),
    responses(
        (status = 200, description = "A page of pending invitations.", body = Page<SentInvite>),
        BadRequest, Unauthorized, NotFound
    )
)]
#[get("/teams/{team_id}/connection-invites")]
pub async fn list_sent_invites(
    state: Data<AppState>,
    auth: AuthUser,
    path: Path<TeamId>,
    query: Query<PageQuery>,
) -> ApiResult<Json<Page<SentInvite>>> {
    let team = path.into_inner();
    let paging = PageRequest::from_query(&query)?;
    let now = state.clock.now();
    let page = state
        .db
        .run(move |conn| invitations::list_sent(conn, auth.0, team, &paging, now))
        .await?;
    Ok(Json(page))
}

/// Invite a discoverable creator to connect (any member), with an optional message. The creator
/// gets a mail at once and a notification. A team sends at most the configured number a day
/// (default 100; then 429 with `Retry-After`); after a decline, not the same creator for 30 days.
#[utoipa::path(
    tag = "connections",
    security(("bearer" = [])),
    params(("team_id" = TeamId, Path, description = "The team's id.")),
    request_body = CreateConnectionInvite,
    responses(
        (status = 201, description = "Invitation sent.", body = SentInvite),
        BadRequest, Unauthorized, NotFound,
        (status = 409, description = "Connected already (`already_connected`), an invitation is pending (`invite_pending`), or the creator declined less than 30 days ago (`declined_recently`).", body = rapport_domain::Problem, content_type = "application/problem+json"),
        PayloadTooLarge, UnsupportedMediaType, Unprocessable, TooManyRequests
    )
)]
#[post("/teams/{team_id}/connection-invites")]
pub async fn send_connection_invite(
    state: Data<AppState>,
    auth: AuthUser,
    path: Path<TeamId>,
    body: Body<CreateConnectionInvite>,
) -> ApiResult<HttpResponse> {
    let team = path.into_inner();
    let request = body.validate()?;
    let shared = state.clone();
    let sent = state
        .db
        .write(move |conn| {
            let sending = Sending {
                now: shared.clock.now(),
                per_day: shared.invites_per_day,
                public_url: &shared.public_url,
            };
            invitations::send(conn, auth.0, team, request, &sending)
        })
        .await?;
    Ok(HttpResponse::Created().json(sent))
}

/// Revoke a pending invitation (any member); its mail's links stop working.
#[utoipa::path(
    tag = "connections",
    security(("bearer" = [])),
    params(
        ("team_id" = TeamId, Path, description = "The team's id."),
        ("invite_id" = ConnectionInviteId, Path, description = "The invitation's id.")
    ),
    responses((status = 204, description = "Revoked."), BadRequest, Unauthorized, NotFound, Conflict)
)]
#[delete("/teams/{team_id}/connection-invites/{invite_id}")]
pub async fn revoke_connection_invite(
    state: Data<AppState>,
    auth: AuthUser,
    path: Path<(TeamId, ConnectionInviteId)>,
) -> ApiResult<HttpResponse> {
    let (team, invite) = path.into_inner();
    let now = state.clock.now();
    state
        .db
        .write(move |conn| invitations::revoke(conn, auth.0, team, invite, now))
        .await?;
    Ok(HttpResponse::NoContent().finish())
}

/// The signed-in creator's pending invitations, newest first.
#[utoipa::path(
    tag = "creator",
    security(("bearer" = [])),
    params(PageQuery),
    responses(
        (status = 200, description = "A page of invitations.", body = Page<ReceivedInvite>),
        BadRequest, Unauthorized, NotFound
    )
)]
#[get("/creator/connection-invites")]
pub async fn list_received_invites(
    state: Data<AppState>,
    auth: AuthUser,
    query: Query<PageQuery>,
) -> ApiResult<Json<Page<ReceivedInvite>>> {
    let paging = PageRequest::from_query(&query)?;
    let now = state.clock.now();
    let page = state
        .db
        .run(move |conn| invitations::list_received(conn, auth.0, &paging, now))
        .await?;
    Ok(Json(page))
}

/// Accept an invitation: the creator and the team are connected.
#[utoipa::path(
    tag = "creator",
    security(("bearer" = [])),
    params(("invite_id" = ConnectionInviteId, Path, description = "The invitation's id.")),
    responses(
        (status = 200, description = "Connected.", body = CreatorConnection),
        BadRequest, Unauthorized, NotFound, Conflict
    )
)]
#[post("/creator/connection-invites/{invite_id}/accept")]
pub async fn accept_connection_invite(
    state: Data<AppState>,
    auth: AuthUser,
    path: Path<ConnectionInviteId>,
) -> ApiResult<Json<CreatorConnection>> {
    let invite = path.into_inner();
    let now = state.clock.now();
    let connection = state
        .db
        .write(move |conn| invitations::accept(conn, auth.0, invite, now))
        .await?;
    Ok(Json(connection))
}

/// Decline an invitation; the team is told and may not invite again for 30 days.
#[utoipa::path(
    tag = "creator",
    security(("bearer" = [])),
    params(("invite_id" = ConnectionInviteId, Path, description = "The invitation's id.")),
    responses((status = 204, description = "Declined."), BadRequest, Unauthorized, NotFound, Conflict)
)]
#[post("/creator/connection-invites/{invite_id}/decline")]
pub async fn decline_connection_invite(
    state: Data<AppState>,
    auth: AuthUser,
    path: Path<ConnectionInviteId>,
) -> ApiResult<HttpResponse> {
    let invite = path.into_inner();
    let now = state.clock.now();
    state
        .db
        .write(move |conn| invitations::decline(conn, auth.0, invite, now))
        .await?;
    Ok(HttpResponse::NoContent().finish())
}

/// What a link from an invitation mail would do, and the invitation as it stands. Changes
/// nothing (mail scanners and link previews follow links). No sign-in needed.
#[utoipa::path(
    tag = "connections",
    params(("token" = String, Path, max_length = 200, description = "The token from the mail's link.")),
    responses((status = 200, description = "The invitation and the link's decision.", body = ConnectionLink), NotFound)
)]
#[get("/connection-links/{token}")]
pub async fn get_connection_link(
    state: Data<AppState>,
    path: Path<String>,
) -> ApiResult<Json<ConnectionLink>> {
    let token = path.into_inner();
    let now = state.clock.now();
    let link = state
        .db
        .run(move |conn| invitations::preview_link(conn, &token, now))
        .await?;
    Ok(Json(link))
}

/// Confirm a mail link's decision (accept or decline, whichever the link names). No sign-in
/// needed: the link is the proof. It works once, while the invitation is pending.
#[utoipa::path(
    tag = "connections",
    params(("token" = String, Path, max_length = 200, description = "The token from the mail's link.")),
    responses(
        (status = 200, description = "Decided: the invitation as it now stands.", body = ConnectionLink),
        NotFound, Conflict
    )
)]
#[post("/connection-links/{token}")]
pub async fn follow_connection_link(
    state: Data<AppState>,
    path: Path<String>,
) -> ApiResult<Json<ConnectionLink>> {
    let token = path.into_inner();
    let now = state.clock.now();
    let link = state
        .db
        .write(move |conn| invitations::follow_link(conn, &token, now))
        .await?;
    Ok(Json(link))
}
