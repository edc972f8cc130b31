//! Invitations to connect: a team invites a discoverable creator (with a mail carrying one link
//! per decision, and a notification), may revoke while pending; the creator accepts or declines
//! in the app or through a link (a GET shows, a POST decides). Accepting connects them.

use chrono::{Duration, NaiveDateTime};
use rapport_domain::connections::{
    ConnectionInviteStatus, ConnectionLink, CreatorConnection, LinkDecision, NewConnectionInvite,
    ReceivedInvite, SentInvite, TeamSummary, DECLINE_COOLDOWN_DAYS, INVITE_DAYS,
};
use rapport_domain::limits::TOKEN_MAX;
use rapport_domain::notifications::NotificationKind;
use rapport_domain::page::Page;
use rapport_domain::{ConnectionInviteId, CreatorId, TeamId, UserId};
use rapport_store::connection_invites::{self, ConnectionInviteRow};
use rapport_store::creators::{self, CreatorRow};
use rapport_store::mail::MailRow;
use rapport_store::{new_id, teams, time, users, DbConnection};

use crate::access::role_in;
use crate::auth::tokens;
use crate::error::{ApiError, ApiResult, ErrorCode};
use crate::mail::templates;
use crate::network::connections::connect;
use crate::network::directory::discoverable;
use crate::network::lookups::Lookups;
use crate::notifications::notify::{self, Event};
use crate::paging::PageRequest;

/// What sending needs besides the request: the time, the daily limit, the links' base.
pub struct Sending<'a> {
    /// Now.
    pub now: NaiveDateTime,
    /// Invitations a team may send in 24 hours.
    pub per_day: u32,
    /// Where Rapport is reached (the mail's links).
    pub public_url: &'a str,
}

fn team_name(conn: &mut DbConnection, team: TeamId) -> ApiResult<String> {
    teams::find_name(conn, team)?.ok_or_else(|| ApiError::not_found("team"))
}

fn user_name(conn: &mut DbConnection, user: UserId) -> ApiResult<String> {
    Ok(users::find(conn, user)?.map_or_else(String::new, |user| user.name))
}

/// Refuses when the team sent `per_day` invitations in the last 24 hours: 429, `Retry-After`
/// saying when the oldest of them leaves the window.
fn check_daily_limit(
    conn: &mut DbConnection,
    team: TeamId,
    per_day: u32,
    now: NaiveDateTime,
) -> ApiResult<()> {
    let sent = connection_invites::sent_since(conn, team, now - Duration::days(1))?;
    if sent.len() < per_day as usize {
        return Ok(());
    }
    let frees_at = sent
        .get(sent.len() - per_day as usize)
        .map_or(now, |at| *at + Duration::days(1));
    let wait = (frees_at - now).num_seconds().max(1);
    Err(ApiError::limit_reached(
        format!("A team may send {per_day} invitations a day; this one can be sent later."),
        u64::try_from(wait).unwrap_or(1),
    ))
}

