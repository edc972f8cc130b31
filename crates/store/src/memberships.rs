//! Who belongs to which team, in which role.

use chrono::NaiveDateTime;
use diesel::prelude::*;
use rapport_domain::teams::{Member, Role};
use rapport_domain::{MembershipId, TeamId, UserId};

use crate::schema::{memberships, users};
use crate::time::utc;
use crate::{DbConnection, StoreError};

/// A stored membership.
#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = memberships)]
pub struct MembershipRow {
    /// UUIDv7; orders members by joining time.
    pub id: MembershipId,
    /// The team.
    pub team_id: TeamId,
    /// The member.
    pub user_id: UserId,
    /// `owner`, `admin` or `member`.
    pub role: Role,
    /// Joined.
    pub created_at: NaiveDateTime,
}

/// The columns a [`Member`] is read from: user id, e-mail, name, role, joined.
type MemberColumns = (UserId, String, String, Role, NaiveDateTime);

const MEMBER_COLUMNS: (
    users::id,
    users::email,
    users::name,
    memberships::role,
    memberships::created_at,
) = (
    users::id,
    users::email,
    users::name,
    memberships::role,
    memberships::created_at,
);

fn to_member((user_id, email, name, role, joined): MemberColumns) -> Member {
    Member {
        user_id,
        email,
        name,
        role,
        joined_at: utc(joined),
    }
}

/// Adds a member; an existing membership is a unique violation.
pub fn insert(conn: &mut DbConnection, row: &MembershipRow) -> QueryResult<()> {
    diesel::insert_into(memberships::table)
        .values(row)
        .execute(conn)
        .map(drop)
}

/// The user's role in the team, if they are a member.
pub fn role_of(
    conn: &mut DbConnection,
    team: TeamId,
    user: UserId,
) -> Result<Option<Role>, StoreError> {
    let role: Option<Role> = memberships::table
        .filter(memberships::team_id.eq(team))
        .filter(memberships::user_id.eq(user))
        .select(memberships::role)
        .first(conn)
        .optional()?;
    if role.is_none() && crate::api_keys::is_key_of(conn, team, user)? {
        // A team's API key works there as a member (its scope may narrow it to reading).
        return Ok(Some(Role::Member));
    }
    Ok(role)
}

/// The team's members in joining order, after the membership `after` (a cursor).
pub fn list(
    conn: &mut DbConnection,
    team: TeamId,
    after: Option<&str>,
    limit: i64,
) -> Result<Vec<(MembershipId, Member)>, StoreError> {
    let mut query = memberships::table
        .inner_join(users::table)
        .filter(memberships::team_id.eq(team))
        .select((memberships::id, MEMBER_COLUMNS))
        .order(memberships::id.asc())
        .limit(limit)
        .into_boxed();
    if let Some(after) = after {
        query = query.filter(memberships::id.gt(after.to_owned()));
    }
    let rows: Vec<(MembershipId, MemberColumns)> = query.load(conn)?;
    Ok(rows
        .into_iter()
        .map(|(key, columns)| (key, to_member(columns)))
        .collect())
}

/// One member of the team.
pub fn find_member(
    conn: &mut DbConnection,
    team: TeamId,
    user: UserId,
) -> Result<Option<Member>, StoreError> {
    let row: Option<MemberColumns> = memberships::table
        .inner_join(users::table)
        .filter(memberships::team_id.eq(team))
        .filter(memberships::user_id.eq(user))
        .select(MEMBER_COLUMNS)
        .first(conn)
        .optional()?;
    Ok(row.map(to_member))
}

/// Changes a member's role.
pub fn set_role(
    conn: &mut DbConnection,
    team: TeamId,
    user: UserId,
    role: Role,
) -> QueryResult<usize> {
    diesel::update(
        memberships::table
            .filter(memberships::team_id.eq(team))
            .filter(memberships::user_id.eq(user)),
    )
    .set(memberships::role.eq(role))
    .execute(conn)
}

/// Removes a member.
pub fn delete(conn: &mut DbConnection, team: TeamId, user: UserId) -> QueryResult<usize> {
    diesel::delete(
        memberships::table
            .filter(memberships::team_id.eq(team))
            .filter(memberships::user_id.eq(user)),
    )
    .execute(conn)
}

/// How many owners the team has.
pub fn count_owners(conn: &mut DbConnection, team: TeamId) -> QueryResult<i64> {
    memberships::table
        .filter(memberships::team_id.eq(team))
        .filter(memberships::role.eq(Role::Owner))
        .count()
        .get_result(conn)
}

/// The team's owners.
pub fn owners_of(conn: &mut DbConnection, team: TeamId) -> QueryResult<Vec<UserId>> {
    memberships::table
        .filter(memberships::team_id.eq(team))
        .filter(memberships::role.eq(Role::Owner))
        .select(memberships::user_id)
        .load(conn)
}

/// The users of the team.
pub fn user_ids(conn: &mut DbConnection, team: TeamId) -> QueryResult<Vec<UserId>> {
    memberships::table
        .filter(memberships::team_id.eq(team))
        .select(memberships::user_id)
        .load(conn)
}

/// The teams the user is a member of.
pub fn team_ids_of(conn: &mut DbConnection, user: UserId) -> QueryResult<Vec<TeamId>> {
    memberships::table
        .filter(memberships::user_id.eq(user))
        .select(memberships::team_id)
        .load(conn)
}

/// What a member of a team is sent by e-mail (in-app notifications are always on).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Queryable, Selectable)]
#[diesel(table_name = memberships)]
pub struct MailSettings {
    /// The daily digest of data source matches.
    pub match_digest: bool,
    /// A mail when a reminder assigned to them falls due.
    pub reminder_email: bool,
    /// The daily digest of their overdue reminders.
    pub overdue_digest: bool,
}

/// Changes to a member's mail settings; `None` leaves a setting.
#[derive(Debug, Clone, Copy, Default, AsChangeset)]
#[diesel(table_name = memberships)]
pub struct MailSettingsChanges {
    /// The daily digest of data source matches.
    pub match_digest: Option<bool>,
    /// A mail when a reminder falls due.
    pub reminder_email: Option<bool>,
    /// The daily digest of overdue reminders.
    pub overdue_digest: Option<bool>,
}

/// What the member of the team is sent by e-mail, if they are a member.
pub fn mail_settings(
    conn: &mut DbConnection,
    team: TeamId,
    user: UserId,
) -> QueryResult<Option<MailSettings>> {
    memberships::table
        .filter(memberships::team_id.eq(team))
        .filter(memberships::user_id.eq(user))
        .select(MailSettings::as_select())
        .first(conn)
        .optional()
}

/// Changes what the member of the team is sent by e-mail (nothing when `changes` is empty).
pub fn set_mail_settings(
    conn: &mut DbConnection,
    team: TeamId,
    user: UserId,
    changes: &MailSettingsChanges,
) -> QueryResult<usize> {
    if changes.match_digest.is_none()
        && changes.reminder_email.is_none()
        && changes.overdue_digest.is_none()
    {
        return Ok(0);
    }
    diesel::update(
        memberships::table
            .filter(memberships::team_id.eq(team))
            .filter(memberships::user_id.eq(user)),
    )
    .set(changes)
    .execute(conn)
}

/// The members of the team who keep the daily digest of data source matches on.
pub fn digest_readers(conn: &mut DbConnection, team: TeamId) -> QueryResult<Vec<UserId>> {
    memberships::table
        .filter(memberships::team_id.eq(team))
        .filter(memberships::match_digest.eq(true))
        .select(memberships::user_id)
        .load(conn)
}
