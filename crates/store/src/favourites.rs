//! A team's favourite creators.

use chrono::NaiveDateTime;
use diesel::prelude::*;
use diesel::result::DatabaseErrorKind;
use diesel::result::Error::DatabaseError;
use rapport_domain::{CreatorId, TeamId, UserId};

use crate::creators::CreatorRow;
use crate::schema::{creators, favourites};
use crate::DbConnection;

/// Stars `creator` for `team` (starring twice changes nothing, also when two requests race).
pub fn add(
    conn: &mut DbConnection,
    team: TeamId,
    creator: CreatorId,
    by: UserId,
    now: NaiveDateTime,
) -> QueryResult<()> {
    if is_favourite(conn, team, creator)? {
        return Ok(());
    }
    diesel::insert_into(favourites::table)
        .values((
            favourites::team_id.eq(team),
            favourites::creator_id.eq(creator),
            favourites::created_by.eq(by),
            favourites::created_at.eq(now),
        ))
        .execute(conn)
        .map(drop)
        .or_else(|error| match error {
            DatabaseError(DatabaseErrorKind::UniqueViolation, _) => Ok(()),
            other => Err(other),
        })
}

/// Unstars `creator` for `team`; whether it was starred.
pub fn remove(conn: &mut DbConnection, team: TeamId, creator: CreatorId) -> QueryResult<bool> {
    diesel::delete(
        favourites::table
            .filter(favourites::team_id.eq(team))
            .filter(favourites::creator_id.eq(creator)),
    )
    .execute(conn)
    .map(|deleted| deleted > 0)
}

/// Whether `team` starred `creator`.
pub fn is_favourite(
    conn: &mut DbConnection,
    team: TeamId,
    creator: CreatorId,
) -> QueryResult<bool> {
    favourites::table
        .filter(favourites::team_id.eq(team))
        .filter(favourites::creator_id.eq(creator))
        .count()
        .get_result::<i64>(conn)
        .map(|count| count > 0)
}

/// The team's discoverable favourites, most recently starred first, after the favourite starred
/// at `after` (time and creator id), at most `limit`; each with when it was starred.
pub fn list(
    conn: &mut DbConnection,
    team: TeamId,
    after: Option<(NaiveDateTime, String)>,
    limit: i64,
) -> QueryResult<Vec<(NaiveDateTime, CreatorRow)>> {
    let mut query = favourites::table
        .inner_join(creators::table)
        .filter(favourites::team_id.eq(team))
        .filter(creators::discoverable.eq(true))
        .select((favourites::created_at, CreatorRow::as_select()))
        .order((favourites::created_at.desc(), favourites::creator_id.desc()))
        .limit(limit)
        .into_boxed();
    if let Some((at, id)) = after {
        query = query.filter(
            favourites::created_at.lt(at).or(favourites::created_at
                .eq(at)
                .and(favourites::creator_id.lt(id))),
        );
    }
    query.load(conn)
}

/// Which of `creators` the team starred.
pub fn starred_among(
    conn: &mut DbConnection,
    team: TeamId,
    creators: &[CreatorId],
) -> QueryResult<Vec<CreatorId>> {
    favourites::table
        .filter(favourites::team_id.eq(team))
        .filter(favourites::creator_id.eq_any(creators))
        .select(favourites::creator_id)
        .load(conn)
}
