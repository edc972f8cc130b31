//! The network's creators as brands see them.

use rapport_domain::network::NetworkCreator;
use rapport_domain::{CreatorId, TeamId, UserId};
use rapport_store::creators::CreatorRow;
use rapport_store::{creators, DbConnection};

use crate::access::role_in;
use crate::error::{ApiError, ApiResult};
use crate::network::marks::marks_of;

/// The creator if they are discoverable; 404 otherwise (a hidden creator is not in the network).
pub fn discoverable(conn: &mut DbConnection, id: CreatorId) -> ApiResult<CreatorRow> {
    creators::find(conn, id)?
        .filter(|row| row.discoverable)
        .ok_or_else(|| ApiError::not_found("creator"))
}

/// One creator of the network, as the team `team` (the caller's) sees them.
pub fn creator(
    conn: &mut DbConnection,
    actor: UserId,
    team: TeamId,
    id: CreatorId,
    now: chrono::NaiveDateTime,
) -> ApiResult<NetworkCreator> {
    role_in(conn, team, actor)?;
    let row = discoverable(conn, id)?;
    let marks = marks_of(conn, team, id, now)?;
    Ok(creators::load(conn, row)?.to_network(marks))
}
