//! Connections between teams and creators.

use chrono::NaiveDateTime;
use diesel::prelude::*;
use rapport_domain::{ConnectionId, CreatorId, InfluencerId, TeamId};

use crate::schema::connections;
use crate::DbConnection;

/// A stored connection.
#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = connections)]
pub struct ConnectionRow {
    /// UUIDv7.
    pub id: ConnectionId,
    /// The team.
    pub team_id: TeamId,
    /// The creator.
    pub creator_id: CreatorId,
    /// The team's influencer linked to the creator (none once the team deleted it).
    pub influencer_id: Option<InfluencerId>,
    /// Since when.
    pub created_at: NaiveDateTime,
}

/// Stores a connection; a second one between the team and the creator is a unique violation.
pub fn insert(conn: &mut DbConnection, row: &ConnectionRow) -> QueryResult<()> {
    diesel::insert_into(connections::table)
        .values(row)
        .execute(conn)
        .map(drop)
}

/// The connection between the team and the creator, if any.
pub fn between(
    conn: &mut DbConnection,
    team: TeamId,
    creator: CreatorId,
) -> QueryResult<Option<ConnectionRow>> {
    connections::table
        .filter(connections::team_id.eq(team))
        .filter(connections::creator_id.eq(creator))
        .select(ConnectionRow::as_select())
        .first(conn)
        .optional()
}

/// The connection with this id.
pub fn find(conn: &mut DbConnection, id: ConnectionId) -> QueryResult<Option<ConnectionRow>> {
    connections::table
        .find(id)
        .select(ConnectionRow::as_select())
        .first(conn)
        .optional()
}

/// Ends a connection; how many rows went (0: already ended).
pub fn delete(conn: &mut DbConnection, id: ConnectionId) -> QueryResult<usize> {
    diesel::delete(connections::table.find(id)).execute(conn)
}

/// Connections, newest first, after the connection `after` (an id), at most `limit`: the team's
/// when `team` is given, the creator's when `creator` is.
pub fn list(
    conn: &mut DbConnection,
    team: Option<TeamId>,
    creator: Option<CreatorId>,
    after: Option<&str>,
    limit: i64,
) -> QueryResult<Vec<ConnectionRow>> {
    let mut query = connections::table
        .select(ConnectionRow::as_select())
        .order(connections::id.desc())
        .limit(limit)
        .into_boxed();
    if let Some(team) = team {
        query = query.filter(connections::team_id.eq(team));
    }
    if let Some(creator) = creator {
        query = query.filter(connections::creator_id.eq(creator));
    }
    if let Some(after) = after {
        query = query.filter(connections::id.lt(after.to_owned()));
    }
    query.load(conn)
}

/// The team's connections among `creators`: (creator, connection).
pub fn connected_among(
    conn: &mut DbConnection,
    team: TeamId,
    creators: &[CreatorId],
) -> QueryResult<Vec<(CreatorId, ConnectionId)>> {
    connections::table
        .filter(connections::team_id.eq(team))
        .filter(connections::creator_id.eq_any(creators))
        .select((connections::creator_id, connections::id))
        .load(conn)
}

/// The connections that link creators to these influencers (an influencer is one team's).
pub fn for_influencers(
    conn: &mut DbConnection,
    influencers: &[InfluencerId],
) -> QueryResult<Vec<ConnectionRow>> {
    connections::table
        .filter(connections::influencer_id.eq_any(influencers))
        .select(ConnectionRow::as_select())
        .load(conn)
}

/// The team's connection linked to its influencer `influencer`, if any.
pub fn for_influencer(
    conn: &mut DbConnection,
    team: TeamId,
    influencer: InfluencerId,
) -> QueryResult<Option<ConnectionRow>> {
    connections::table
        .filter(connections::team_id.eq(team))
        .filter(connections::influencer_id.eq(influencer))
        .select(ConnectionRow::as_select())
        .first(conn)
        .optional()
}