/// The team (the caller's, any member) invites a discoverable creator to connect; the creator
/// gets a mail at once (through the outbox; the caller wakes the mail worker after commit) and a
/// notification.
pub fn send(
    conn: &mut DbConnection,
    actor: UserId,
    team: TeamId,
    request: NewConnectionInvite,
    sending: &Sending<'_>,
) -> ApiResult<SentInvite> {
    let now = sending.now;
    role_in(conn, team, actor)?;
    let creator = discoverable(conn, request.creator_id)
        .map_err(|error| error.named_in_body("creator_id", "creator in the network"))?;
    if rapport_store::connections::between(conn, team, creator.id)?.is_some() {
        return Err(ApiError::new(
            ErrorCode::AlreadyConnected,
            "The team and this creator are connected already.",
        ));
    }
    connection_invites::expire_stale(conn, team, creator.id, now)?;
    let pending = || {
        ApiError::new(
            ErrorCode::InvitePending,
            "An invitation to this creator is pending; revoke it to send another.",
        )
    };
    if !connection_invites::pending_among(conn, team, &[creator.id], now)?.is_empty() {
        return Err(pending());
    }
    if let Some(declined) = connection_invites::last_declined(conn, team, creator.id)? {
        let again = declined + Duration::days(DECLINE_COOLDOWN_DAYS);
        if again > now {
            return Err(ApiError::new(
                ErrorCode::DeclinedRecently,
                format!(
                    "This creator declined the team's invitation; the team may invite them again from {}.",
                    again.format("%Y-%m-%d %H:%M UTC")
                ),
            ));
        }
    }
    check_daily_limit(conn, team, sending.per_day, now)?;
    let (accept_token, decline_token) = (tokens::generate(), tokens::generate());
    let row = ConnectionInviteRow {
        id: new_id(),
        team_id: team,
        creator_id: creator.id,
        invited_by: actor,
        message: request.message,
        status: ConnectionInviteStatus::Pending,
        accept_token_hash: tokens::digest(&accept_token),
        decline_token_hash: tokens::digest(&decline_token),
        created_at: now,
        expires_at: now + Duration::days(INVITE_DAYS),
        decided_at: None,
    };
    connection_invites::insert(conn, &row)
        .map_err(|e| ApiError::on_unique_violation(e, pending))?;
    let team_name = team_name(conn, team)?;
    let inviter = user_name(conn, actor)?;
    let creator_user =
        users::find(conn, creator.user_id)?.ok_or_else(|| ApiError::not_found("creator"))?;
    let mail = templates::connection_invite(&templates::ConnectionInviteMail {
        team: &team_name,
        inviter: &inviter,
        creator: &creator.display_name,
        message: row.message.as_deref(),
        accept_token: &accept_token,
        decline_token: &decline_token,
        public_url: sending.public_url,
        expires_at: time::utc(row.expires_at),
    });
    rapport_store::mail::enqueue(
        conn,
        &MailRow::new(&creator_user.email, &mail.subject, &mail.text, now),
    )?;
    notify::user(
        conn,
        creator.user_id,
        &Event {
            kind: NotificationKind::ConnectionInvite,
            text: &format!("{team_name} invited you to connect"),
            team,
            creator: Some(creator.id),
            invite: Some(row.id),
            conversation: None,
            influencer: None,
        },
        now,
    )?;
    sent_view(conn, &row, now)
}

fn sent_view(
    conn: &mut DbConnection,
    row: &ConnectionInviteRow,
    now: NaiveDateTime,
) -> ApiResult<SentInvite> {
    sent_views(conn, std::slice::from_ref(row), now)?
        .pop()
        .ok_or_else(|| ApiError::not_found("creator"))
}

/// Invitations as the team sees them (creators and inviters read at once).
fn sent_views(
    conn: &mut DbConnection,
    rows: &[ConnectionInviteRow],
    now: NaiveDateTime,
) -> ApiResult<Vec<SentInvite>> {
    let creators: Vec<CreatorId> = rows.iter().map(|row| row.creator_id).collect();
    let inviters: Vec<UserId> = rows.iter().map(|row| row.invited_by).collect();
    let found = Lookups::read(conn, &creators, &inviters, &[])?;
    Ok(rows
        .iter()
        .filter_map(|row| {
            Some(SentInvite {
                id: row.id,
                creator: found.creator(row.creator_id)?.to_public(),
                message: row.message.clone(),
                status: row.status_at(now),
                invited_by_name: found.user_name(row.invited_by),
                created_at: time::utc(row.created_at),
                expires_at: time::utc(row.expires_at),
            })
        })
        .collect())
}

fn received_view(
    conn: &mut DbConnection,
    row: &ConnectionInviteRow,
    now: NaiveDateTime,
) -> ApiResult<ReceivedInvite> {
    received_views(conn, std::slice::from_ref(row), now)?
        .pop()
        .ok_or_else(|| ApiError::not_found("invitation"))
}

