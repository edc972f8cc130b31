//! Teams (brand workspaces).

use chrono::NaiveDateTime;
use diesel::prelude::*;
use rapport_domain::teams::{Role, Team};
use rapport_domain::{MembershipId, TeamId, UserId};

use crate::schema::{memberships, teams};
use crate::time::utc;
use crate::{DbConnection, StoreError};

/// A stored team.
#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = teams)]
pub struct TeamRow {
    /// UUIDv7.
    pub id: TeamId,
    /// Name.
    pub name: String,
    /// Created.
    pub created_at: NaiveDateTime,
    /// Last changed.
    pub updated_at: NaiveDateTime,
}

impl TeamRow {
    /// The API view of the team for a member with `role`.
    pub fn to_team(&self, role: Role) -> Team {
        Team {
            id: self.id,
            name: self.name.clone(),
            my_role: role,
            created_at: utc(self.created_at),
            updated_at: utc(self.updated_at),
        }
    }
}

/// Stores a new team.
pub fn insert(conn: &mut DbConnection, row: &TeamRow) -> QueryResult<()> {
    diesel::insert_into(teams::table)
        .values(row)
        .execute(conn)
        .map(drop)
}

/// Renames a team.
pub fn rename(
    conn: &mut DbConnection,
    id: TeamId,
    name: &str,
    at: NaiveDateTime,
) -> QueryResult<usize> {
    diesel::update(teams::table.find(id))
        .set((teams::name.eq(name), teams::updated_at.eq(at)))
        .execute(conn)
}

/// The team, as seen by `user`, if they are a member of it (or one of its live API keys, which
/// sees it as a member).
pub fn find_for_member(
    conn: &mut DbConnection,
    id: TeamId,
    user: UserId,
) -> Result<Option<Team>, StoreError> {
    let Some(role) = crate::memberships::role_of(conn, id, user)? else {
        return Ok(None);
    };
    let found: Option<TeamRow> = teams::table
        .find(id)
        .select(TeamRow::as_select())
        .first(conn)
        .optional()?;
    Ok(found.map(|team| team.to_team(role)))
}

/// The user's teams in the order they joined them, after the membership `after` (a cursor).
/// Returns each team with the membership id that orders it.
pub fn list_for_user(
    conn: &mut DbConnection,
    user: UserId,
    after: Option<&str>,
    limit: i64,
) -> Result<Vec<(MembershipId, Team)>, StoreError> {
    let mut query = teams::table
        .inner_join(memberships::table)
        .filter(memberships::user_id.eq(user))
        .select((memberships::id, TeamRow::as_select(), memberships::role))
        .order(memberships::id.asc())
        .limit(limit)
        .into_boxed();
    if let Some(after) = after {
        query = query.filter(memberships::id.gt(after.to_owned()));
    }
    let rows: Vec<(MembershipId, TeamRow, Role)> = query.load(conn)?;
    Ok(rows
        .into_iter()
        .map(|(key, team, role)| (key, team.to_team(role)))
        .collect())
}

/// The names of these teams, by id.
pub fn names(
    conn: &mut DbConnection,
    ids: &[TeamId],
) -> QueryResult<std::collections::HashMap<TeamId, String>> {
    Ok(teams::table
        .filter(teams::id.eq_any(ids))
        .select((teams::id, teams::name))
        .load::<(TeamId, String)>(conn)?
        .into_iter()
        .collect())
}

/// The team's name.
pub fn find_name(conn: &mut DbConnection, id: TeamId) -> QueryResult<Option<String>> {
    teams::table
        .find(id)
        .select(teams::name)
        .first(conn)
        .optional()
}
