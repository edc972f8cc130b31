//! A team's favourite creators, shared by the team: star, unstar, list.

use rapport_domain::network::NetworkCreator;
use rapport_domain::page::Page;
use rapport_domain::{CreatorId, TeamId, UserId};
use rapport_store::creators::CreatorRow;
use rapport_store::{creators, favourites, time, DbConnection};

use crate::access::role_in;
use crate::error::{ApiError, ApiResult};
use crate::network::directory::discoverable;
use crate::network::marks::{marks_among, marks_of};
use crate::paging::{parse_time_cursor, time_cursor, PageRequest};

/// Stars a discoverable creator for the team (any member; starring twice changes nothing).
pub fn star(
    conn: &mut DbConnection,
    actor: UserId,
    team: TeamId,
    creator: CreatorId,
) -> ApiResult<NetworkCreator> {
    role_in(conn, team, actor)?;
    let row = discoverable(conn, creator)?;
    let now = time::now();
    favourites::add(conn, team, creator, actor, now)?;
    let marks = marks_of(conn, team, creator, now)?;
    Ok(creators::load(conn, row)?.to_network(marks))
}

/// Unstars a creator (whether or not they are still discoverable); 404 when not starred.
pub fn unstar(
    conn: &mut DbConnection,
    actor: UserId,
    team: TeamId,
    creator: CreatorId,
) -> ApiResult<()> {
    role_in(conn, team, actor)?;
    if favourites::remove(conn, team, creator)? {
        Ok(())
    } else {
        Err(ApiError::not_found("favourite"))
    }
}

/// The team's favourites that are discoverable, most recently starred first.
pub fn list(
    conn: &mut DbConnection,
    actor: UserId,
    team: TeamId,
    paging: &PageRequest,
) -> ApiResult<Page<NetworkCreator>> {
    role_in(conn, team, actor)?;
    let after = paging
        .cursor
        .as_deref()
        .map(parse_time_cursor)
        .transpose()?;
    let rows = favourites::list(conn, team, after, paging.fetch())?;
    let keys: Vec<String> = rows
        .iter()
        .map(|(at, row)| time_cursor(*at, row.id))
        .collect();
    let ids: Vec<CreatorId> = rows.iter().map(|(_, row)| row.id).collect();
    let marks = marks_among(conn, team, &ids, time::now())?;
    let stored = creators::load_many(
        conn,
        rows.into_iter()
            .map(|(_, row)| row)
            .collect::<Vec<CreatorRow>>(),
    )?;
    Ok(paging.page(
        keys.into_iter()
            .zip(stored.iter().map(|creator| {
                creator.to_network(marks.get(&creator.row.id).copied().unwrap_or_default())
            }))
            .collect(),
    ))
}
