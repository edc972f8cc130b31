//! Invitations: `/api/v1/teams/{team_id}/invites` and `/api/v1/invites/{token}`.

use actix_web::web::{Data, Json, Path, Query};
use actix_web::{delete, get, post, HttpResponse};
use rapport_domain::page::{Page, PageQuery};
use rapport_domain::teams::{CreateInvite, Invite, InvitePreview, Team};
use rapport_domain::{InviteId, TeamId, Validate};

use crate::accounts::invites;
use crate::auth::AuthUser;
use crate::body::Body;
use crate::error::ApiResult;
use crate::openapi::{
    BadRequest, Conflict, Forbidden, Gone, NotFound, PayloadTooLarge, Unauthorized, Unprocessable,
    UnsupportedMediaType,
};
use crate::paging::PageRequest;
use crate::state::AppState;

/// The team's open invitations (pending or expired; not accepted, not revoked), oldest first.
#[utoipa::path(
    tag = "invites",
    security(("bearer" = [])),
    params(("team_id" = TeamId, Path, description = "The team's id."), PageQuery),
    responses((status = 200, description = "A page of invitations.", body = Page<Invite>), BadRequest, Unauthorized, NotFound)
)]
#[get("/teams/{team_id}/invites")]
pub async fn list_invites(
    state: Data<AppState>,
    auth: AuthUser,
    path: Path<TeamId>,
    query: Query<PageQuery>,
) -> ApiResult<Json<Page<Invite>>> {
    let team_id = path.into_inner();
    let paging = PageRequest::from_query(&query)?;
    let page = state
        .db
        .run(move |conn| invites::list(conn, auth.0, team_id, &paging))
        .await?;
    Ok(Json(page))
}

/// Invite someone by e-mail (owners and admins). The mail carries a single-use link valid 7 days.
#[utoipa::path(
    tag = "invites",
    security(("bearer" = [])),
    params(("team_id" = TeamId, Path, description = "The team's id.")),
    request_body = CreateInvite,
    responses(
        (status = 201, description = "Invitation created and mail queued.", body = Invite),
        BadRequest, Unauthorized, Forbidden, NotFound,
        Conflict, PayloadTooLarge, UnsupportedMediaType, Unprocessable
    )
)]
#[post("/teams/{team_id}/invites")]
pub async fn create_invite(
    state: Data<AppState>,
    auth: AuthUser,
    path: Path<TeamId>,
    body: Body<CreateInvite>,
) -> ApiResult<HttpResponse> {
    let team_id = path.into_inner();
    let request = body.validate()?;
    let public_url = state.public_url.clone();
    let invite = state
        .db
        .write(move |conn| invites::create(conn, auth.0, team_id, request, &public_url))
        .await?;
    Ok(HttpResponse::Created().json(invite))
}

/// Revoke a pending invitation (owners and admins); its link stops working.
#[utoipa::path(
    tag = "invites",
    security(("bearer" = [])),
    params(
        ("team_id" = TeamId, Path, description = "The team's id."),
        ("invite_id" = InviteId, Path, description = "The invitation's id.")
    ),
    responses(
        (status = 204, description = "Revoked."),
        BadRequest, Unauthorized, Forbidden, NotFound, Conflict
    )
)]
#[delete("/teams/{team_id}/invites/{invite_id}")]
pub async fn revoke_invite(
    state: Data<AppState>,
    auth: AuthUser,
    path: Path<(TeamId, InviteId)>,
) -> ApiResult<HttpResponse> {
    let (team_id, invite_id) = path.into_inner();
    state
        .db
        .write(move |conn| invites::revoke(conn, auth.0, team_id, invite_id))
        .await?;
    Ok(HttpResponse::NoContent().finish())
}

/// What an invitation link offers: the team, who invited, the role. No sign-in needed.
#[utoipa::path(
    tag = "invites",
    params(("token" = String, Path, max_length = 200, description = "The token from the invitation link.")),
    responses(
        (status = 200, description = "The invitation.", body = InvitePreview),
        NotFound, Gone
    )
)]
#[get("/invites/{token}")]
pub async fn get_invite(
    state: Data<AppState>,
    path: Path<String>,
) -> ApiResult<Json<InvitePreview>> {
    let token = path.into_inner();
    let preview = state
        .db
        .run(move |conn| invites::preview(conn, &token))
        .await?;
    Ok(Json(preview))
}

/// Accept an invitation: the signed-in user, whose e-mail address must be the invited one,
/// joins the team. Someone new signs up first (with that address), then accepts.
#[utoipa::path(
    tag = "invites",
    security(("bearer" = [])),
    params(("token" = String, Path, max_length = 200, description = "The token from the invitation link.")),
    responses(
        (status = 200, description = "Joined: the team.", body = Team),
        Unauthorized,
        (status = 403, description = "The invitation was sent to another address (`invite_email_mismatch`).", body = rapport_domain::Problem, content_type = "application/problem+json"),
        NotFound, Conflict, Gone
    )
)]
#[post("/invites/{token}/accept")]
pub async fn accept_invite(
    state: Data<AppState>,
    auth: AuthUser,
    path: Path<String>,
) -> ApiResult<Json<Team>> {
    let token = path.into_inner();
    let team = state
        .db
        .write(move |conn| invites::accept(conn, auth.0, &token))
        .await?;
    Ok(Json(team))
}
