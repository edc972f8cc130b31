//! Invitations: listing a team's open ones, inviting someone by e-mail (the mail goes to the
//! outbox in the same transaction), revoking, and, through the link's token, previewing and
//! accepting. Tokens are stored only as their digest.

use chrono::Duration;
use rapport_domain::limits::TOKEN_MAX;
use rapport_domain::page::Page;
use rapport_domain::teams::{Invite, InvitePreview, InviteStatus, NewInvite, Team, INVITE_DAYS};
use rapport_domain::{InviteId, TeamId, UserId};
use rapport_store::invites::{self, InviteRow};
use rapport_store::mail::MailRow;
use rapport_store::memberships::{self, MembershipRow};
use rapport_store::{new_id, teams, time, users, DbConnection};

use crate::access::{require, role_in};
use crate::auth::tokens;
use crate::error::{ApiError, ApiResult, ErrorCode};
use crate::mail::templates;
use crate::paging::PageRequest;

/// The team's open invitations (pending or expired; not accepted, not revoked), oldest first.
pub fn list(
    conn: &mut DbConnection,
    actor: UserId,
    team: TeamId,
    paging: &PageRequest,
) -> ApiResult<Page<Invite>> {
    role_in(conn, team, actor)?;
    let now = time::now();
    let rows = invites::list_open(conn, team, paging.cursor.as_deref(), paging.fetch())?
        .into_iter()
        .map(|row| (row.id, row.to_invite(now)))
        .collect::<Vec<_>>();
    Ok(paging.page(rows))
}

/// Invites someone by e-mail (owners and admins) and queues the mail with its single-use link,
/// valid [`INVITE_DAYS`] days; `public_url` is the base of the link. The caller wakes the mail
/// worker once the transaction is committed.
pub fn create(
    conn: &mut DbConnection,
    actor: UserId,
    team: TeamId,
    request: NewInvite,
    public_url: &str,
) -> ApiResult<Invite> {
    let role = role_in(conn, team, actor)?;
    require(
        role.can_manage_team(),
        "Only owners and admins can invite people.",
    )?;
    let now = time::now();
    if let Some(existing) = users::find_by_email(conn, &request.email)? {
        if memberships::role_of(conn, team, existing.id)?.is_some() {
            return Err(ApiError::new(
                ErrorCode::AlreadyMember,
                "This person is already a member of the team.",
            ));
        }
    }
    if invites::find_open_for_email(conn, team, &request.email, now)?.is_some() {
        return Err(ApiError::new(
            ErrorCode::InvitePending,
            "An invitation to this address is already pending; revoke it to send a new one.",
        ));
    }
    let token = tokens::generate();
    let row = InviteRow {
        id: new_id(),
        team_id: team,
        email: request.email.clone(),
        role: request.role,
        token_hash: tokens::digest(&token),
        invited_by: actor,
        created_at: now,
        expires_at: now + Duration::days(INVITE_DAYS),
        accepted_at: None,
        accepted_by: None,
        revoked_at: None,
    };
    invites::insert(conn, &row)?;
    let team =
        teams::find_for_member(conn, team, actor)?.ok_or_else(|| ApiError::not_found("team"))?;
    let inviter = users::find(conn, actor)?.ok_or_else(|| ApiError::not_found("user"))?;
    let mail = templates::invite(&templates::InviteMail {
        inviter: &inviter.name,
        team: &team.name,
        role: request.role,
        email: &request.email,
        token: &token,
        public_url,
        expires_at: time::utc(row.expires_at),
    });
    rapport_store::mail::enqueue(
        conn,
        &MailRow::new(&request.email, &mail.subject, &mail.text, now),
    )?;
    Ok(row.to_invite(now))
}

/// Revokes a pending invitation (owners and admins); its link stops working. 409
/// `invite_not_pending` when it was already accepted or revoked.
pub fn revoke(
    conn: &mut DbConnection,
    actor: UserId,
    team: TeamId,
    invite: InviteId,
) -> ApiResult<()> {
    let role = role_in(conn, team, actor)?;
    require(
        role.can_manage_team(),
        "Only owners and admins can revoke invitations.",
    )?;
    if invites::revoke(conn, team, invite, time::now())? == 1 {
        return Ok(());
    }
    match invites::find_in_team(conn, team, invite)? {
        Some(_) => Err(ApiError::new(
            ErrorCode::InviteNotPending,
            "This invitation was already accepted or revoked.",
        )),
        None => Err(ApiError::not_found("invitation")),
    }
}

/// What the invitation behind a link's token offers: the team, who invited, the role.
pub fn preview(conn: &mut DbConnection, token: &str) -> ApiResult<InvitePreview> {
    let row = usable_invite(conn, token)?;
    let team_name =
        teams::find_name(conn, row.team_id)?.ok_or_else(|| ApiError::not_found("invitation"))?;
    let inviter = users::find(conn, row.invited_by)?.map_or_else(String::new, |user| user.name);
    Ok(InvitePreview {
        team_name,
        invited_by_name: inviter,
        email: row.email.clone(),
        role: row.role,
        expires_at: time::utc(row.expires_at),
    })
}

/// Accepts the invitation behind a link's token: the caller, whose e-mail address must be the
/// invited one (403 `invite_email_mismatch`), joins the team with the offered role.
pub fn accept(conn: &mut DbConnection, actor: UserId, token: &str) -> ApiResult<Team> {
    let row = usable_invite(conn, token)?;
    let user = users::find(conn, actor)?
        .ok_or_else(|| ApiError::new(ErrorCode::Unauthorized, "This account no longer exists."))?;
    if user.email != row.email {
        return Err(ApiError::new(
            ErrorCode::InviteEmailMismatch,
            format!(
                "This invitation was sent to {}; sign in with that address to accept it.",
                row.email
            ),
        ));
    }
    let already_member = || {
        ApiError::new(
            ErrorCode::AlreadyMember,
            "You are already a member of this team.",
        )
    };
    if memberships::role_of(conn, row.team_id, actor)?.is_some() {
        return Err(already_member());
    }
    let now = time::now();
    if invites::accept(conn, row.id, actor, now)? != 1 {
        return Err(used());
    }
    memberships::insert(
        conn,
        &MembershipRow {
            id: new_id(),
            team_id: row.team_id,
            user_id: actor,
            role: row.role,
            created_at: now,
        },
    )
    .map_err(|e| ApiError::on_unique_violation(e, already_member))?;
    teams::find_for_member(conn, row.team_id, actor)?.ok_or_else(|| ApiError::not_found("team"))
}

fn used() -> ApiError {
    ApiError::new(
        ErrorCode::InviteAccepted,
        "This invitation link was already used.",
    )
}

/// The invitation behind a link's token, if it can still be accepted; otherwise why not. A token
/// no link could carry is not found, like an unknown one.
fn usable_invite(conn: &mut DbConnection, token: &str) -> ApiResult<InviteRow> {
    if token.is_empty() || token.len() > TOKEN_MAX {
        return Err(ApiError::not_found("invitation"));
    }
    let row = invites::find_by_token_hash(conn, &tokens::digest(token))?
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
