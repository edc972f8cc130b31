//! Teams: the caller's teams, creating one (the caller owns it), reading and renaming one.

use chrono::NaiveDateTime;
use rapport_domain::page::Page;
use rapport_domain::teams::{Role, Team};
use rapport_domain::{TeamId, UserId};
use rapport_store::memberships::{self, MembershipRow};
use rapport_store::teams::{self, TeamRow};
use rapport_store::{new_id, time, DbConnection};

use crate::access::{require, role_in};
use crate::error::{ApiError, ApiResult};
use crate::paging::PageRequest;

/// The caller's teams, in the order they joined them.
pub fn list(conn: &mut DbConnection, actor: UserId, paging: &PageRequest) -> ApiResult<Page<Team>> {
    let rows = teams::list_for_user(conn, actor, paging.cursor.as_deref(), paging.fetch())?;
    Ok(paging.page(rows))
}

/// A new team, owned by the caller.
pub fn create(conn: &mut DbConnection, actor: UserId, name: String) -> ApiResult<Team> {
    create_at(conn, actor, name, time::now())
}

/// A new team owned by the caller, created at `now` (sign-up's first team shares its user's time).
pub(crate) fn create_at(
    conn: &mut DbConnection,
    actor: UserId,
    name: String,
    now: NaiveDateTime,
) -> ApiResult<Team> {
    let team = TeamRow {
        id: new_id(),
        name,
        created_at: now,
        updated_at: now,
    };
    teams::insert(conn, &team)?;
    memberships::insert(
        conn,
        &MembershipRow {
            id: new_id(),
            team_id: team.id,
            user_id: actor,
            role: Role::Owner,
            created_at: now,
        },
    )?;
    Ok(team.to_team(Role::Owner))
}

/// One of the caller's teams (404 for any other).
pub fn get(conn: &mut DbConnection, actor: UserId, team: TeamId) -> ApiResult<Team> {
    teams::find_for_member(conn, team, actor)?.ok_or_else(|| ApiError::not_found("team"))
}

/// Renames a team (owners and admins); with no new name, changes nothing.
pub fn update(
    conn: &mut DbConnection,
    actor: UserId,
    team: TeamId,
    name: Option<String>,
) -> ApiResult<Team> {
    let role = role_in(conn, team, actor)?;
    require(
        role.can_manage_team(),
        "Only owners and admins can change the team.",
    )?;
    if let Some(name) = name {
        teams::rename(conn, team, &name, time::now())?;
    }
    get(conn, actor, team)
}
