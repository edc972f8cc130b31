//! What a team member is sent by e-mail (the daily digest of data source matches), per team.

use rapport_domain::notifications::NotificationSettings;
use rapport_domain::{TeamId, UserId};
use rapport_store::{memberships, DbConnection};

use crate::access::role_in;
use crate::error::ApiResult;

/// The member's settings in the team.
pub fn get(
    conn: &mut DbConnection,
    actor: UserId,
    team: TeamId,
) -> ApiResult<NotificationSettings> {
    role_in(conn, team, actor)?;
    Ok(NotificationSettings {
        match_digest: memberships::match_digest(conn, team, actor)?,
    })
}

/// Sets the member's settings in the team.
pub fn set(
    conn: &mut DbConnection,
    actor: UserId,
    team: TeamId,
    settings: NotificationSettings,
) -> ApiResult<NotificationSettings> {
    role_in(conn, team, actor)?;
    memberships::set_match_digest(conn, team, actor, settings.match_digest)?;
    get(conn, actor, team)
}
