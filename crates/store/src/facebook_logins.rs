//! Facebook logins under way: started for a team by one of its people (the one-time `state` kept
//! as a hash), given a sealed long-lived token when Facebook sends the person back, ended when a
//! page is picked or when they expire.

use chrono::NaiveDateTime;
use diesel::prelude::*;
use rapport_domain::{FacebookLoginId, TeamId, UserId};

use crate::schema::facebook_logins;
use crate::DbConnection;

/// A stored login.
#[derive(Debug, Clone, PartialEq, Eq, Queryable, Selectable, Insertable)]
#[diesel(table_name = facebook_logins)]
pub struct FacebookLoginRow {
    /// UUIDv7.
    pub id: FacebookLoginId,
    /// The team it connects for.
    pub team_id: TeamId,
    /// Who started it (only they may finish it).
    pub user_id: UserId,
    /// `instagram` or `facebook`.
    pub connect: String,
    /// The keyed hash of its `state`.
    pub state_hash: String,
    /// The long-lived user token, sealed, once Facebook sent the person back.
    pub secret: Option<String>,
    /// The data key that sealed it.
    pub secret_key_id: Option<String>,
    /// Started.
    pub created_at: NaiveDateTime,
    /// Good until.
    pub expires_at: NaiveDateTime,
}

/// Stores a login just started, and forgets those expired.
pub fn insert(
    conn: &mut DbConnection,
    row: &FacebookLoginRow,
    now: NaiveDateTime,
) -> QueryResult<()> {
    diesel::delete(facebook_logins::table.filter(facebook_logins::expires_at.le(now)))
        .execute(conn)?;
    diesel::insert_into(facebook_logins::table)
        .values(row)
        .execute(conn)
        .map(drop)
}

/// The login of a `state` (by its hash).
pub fn find_by_state(
    conn: &mut DbConnection,
    state_hash: &str,
) -> QueryResult<Option<FacebookLoginRow>> {
    facebook_logins::table
        .filter(facebook_logins::state_hash.eq(state_hash))
        .select(FacebookLoginRow::as_select())
        .first(conn)
        .optional()
}

/// A login.
pub fn find(conn: &mut DbConnection, id: FacebookLoginId) -> QueryResult<Option<FacebookLoginRow>> {
    facebook_logins::table
        .find(id)
        .select(FacebookLoginRow::as_select())
        .first(conn)
        .optional()
}

/// Gives a login its sealed token; answers false when it had one already (its `state` was used).
pub fn set_secret(
    conn: &mut DbConnection,
    id: FacebookLoginId,
    secret: &str,
    key_id: &str,
) -> QueryResult<bool> {
    let changed = diesel::update(
        facebook_logins::table
            .filter(facebook_logins::id.eq(id))
            .filter(facebook_logins::secret.is_null()),
    )
    .set((
        facebook_logins::secret.eq(secret),
        facebook_logins::secret_key_id.eq(key_id),
    ))
    .execute(conn)?;
    Ok(changed == 1)
}

/// Ends a login (a page was picked).
pub fn delete(conn: &mut DbConnection, id: FacebookLoginId) -> QueryResult<()> {
    diesel::delete(facebook_logins::table.find(id))
        .execute(conn)
        .map(drop)
}
