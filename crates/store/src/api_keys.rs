//! Team API keys: each acts as a user of its own, bound to its team; the secret is kept as a
//! hash and found by its prefix.

use chrono::NaiveDateTime;
use diesel::prelude::*;
use rapport_domain::api_keys::ApiKeyScope;
use rapport_domain::{ApiKeyId, TeamId, UserId};

use crate::schema::{api_keys, users};
use crate::DbConnection;

/// A stored key.
#[derive(Debug, Clone, PartialEq, Eq, Queryable, Selectable, Insertable)]
#[diesel(table_name = api_keys)]
pub struct ApiKeyRow {
    /// UUIDv7.
    pub id: ApiKeyId,
    /// Its team.
    pub team_id: TeamId,
    /// The user it acts as.
    pub user_id: UserId,
    /// Its name.
    pub name: String,
    /// `rpk_` and the secret's next 8 characters.
    pub prefix: String,
    /// SHA-256 of the secret, hex.
    pub secret_hash: String,
    /// What it may do.
    pub scope: ApiKeyScope,
    /// When it stops working.
    pub expires_at: Option<NaiveDateTime>,
    /// When it was last used (to the minute).
    pub last_used_at: Option<NaiveDateTime>,
    /// Who made it.
    pub created_by: Option<UserId>,
    /// Made.
    pub created_at: NaiveDateTime,
    /// Revoked.
    pub revoked_at: Option<NaiveDateTime>,
}

/// Stores a key.
pub fn insert(conn: &mut DbConnection, row: &ApiKeyRow) -> QueryResult<()> {
    diesel::insert_into(api_keys::table)
        .values(row)
        .execute(conn)
        .map(drop)
}

/// The team's keys not revoked, newest first, with their makers' names.
pub fn list(
    conn: &mut DbConnection,
    team: TeamId,
) -> QueryResult<Vec<(ApiKeyRow, Option<String>)>> {
    api_keys::table
        .left_join(users::table.on(api_keys::created_by.eq(users::id.nullable())))
        .filter(api_keys::team_id.eq(team))
        .filter(api_keys::revoked_at.is_null())
        .order(api_keys::id.desc())
        .select((ApiKeyRow::as_select(), users::name.nullable()))
        .load(conn)
}

/// The key of a secret's prefix.
pub fn find_by_prefix(conn: &mut DbConnection, prefix: &str) -> QueryResult<Option<ApiKeyRow>> {
    api_keys::table
        .filter(api_keys::prefix.eq(prefix))
        .select(ApiKeyRow::as_select())
        .first(conn)
        .optional()
}

/// Revokes one of the team's keys at `now`; whether there was one to revoke.
pub fn revoke(
    conn: &mut DbConnection,
    team: TeamId,
    id: ApiKeyId,
    now: NaiveDateTime,
) -> QueryResult<bool> {
    diesel::update(
        api_keys::table
            .filter(api_keys::id.eq(id))
            .filter(api_keys::team_id.eq(team))
            .filter(api_keys::revoked_at.is_null()),
    )
    .set(api_keys::revoked_at.eq(now))
    .execute(conn)
    .map(|changed| changed == 1)
}

/// Records a use at `now`, at most once a minute (a key may send hundreds of requests a minute).
pub fn touch(conn: &mut DbConnection, id: ApiKeyId, now: NaiveDateTime) -> QueryResult<()> {
    let minute_ago = now - chrono::Duration::minutes(1);
    diesel::update(
        api_keys::table.filter(api_keys::id.eq(id)).filter(
            api_keys::last_used_at
                .is_null()
                .or(api_keys::last_used_at.lt(minute_ago)),
        ),
    )
    .set(api_keys::last_used_at.eq(now))
    .execute(conn)
    .map(drop)
}

/// Whether `user` is a live (not revoked) key of `team`: it works there as a member.
pub fn is_key_of(conn: &mut DbConnection, team: TeamId, user: UserId) -> QueryResult<bool> {
    diesel::select(diesel::dsl::exists(
        api_keys::table
            .filter(api_keys::team_id.eq(team))
            .filter(api_keys::user_id.eq(user))
            .filter(api_keys::revoked_at.is_null()),
    ))
    .get_result(conn)
}