/// Invitations as their creator sees them (teams and inviters read at once).
fn received_views(
    conn: &mut DbConnection,
    rows: &[ConnectionInviteRow],
    now: NaiveDateTime,
) -> ApiResult<Vec<ReceivedInvite>> {
    let teams: Vec<TeamId> = rows.iter().map(|row| row.team_id).collect();
    let inviters: Vec<UserId> = rows.iter().map(|row| row.invited_by).collect();
    let found = Lookups::read(conn, &[], &inviters, &teams)?;
    Ok(rows
        .iter()
        .map(|row| ReceivedInvite {
            id: row.id,
            team: TeamSummary {
                id: row.team_id,
                name: found.team_name(row.team_id),
            },
            invited_by_name: found.user_name(row.invited_by),
            message: row.message.clone(),
            status: row.status_at(now),
            created_at: time::utc(row.created_at),
            expires_at: time::utc(row.expires_at),
        })
        .collect())
}

/// The team's pending invitations, newest first.
pub fn list_sent(
    conn: &mut DbConnection,
    actor: UserId,
    team: TeamId,
    paging: &PageRequest,
    now: NaiveDateTime,
) -> ApiResult<Page<SentInvite>> {
    role_in(conn, team, actor)?;
    let rows = connection_invites::list_pending(
        conn,
        Some(team),
        None,
        now,
        paging.cursor.as_deref(),
        paging.fetch(),
    )?;
    let items = sent_views(conn, &rows, now)?
        .into_iter()
        .map(|view| (view.id, view))
        .collect();
    Ok(paging.page(items))
}

/// Revokes one of the team's pending invitations (any member); its links stop working. 409
/// `invite_not_pending` once decided or expired.
pub fn revoke(
    conn: &mut DbConnection,
    actor: UserId,
    team: TeamId,
    invite: ConnectionInviteId,
    now: NaiveDateTime,
) -> ApiResult<()> {
    role_in(conn, team, actor)?;
    let row = connection_invites::find(conn, invite)?
        .filter(|row| row.team_id == team)
        .ok_or_else(|| ApiError::not_found("invitation"))?;
    if connection_invites::decide(conn, row.id, ConnectionInviteStatus::Revoked, now)? == 1 {
        Ok(())
    } else {
        Err(not_pending(row.status_at(now)))
    }
}

fn not_pending(status: ConnectionInviteStatus) -> ApiError {
    ApiError::new(
        ErrorCode::InviteNotPending,
        format!("This invitation is {} already.", status.as_str()),
    )
}

/// The signed-in creator's profile; 404 when they have none.
fn own_profile(conn: &mut DbConnection, actor: UserId) -> ApiResult<CreatorRow> {
    creators::find_by_user(conn, actor)?.ok_or_else(|| {
        ApiError::new(
            ErrorCode::NotFound,
            "You have no creator profile; POST /api/v1/creator makes one.",
        )
    })
}

/// The signed-in creator's pending invitations, newest first.
pub fn list_received(
    conn: &mut DbConnection,
    actor: UserId,
    paging: &PageRequest,
    now: NaiveDateTime,
) -> ApiResult<Page<ReceivedInvite>> {
    let creator = own_profile(conn, actor)?;
    let rows = connection_invites::list_pending(
        conn,
        None,
        Some(creator.id),
        now,
        paging.cursor.as_deref(),
        paging.fetch(),
    )?;
    let items = received_views(conn, &rows, now)?
        .into_iter()
        .map(|view| (view.id, view))
        .collect();
    Ok(paging.page(items))
}

/// One of the signed-in creator's invitations; 404 for anyone else's.
fn own_invite(
    conn: &mut DbConnection,
    actor: UserId,
    invite: ConnectionInviteId,
) -> ApiResult<(CreatorRow, ConnectionInviteRow)> {
    let creator = own_profile(conn, actor)?;
    let row = connection_invites::find(conn, invite)?
        .filter(|row| row.creator_id == creator.id)
        .ok_or_else(|| ApiError::not_found("invitation"))?;
    Ok((creator, row))
}

