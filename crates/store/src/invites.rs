//! Invitations to join a team. Tokens are stored only as hashes.

use chrono::NaiveDateTime;
use diesel::prelude::*;
use rapport_domain::teams::{Invite, InviteStatus, Role};
use rapport_domain::{InviteId, TeamId, UserId};

use crate::schema::invites;
use crate::time::utc;
use crate::DbConnection;

/// A stored invitation.
#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = invites)]
pub struct InviteRow {
    /// UUIDv7.
    pub id: InviteId,
    /// The team.
    pub team_id: TeamId,
    /// Normalised address of the invitee.
    pub email: String,
    /// `admin` or `member`.
    pub role: Role,
    /// SHA-256 of the link's token, hex.
    pub token_hash: String,
    /// Who invited.
    pub invited_by: UserId,
    /// Sent.
    pub created_at: NaiveDateTime,
    /// The link stops working.
    pub expires_at: NaiveDateTime,
    /// Accepted, if it was.
    pub accepted_at: Option<NaiveDateTime>,
    /// Who accepted it.
    pub accepted_by: Option<UserId>,
    /// Revoked, if it was.
    pub revoked_at: Option<NaiveDateTime>,
}

impl InviteRow {
    /// Where the invitation stands at `now`.
    pub fn status(&self, now: NaiveDateTime) -> InviteStatus {
        if self.accepted_at.is_some() {
            InviteStatus::Accepted
        } else if self.revoked_at.is_some() {
            InviteStatus::Revoked
        } else if self.expires_at <= now {
            InviteStatus::Expired
        } else {
            InviteStatus::Pending
        }
    }

    /// The API view of the invitation at `now`.
    pub fn to_invite(&self, now: NaiveDateTime) -> Invite {
        Invite {
            id: self.id,
            team_id: self.team_id,
            email: self.email.clone(),
            role: self.role,
            invited_by: self.invited_by,
            status: self.status(now),
            created_at: utc(self.created_at),
            expires_at: utc(self.expires_at),
        }
    }
}

/// Stores a new invitation.
pub fn insert(conn: &mut DbConnection, row: &InviteRow) -> QueryResult<()> {
    diesel::insert_into(invites::table)
        .values(row)
        .execute(conn)
        .map(drop)
}

/// The invitation whose token hashes to `token_hash`.
pub fn find_by_token_hash(
    conn: &mut DbConnection,
    token_hash: &str,
) -> QueryResult<Option<InviteRow>> {
    invites::table
        .filter(invites::token_hash.eq(token_hash))
        .select(InviteRow::as_select())
        .first(conn)
        .optional()
}

/// The team's open invitation (neither accepted nor revoked, not expired) for `email`.
pub fn find_open_for_email(
    conn: &mut DbConnection,
    team: TeamId,
    email: &str,
    now: NaiveDateTime,
) -> QueryResult<Option<InviteRow>> {
    invites::table
        .filter(invites::team_id.eq(team))
        .filter(invites::email.eq(email))
        .filter(invites::accepted_at.is_null())
        .filter(invites::revoked_at.is_null())
        .filter(invites::expires_at.gt(now))
        .select(InviteRow::as_select())
        .first(conn)
        .optional()
}

/// The team's invitations that were neither accepted nor revoked (pending or expired), oldest first.
pub fn list_open(
    conn: &mut DbConnection,
    team: TeamId,
    after: Option<&str>,
    limit: i64,
) -> QueryResult<Vec<InviteRow>> {
    let mut query = invites::table
        .filter(invites::team_id.eq(team))
        .filter(invites::accepted_at.is_null())
        .filter(invites::revoked_at.is_null())
        .select(InviteRow::as_select())
        .order(invites::id.asc())
        .limit(limit)
        .into_boxed();
    if let Some(after) = after {
        query = query.filter(invites::id.gt(after.to_owned()));
    }
    query.load(conn)
}

/// Revokes the team's invitation if it is still open; returns how many rows changed (0 or 1).
pub fn revoke(
    conn: &mut DbConnection,
    team: TeamId,
    id: InviteId,
    now: NaiveDateTime,
) -> QueryResult<usize> {
    diesel::update(
        invites::table
            .filter(invites::id.eq(id))
            .filter(invites::team_id.eq(team))
            .filter(invites::accepted_at.is_null())
            .filter(invites::revoked_at.is_null()),
    )
    .set(invites::revoked_at.eq(now))
    .execute(conn)
}

/// Marks the invitation accepted by `user` if it is still pending; returns 1 when it was.
/// The condition makes the link single-use even when two requests race.
pub fn accept(
    conn: &mut DbConnection,
    id: InviteId,
    user: UserId,
    now: NaiveDateTime,
) -> QueryResult<usize> {
    diesel::update(
        invites::table
            .filter(invites::id.eq(id))
            .filter(invites::accepted_at.is_null())
            .filter(invites::revoked_at.is_null())
            .filter(invites::expires_at.gt(now)),
    )
    .set((invites::accepted_at.eq(now), invites::accepted_by.eq(user)))
    .execute(conn)
}

/// The team's invitation with this id, whatever its state.
pub fn find_in_team(
    conn: &mut DbConnection,
    team: TeamId,
    id: InviteId,
) -> QueryResult<Option<InviteRow>> {
    invites::table
        .filter(invites::id.eq(id))
        .filter(invites::team_id.eq(team))
        .select(InviteRow::as_select())
        .first(conn)
        .optional()
}
