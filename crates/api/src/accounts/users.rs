//! The signed-in user.

use rapport_domain::auth::Me;
use rapport_domain::UserId;
use rapport_store::{creators, teams, users, DbConnection};

use crate::error::{ApiError, ApiResult, ErrorCode};

/// Most teams listed inline in `/me`; `/teams` pages through all of them.
const ME_TEAMS_MAX: i64 = 1000;

/// Who am I: the user and their teams with their role in each. 401 when the account is gone.
pub fn me(conn: &mut DbConnection, actor: UserId) -> ApiResult<Me> {
    let user = users::find(conn, actor)?
        .ok_or_else(|| ApiError::new(ErrorCode::Unauthorized, "This account no longer exists."))?;
    let teams = teams::list_for_user(conn, actor, None, ME_TEAMS_MAX)?
        .into_iter()
        .map(|(_, team)| team)
        .collect();
    let creator_id = creators::find_by_user(conn, actor)?.map(|creator| creator.id);
    Ok(Me {
        user: user.to_user(),
        teams,
        creator_id,
    })
}