/// Makes the decision on a pending invitation: accepting connects the team and the creator;
/// either way the team is told. 409 `invite_not_pending` when it was decided, revoked or expired.
fn decide(
    conn: &mut DbConnection,
    creator: &CreatorRow,
    row: &ConnectionInviteRow,
    decision: LinkDecision,
    now: NaiveDateTime,
) -> ApiResult<Option<CreatorConnection>> {
    let status = match decision {
        LinkDecision::Accept => ConnectionInviteStatus::Accepted,
        LinkDecision::Decline => ConnectionInviteStatus::Declined,
    };
    if connection_invites::decide(conn, row.id, status, now)? != 1 {
        return Err(not_pending(row.status_at(now)));
    }
    let (kind, text) = match decision {
        LinkDecision::Accept => (
            NotificationKind::InviteAccepted,
            format!(
                "{} accepted your invitation to connect",
                creator.display_name
            ),
        ),
        LinkDecision::Decline => (
            NotificationKind::InviteDeclined,
            format!(
                "{} declined your invitation to connect",
                creator.display_name
            ),
        ),
    };
    let connection = match decision {
        LinkDecision::Accept => Some(connect(conn, row, now)?),
        LinkDecision::Decline => None,
    };
    notify::team(
        conn,
        &Event {
            kind,
            text: &text,
            team: row.team_id,
            creator: Some(creator.id),
            invite: Some(row.id),
            conversation: None,
            influencer: None,
        },
        now,
    )?;
    Ok(connection)
}

/// The signed-in creator accepts one of their invitations: they are connected to the team.
pub fn accept(
    conn: &mut DbConnection,
    actor: UserId,
    invite: ConnectionInviteId,
    now: NaiveDateTime,
) -> ApiResult<CreatorConnection> {
    let (creator, row) = own_invite(conn, actor, invite)?;
    decide(conn, &creator, &row, LinkDecision::Accept, now)?.ok_or_else(|| {
        ApiError::internal(anyhow::anyhow!("an accepted invitation made no connection"))
    })
}

/// The signed-in creator declines one of their invitations.
pub fn decline(
    conn: &mut DbConnection,
    actor: UserId,
    invite: ConnectionInviteId,
    now: NaiveDateTime,
) -> ApiResult<()> {
    let (creator, row) = own_invite(conn, actor, invite)?;
    decide(conn, &creator, &row, LinkDecision::Decline, now).map(drop)
}

/// The invitation behind a mail link's token and the decision it names; 404 for a token no
/// invitation has.
fn by_token(
    conn: &mut DbConnection,
    token: &str,
) -> ApiResult<(ConnectionInviteRow, LinkDecision, CreatorRow)> {
    if token.is_empty() || token.len() > TOKEN_MAX {
        return Err(ApiError::not_found("invitation"));
    }
    let (row, decision) = connection_invites::find_by_token_hash(conn, &tokens::digest(token))?
        .ok_or_else(|| ApiError::not_found("invitation"))?;
    let creator =
        creators::find(conn, row.creator_id)?.ok_or_else(|| ApiError::not_found("invitation"))?;
    Ok((row, decision, creator))
}

/// What a mail link would do (it changes nothing): the invitation as it stands and the decision.
pub fn preview_link(
    conn: &mut DbConnection,
    token: &str,
    now: NaiveDateTime,
) -> ApiResult<ConnectionLink> {
    let (row, decision, creator) = by_token(conn, token)?;
    Ok(ConnectionLink {
        decision,
        invite: received_view(conn, &row, now)?,
        creator_name: creator.display_name,
    })
}

/// Confirms a mail link's decision (no sign-in: the link is the proof); the link then stops
/// working with the invitation. 409 `invite_not_pending` once decided, revoked or expired.
pub fn follow_link(
    conn: &mut DbConnection,
    token: &str,
    now: NaiveDateTime,
) -> ApiResult<ConnectionLink> {
    let (row, decision, creator) = by_token(conn, token)?;
    decide(conn, &creator, &row, decision, now)?;
    let decided =
        connection_invites::find(conn, row.id)?.ok_or_else(|| ApiError::not_found("invitation"))?;
    Ok(ConnectionLink {
        decision,
        invite: received_view(conn, &decided, now)?,
        creator_name: creator.display_name,
    })
}
