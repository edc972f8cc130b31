//! Teams' invitations to creators to connect. The links' tokens are stored only as digests.

use chrono::NaiveDateTime;
use diesel::prelude::*;
use rapport_domain::connections::{ConnectionInviteStatus, LinkDecision};
use rapport_domain::{ConnectionInviteId, CreatorId, TeamId, UserId};

use crate::schema::connection_invites;
use crate::DbConnection;

/// A stored invitation.
#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = connection_invites)]
pub struct ConnectionInviteRow {
    /// UUIDv7.
    pub id: ConnectionInviteId,
    /// The team inviting.
    pub team_id: TeamId,
    /// The creator invited.
    pub creator_id: CreatorId,
    /// Who sent it.
    pub invited_by: UserId,
    /// The message.
    pub message: Option<String>,
    /// As last written (a pending one past `expires_at` has expired).
    pub status: ConnectionInviteStatus,
    /// SHA-256 of the accept link's token, hex.
    pub accept_token_hash: String,
    /// SHA-256 of the decline link's token, hex.
    pub decline_token_hash: String,
    /// Sent.
    pub created_at: NaiveDateTime,
    /// Expires unless decided.
    pub expires_at: NaiveDateTime,
    /// Accepted, declined or revoked.
    pub decided_at: Option<NaiveDateTime>,
}

impl ConnectionInviteRow {
    /// Where it stands at `now`.
    pub fn status_at(&self, now: NaiveDateTime) -> ConnectionInviteStatus {
        match self.status {
            ConnectionInviteStatus::Pending if self.expires_at <= now => {
                ConnectionInviteStatus::Expired
            }
            status => status,
        }
    }
}

/// Stores a new invitation; a second pending one for the team and creator is a unique violation.
pub fn insert(conn: &mut DbConnection, row: &ConnectionInviteRow) -> QueryResult<()> {
    diesel::insert_into(connection_invites::table)
        .values(row)
        .execute(conn)
        .map(drop)
}

/// Marks the team's pending invitations of `creator` past their expiry as expired.
pub fn expire_stale(
    conn: &mut DbConnection,
    team: TeamId,
    creator: CreatorId,
    now: NaiveDateTime,
) -> QueryResult<usize> {
    diesel::update(
        connection_invites::table
            .filter(connection_invites::team_id.eq(team))
            .filter(connection_invites::creator_id.eq(creator))
            .filter(connection_invites::status.eq(ConnectionInviteStatus::Pending))
            .filter(connection_invites::expires_at.le(now)),
    )
    .set(connection_invites::status.eq(ConnectionInviteStatus::Expired))
    .execute(conn)
}

/// The invitation with this id.
pub fn find(
    conn: &mut DbConnection,
    id: ConnectionInviteId,
) -> QueryResult<Option<ConnectionInviteRow>> {
    connection_invites::table
        .find(id)
        .select(ConnectionInviteRow::as_select())
        .first(conn)
        .optional()
}

/// The invitation whose accept or decline link has this digest, with the decision it names.
pub fn find_by_token_hash(
    conn: &mut DbConnection,
    hash: &str,
) -> QueryResult<Option<(ConnectionInviteRow, LinkDecision)>> {
    let row = connection_invites::table
        .filter(
            connection_invites::accept_token_hash
                .eq(hash)
                .or(connection_invites::decline_token_hash.eq(hash)),
        )
        .select(ConnectionInviteRow::as_select())
        .first(conn)
        .optional()?;
    Ok(row.map(|row| {
        let decision = if row.accept_token_hash == hash {
            LinkDecision::Accept
        } else {
            LinkDecision::Decline
        };
        (row, decision)
    }))
}

/// Moves a pending, unexpired invitation to `status` at `now`; how many rows changed (0: it was
/// not pending any more, so exactly one decision wins).
pub fn decide(
    conn: &mut DbConnection,
    id: ConnectionInviteId,
    status: ConnectionInviteStatus,
    now: NaiveDateTime,
) -> QueryResult<usize> {
    diesel::update(
        connection_invites::table
            .filter(connection_invites::id.eq(id))
            .filter(connection_invites::status.eq(ConnectionInviteStatus::Pending))
            .filter(connection_invites::expires_at.gt(now)),
    )
    .set((
        connection_invites::status.eq(status),
        connection_invites::decided_at.eq(now),
    ))
    .execute(conn)
}

/// When the creator last declined one of the team's invitations, if ever.
pub fn last_declined(
    conn: &mut DbConnection,
    team: TeamId,
    creator: CreatorId,
) -> QueryResult<Option<NaiveDateTime>> {
    connection_invites::table
        .filter(connection_invites::team_id.eq(team))
        .filter(connection_invites::creator_id.eq(creator))
        .filter(connection_invites::status.eq(ConnectionInviteStatus::Declined))
        .select(diesel::dsl::max(connection_invites::decided_at))
        .first::<Option<NaiveDateTime>>(conn)
}

/// The team's invitations sent at or after `since`, oldest first (their sending times).
pub fn sent_since(
    conn: &mut DbConnection,
    team: TeamId,
    since: NaiveDateTime,
) -> QueryResult<Vec<NaiveDateTime>> {
    connection_invites::table
        .filter(connection_invites::team_id.eq(team))
        .filter(connection_invites::created_at.ge(since))
        .order(connection_invites::created_at)
        .select(connection_invites::created_at)
        .load(conn)
}

/// Open invitations, newest first, after the invitation `after` (an id), at most `limit`: the
/// team's when `team` is given, the creator's when `creator` is.
pub fn list_pending(
    conn: &mut DbConnection,
    team: Option<TeamId>,
    creator: Option<CreatorId>,
    now: NaiveDateTime,
    after: Option<&str>,
    limit: i64,
) -> QueryResult<Vec<ConnectionInviteRow>> {
    let mut query = connection_invites::table
        .filter(connection_invites::status.eq(ConnectionInviteStatus::Pending))
        .filter(connection_invites::expires_at.gt(now))
        .select(ConnectionInviteRow::as_select())
        .order(connection_invites::id.desc())
        .limit(limit)
        .into_boxed();
    if let Some(team) = team {
        query = query.filter(connection_invites::team_id.eq(team));
    }
    if let Some(creator) = creator {
        query = query.filter(connection_invites::creator_id.eq(creator));
    }
    if let Some(after) = after {
        query = query.filter(connection_invites::id.lt(after.to_owned()));
    }
    query.load(conn)
}

/// The team's open invitations among `creators`: (creator, invitation).
pub fn pending_among(
    conn: &mut DbConnection,
    team: TeamId,
    creators: &[CreatorId],
    now: NaiveDateTime,
) -> QueryResult<Vec<(CreatorId, ConnectionInviteId)>> {
    connection_invites::table
        .filter(connection_invites::team_id.eq(team))
        .filter(connection_invites::creator_id.eq_any(creators))
        .filter(connection_invites::status.eq(ConnectionInviteStatus::Pending))
        .filter(connection_invites::expires_at.gt(now))
        .select((connection_invites::creator_id, connection_invites::id))
        .load(conn)
}
