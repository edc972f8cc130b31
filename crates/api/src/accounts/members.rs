//! Members of a team: listing, changing roles, removing someone or leaving. A team always keeps
//! at least one owner.

use rapport_domain::page::Page;
use rapport_domain::teams::{Member, Role};
use rapport_domain::{TeamId, UserId};
use rapport_store::{memberships, DbConnection};

use crate::access::{require, role_in};
use crate::error::{ApiError, ApiResult, ErrorCode};
use crate::paging::PageRequest;

/// The team's members, in the order they joined.
pub fn list(
    conn: &mut DbConnection,
    actor: UserId,
    team: TeamId,
    paging: &PageRequest,
) -> ApiResult<Page<Member>> {
    role_in(conn, team, actor)?;
    let rows = memberships::list(conn, team, paging.cursor.as_deref(), paging.fetch())?;
    Ok(paging.page(rows))
}

/// Gives a member another role (owners only); 409 `last_owner` when the team would have none.
pub fn set_role(
    conn: &mut DbConnection,
    actor: UserId,
    team: TeamId,
    user: UserId,
    new_role: Role,
) -> ApiResult<Member> {
    let role = role_in(conn, team, actor)?;
    require(role.can_manage_members(), "Only owners can change roles.")?;
    let member = find(conn, team, user)?;
    if member.role == Role::Owner && new_role != Role::Owner {
        keep_an_owner(conn, team)?;
    }
    memberships::set_role(conn, team, user, new_role)?;
    Ok(Member {
        role: new_role,
        ..member
    })
}

/// Removes a member (owners), or the caller themselves (anyone: leaving the team); 409
/// `last_owner` when the team would have no owner.
pub fn remove(conn: &mut DbConnection, actor: UserId, team: TeamId, user: UserId) -> ApiResult<()> {
    let role = role_in(conn, team, actor)?;
    if user != actor {
        require(role.can_manage_members(), "Only owners can remove members.")?;
    }
    let member = find(conn, team, user)?;
    if member.role == Role::Owner {
        keep_an_owner(conn, team)?;
    }
    memberships::delete(conn, team, user)?;
    Ok(())
}

fn find(conn: &mut DbConnection, team: TeamId, user: UserId) -> ApiResult<Member> {
    memberships::find_member(conn, team, user)?.ok_or_else(|| ApiError::not_found("member"))
}

/// Refuses when the team has only one owner (about to stop being one).
fn keep_an_owner(conn: &mut DbConnection, team: TeamId) -> ApiResult<()> {
    if memberships::count_owners(conn, team)? <= 1 {
        return Err(ApiError::new(
            ErrorCode::LastOwner,
            "A team needs an owner: make someone else owner first.",
        ));
    }
    Ok(())
}
