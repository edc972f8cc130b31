//! Where a team stands with creators (starred, invited, connected), read for a page at once.

use std::collections::HashMap;

use chrono::NaiveDateTime;
use rapport_domain::network::TeamMarks;
use rapport_domain::{CreatorId, TeamId};
use rapport_store::{connection_invites, connections, favourites, DbConnection};

use crate::error::ApiResult;

/// The team's marks on each of `creators` (three indexed queries).
pub fn marks_among(
    conn: &mut DbConnection,
    team: TeamId,
    creators: &[CreatorId],
    now: NaiveDateTime,
) -> ApiResult<HashMap<CreatorId, TeamMarks>> {
    let mut marks: HashMap<CreatorId, TeamMarks> = HashMap::new();
    for creator in favourites::starred_among(conn, team, creators)? {
        marks.entry(creator).or_default().favourite = true;
    }
    for (creator, invite) in connection_invites::pending_among(conn, team, creators, now)? {
        marks.entry(creator).or_default().invite_id = Some(invite);
    }
    for (creator, connection) in connections::connected_among(conn, team, creators)? {
        marks.entry(creator).or_default().connection_id = Some(connection);
    }
    Ok(marks)
}

/// The team's marks on one creator.
pub fn marks_of(
    conn: &mut DbConnection,
    team: TeamId,
    creator: CreatorId,
    now: NaiveDateTime,
) -> ApiResult<TeamMarks> {
    Ok(marks_among(conn, team, &[creator], now)?
        .remove(&creator)
        .unwrap_or_default())
}
