//! Invitations: `/api/v1/teams/{team_id}/invites` and `/api/v1/invites/{token}`.

use actix_web::web::{Data, Json, Path, Query};
use actix_web::{delete, get, post, HttpResponse};
use chrono::Duration;
use rapport_domain::limits::TOKEN_MAX;
use rapport_domain::page::{Page, PageQuery};
use rapport_domain::teams::{CreateInvite, Invite, InvitePreview, InviteStatus, Team, INVITE_DAYS};
use rapport_domain::{InviteId, TeamId, Validate};
use rapport_store::invites::{self, InviteRow};
use rapport_store::mail::MailRow;
use rapport_store::memberships::MembershipRow;
use rapport_store::{is_unique_violation, memberships, new_id, teams, time, users, DbConnection};

use crate::access::{require, role_in};
use crate::auth::{tokens, AuthUser};
use crate::body::Body;
use crate::error::{ApiError, ApiResult, ErrorCode};
use crate::mail::templates;
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
        .run(move |conn| {
            role_in(conn, team_id, auth.0)?;
            let now = time::now();
            let rows = invites::list_open(conn, team_id, paging.cursor.as_deref(), paging.fetch())?
                .into_iter()
                .map(|row| (row.id, row.to_invite(now)))
                .collect::<Vec<_>>();
            Ok(paging.page(rows))
        })
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
    let token = tokens::generate();
    let public_url = state.public_url.clone();
    let invite = state
        .db
        .write(move |conn| {
            let role = role_in(conn, team_id, auth.0)?;
            require(role.can_manage_team(), "Only owners and admins can invite people.")?;
            let now = time::now();
            if let Some(existing) = users::find_by_email(conn, &request.email)? {
                let user_id = existing.id;
                if memberships::role_of(conn, team_id, user_id)?.is_some() {
                    return Err(ApiError::new(
                        ErrorCode::AlreadyMember,
                        "This person is already a member of the team.",
                    ));
                }
            }
            if invites::find_open_for_email(conn, team_id, &request.email, now)?.is_some() {
                return Err(ApiError::new(
                    ErrorCode::InvitePending,
                    "An invitation to this address is already pending; revoke it to send a new one.",
                ));
            }
            let row = InviteRow {
                id: new_id(),
                team_id,
                email: request.email.clone(),
                role: request.role,
                token_hash: tokens::digest(&token),
                invited_by: auth.0,
                created_at: now,
                expires_at: now + Duration::days(INVITE_DAYS),
                accepted_at: None,
                accepted_by: None,
                revoked_at: None,
            };
            invites::insert(conn, &row)?;
            let team = teams::find_for_member(conn, team_id, auth.0)?
                .ok_or_else(|| ApiError::not_found("team"))?;
            let inviter = users::find(conn, auth.0)?.ok_or_else(|| ApiError::not_found("user"))?;
            let mail = templates::invite(&templates::InviteMail {
                inviter: &inviter.name,
                team: &team.name,
                role: request.role,
                email: &request.email,
                token: &token,
                public_url: &public_url,
                expires_at: time::utc(row.expires_at),
            });
            rapport_store::mail::enqueue(
                conn,
                &MailRow::new(&request.email, &mail.subject, &mail.text, now),
            )?;
            Ok(row.to_invite(now))
        })
        .await?;
    state.mail_queued.notify_one();
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
        .write(move |conn| {
            let role = role_in(conn, team_id, auth.0)?;
            require(
                role.can_manage_team(),
                "Only owners and admins can revoke invitations.",
            )?;
            if invites::revoke(conn, team_id, invite_id, time::now())? == 1 {
                return Ok(());
            }
            match invites::find_in_team(conn, team_id, invite_id)? {
                Some(_) => Err(ApiError::new(
                    ErrorCode::InviteNotPending,
                    "This invitation was already accepted or revoked.",
                )),
                None => Err(ApiError::not_found("invitation")),
            }
        })
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
    let token_hash = token_digest(&path)?;
    let preview = state
        .db
        .run(move |conn| {
            let row = usable_invite(conn, &token_hash)?;
            let team_name = teams::find_name(conn, row.team_id)?
                .ok_or_else(|| ApiError::not_found("invitation"))?;
            let inviter =
                users::find(conn, row.invited_by)?.map_or_else(String::new, |user| user.name);
            Ok(InvitePreview {
                team_name,
                invited_by_name: inviter,
                email: row.email.clone(),
                role: row.role,
                expires_at: time::utc(row.expires_at),
            })
        })
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
    let token_hash = token_digest(&path)?;
    let team = state
        .db
        .write(move |conn| {
            let row = usable_invite(conn, &token_hash)?;
            let user = users::find(conn, auth.0)?.ok_or_else(|| {
                ApiError::new(ErrorCode::Unauthorized, "This account no longer exists.")
            })?;
            if user.email != row.email {
                return Err(ApiError::new(
                    ErrorCode::InviteEmailMismatch,
                    format!(
                        "This invitation was sent to {}; sign in with that address to accept it.",
                        row.email
                    ),
                ));
            }
            let team_id = row.team_id;
            if memberships::role_of(conn, team_id, auth.0)?.is_some() {
                return Err(ApiError::new(
                    ErrorCode::AlreadyMember,
                    "You are already a member of this team.",
                ));
            }
            let now = time::now();
            if invites::accept(conn, row.id, auth.0, now)? != 1 {
                return Err(used());
            }
            memberships::insert(
                conn,
                &MembershipRow {
                    id: new_id(),
                    team_id: row.team_id,
                    user_id: auth.0,
                    role: row.role,
                    created_at: now,
                },
            )
            .map_err(|e| {
                if is_unique_violation(&e) {
                    ApiError::new(
                        ErrorCode::AlreadyMember,
                        "You are already a member of this team.",
                    )
                } else {
                    e.into()
                }
            })?;
            teams::find_for_member(conn, team_id, auth.0)?
                .ok_or_else(|| ApiError::not_found("team"))
        })
        .await?;
    Ok(Json(team))
}

fn token_digest(token: &str) -> ApiResult<String> {
    if token.is_empty() || token.len() > TOKEN_MAX {
        return Err(ApiError::not_found("invitation"));
    }
    Ok(tokens::digest(token))
}

fn used() -> ApiError {
    ApiError::new(
        ErrorCode::InviteAccepted,
        "This invitation link was already used.",
    )
}

/// The invitation behind a link, if it can still be accepted; otherwise why not.
fn usable_invite(conn: &mut DbConnection, token_hash: &str) -> ApiResult<InviteRow> {
    let row = invites::find_by_token_hash(conn, token_hash)?
        .ok_or_else(|| ApiError::not_found("invitation"))?;
    match row.status(time::now()) {
        InviteStatus::Pending => Ok(row),
        InviteStatus::Accepted => Err(used()),
        InviteStatus::Revoked => Err(ApiError::new(
            ErrorCode::InviteRevoked,
            "This invitation was revoked. Ask the team for a new one.",
        )),
        InviteStatus::Expired => Err(ApiError::new(
            ErrorCode::InviteExpired,
            "This invitation link has expired. Ask the team for a new one.",
        )),
    }
}
